// "Today" for the office: campaign dates are calendar days in China (UTC+8, no daylight saving).
import type { Clock } from '@campaign-ledger/event-store';
import type { IsoDate } from '@campaign-ledger/domain';

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

export const officeToday = (clock: Clock): IsoDate => new Date(clock.now().getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
