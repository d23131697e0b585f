import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';
import { AccountScopeDto, IsNewPassword } from '../shared/account-fields';

export class CreateAccountDto extends AccountScopeDto {
  @ApiProperty({ example: 'secretary-b1' })
  @Matches(/^[A-Za-z0-9._-]{2,64}$/, { message: 'username must be 2..64 letters, digits, dot, dash or underscore' })
  username!: string;

  @ApiProperty({ example: '张书记' })
  @IsString()
  @Length(1, 100)
  displayName!: string;

  @IsNewPassword()
  password!: string;
}
