import { IsReason } from '../shared/account-fields';

/** Why an account is disabled or enabled again (kept in the log with the event). */
export class AccountReasonDto {
  @IsReason(true)
  reason!: string;
}
