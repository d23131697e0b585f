import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsText } from '../shared/organisation.validation';

export class ChangeBranchSecretaryDto {
  @ApiProperty({ example: '李四', description: 'The new secretary (书记)' })
  @IsText('secretaryName')
  secretaryName!: string;

  @ApiPropertyOptional({ example: '支部换届', description: 'Why, for the audit trail' })
  @IsOptional()
  @IsText('reason', 500)
  reason?: string;
}
