import { IsNewPassword, IsReason } from '../shared/account-fields';

export class ResetPasswordDto {
  @IsNewPassword()
  password!: string;

  @IsReason(false)
  reason?: string;
}
