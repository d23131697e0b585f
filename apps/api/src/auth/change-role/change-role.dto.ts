import { AccountScopeDto, IsReason } from '../shared/account-fields';

export class ChangeRoleDto extends AccountScopeDto {
  @IsReason(false)
  reason?: string;
}
