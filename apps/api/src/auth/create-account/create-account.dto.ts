import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches, ValidateIf } from 'class-validator';
import { ROLES, type Role } from '@campaign-ledger/domain';

export class CreateAccountDto {
  @ApiProperty({ example: 'secretary-b1' })
  @Matches(/^[A-Za-z0-9._-]{2,64}$/, { message: 'username must be 2..64 letters, digits, dot, dash or underscore' })
  username!: string;

  @ApiProperty({ example: '张书记' })
  @IsString()
  @Length(1, 100)
  displayName!: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES as unknown as string[], { message: `role must be one of: ${ROLES.join(', ')}` })
  role!: Role;

  @ApiPropertyOptional({ description: 'Unit the account works in' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  unitId?: string;

  @ApiPropertyOptional({ description: 'Required for a secretary: the branch they write for' })
  @ValidateIf((dto: CreateAccountDto) => dto.role === 'secretary' || dto.branchId !== undefined)
  @IsString({ message: 'branchId is required for a secretary' })
  @Length(1, 100)
  branchId?: string;

  @ApiProperty({ minLength: 8 })
  @IsString()
  @Length(8, 200, { message: 'password must be 8..200 characters' })
  password!: string;
}
