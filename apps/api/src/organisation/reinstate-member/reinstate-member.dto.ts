import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsIsoDateString, IsText } from '../shared/organisation.validation';

export class ReinstateMemberDto {
  @ApiProperty({ example: '2009-05-04', description: 'First active day again, YYYY-MM-DD' })
  @IsIsoDateString()
  on!: string;

  @ApiPropertyOptional({ example: '病愈返岗' })
  @IsOptional()
  @IsText('note', 500)
  note?: string;
}
