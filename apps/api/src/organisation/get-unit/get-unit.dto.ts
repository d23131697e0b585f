import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsIsoDateString } from '../shared/organisation.validation';

export class AsOfQueryDto {
  @ApiPropertyOptional({ example: '2009-03-16', description: 'Date to read the organisation as of, YYYY-MM-DD; today when omitted' })
  @IsOptional()
  @IsIsoDateString()
  on?: string;
}
