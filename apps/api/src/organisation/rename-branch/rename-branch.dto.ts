import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsText } from '../shared/organisation.validation';

export class RenameBranchDto {
  @ApiProperty({ example: '机关第一党支部' })
  @IsText('name')
  name!: string;

  @ApiPropertyOptional({ example: '机构调整', description: 'Why, for the audit trail' })
  @IsOptional()
  @IsText('reason', 500)
  reason?: string;
}
