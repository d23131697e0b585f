import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';
import { IsEntityId, IsIsoDateString, IsText } from '../shared/organisation.validation';

export class JoinMemberDto {
  @ApiProperty({ example: 'M001', description: 'Id of the member (党员编号), unique in the unit forever' })
  @IsEntityId('memberId')
  memberId!: string;

  @ApiProperty({ example: '王五' })
  @IsText('name')
  name!: string;

  @ApiProperty({ example: 'B1', description: 'The branch the member joins' })
  @IsEntityId('branchId')
  branchId!: string;

  @ApiPropertyOptional({ example: false, description: 'Member of the leading party group (党组成员)' })
  @IsOptional()
  @IsBoolean({ message: 'isLeader must be true or false' })
  isLeader?: boolean;

  @ApiProperty({ example: '2009-03-16', description: 'Date the member joined this unit, YYYY-MM-DD' })
  @IsIsoDateString()
  joinedOn!: string;
}
