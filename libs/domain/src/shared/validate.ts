// Small guards deciders use to check command fields before applying rules.
import { isIsoDate, type IsoDate } from './dates';
import { InvalidCommand, ReasonRequired } from './errors';

export function requireText(value: unknown, path: string): string {
  if (typeof value !== 'string' || value.trim().length === 0) throw InvalidCommand.field(path, 'must be a non-empty text', '不能为空');
  return value.trim();
}

export function optionalText(value: unknown, path: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw InvalidCommand.field(path, 'must be a text', '必须是文本');
  return value.trim();
}

export function requireDate(value: unknown, path: string): IsoDate {
  if (!isIsoDate(value)) throw InvalidCommand.field(path, 'must be a date written YYYY-MM-DD', '必须是 YYYY-MM-DD 格式的日期');
  return value;
}

export function requireReason(value: unknown, action: string): string {
  if (typeof value !== 'string' || value.trim().length === 0) throw ReasonRequired.for(action);
  return value.trim();
}
