// "Today" for the office, from the injected clock: campaign dates are calendar days in China, not in UTC.
import type { IsoDate } from '@campaign-ledger/domain';
import type { Clock } from '@campaign-ledger/event-store';

export const OFFICE_TIME_ZONE = 'Asia/Shanghai';

const officeDate = new Intl.DateTimeFormat('en-CA', { timeZone: OFFICE_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

export const officeToday = (clock: Clock): IsoDate => officeDate.format(clock.now());
