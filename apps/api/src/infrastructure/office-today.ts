// "Today" for the office, from the injected clock: campaign dates are calendar days in the office's time zone
// (OFFICE_TIME_ZONE, set at start-up), not in UTC.
import type { IsoDate } from '@campaign-ledger/domain';
import type { Clock } from '@campaign-ledger/event-store';
import { officeCalendar } from '@campaign-ledger/office-time';

export const officeToday = (clock: Clock): IsoDate => officeCalendar().today(clock);
