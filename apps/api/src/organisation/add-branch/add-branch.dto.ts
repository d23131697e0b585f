import { ApiProperty } from '@nestjs/swagger';
import { IsEntityId, IsText } from '../shared/organisation.validation';

export class AddBranchDto {
  @ApiProperty({ example: 'B1', description: 'Id of the branch (支部编号), unique in the unit; "_unit" is reserved' })
  @IsEntityId('branchId')
  branchId!: string;

  @ApiProperty({ example: '第一党支部' })
  @IsText('name')
  name!: string;

  @ApiProperty({ example: '张三', description: 'The branch secretary (书记)' })
  @IsText('secretaryName')
  secretaryName!: string;
}
