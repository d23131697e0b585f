import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsEntityId, IsIsoDateString, IsText } from '../shared/organisation.validation';

export class TransferMemberDto {
  @ApiProperty({ example: 'B2', description: 'The branch the member moves to' })
  @IsEntityId('toBranchId')
  toBranchId!: string;

  @ApiProperty({ example: '2009-04-01', description: 'First day in the new branch, YYYY-MM-DD' })
  @IsIsoDateString()
  on!: string;

  @ApiPropertyOptional({ example: '工作调动' })
  @IsOptional()
  @IsText('reason', 500)
  reason?: string;
}
