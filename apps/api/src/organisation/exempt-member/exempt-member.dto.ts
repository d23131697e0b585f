import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsIsoDateString, IsText } from '../shared/organisation.validation';

export class ExemptMemberDto {
  @ApiProperty({ example: '长期病假', description: 'Why the member is exempt (long illness, abroad...); required' })
  @IsText('reason', 500)
  reason!: string;

  @ApiProperty({ example: '2009-04-01', description: 'First exempt day, YYYY-MM-DD' })
  @IsIsoDateString()
  from!: string;

  @ApiPropertyOptional({ example: '2009-06-30', description: 'Last exempt day, YYYY-MM-DD; omit for an open-ended exemption' })
  @IsOptional()
  @IsIsoDateString()
  until?: string;
}
