// Small shared pieces: ratio figures, warning tags, API error display.
import { Alert, Progress, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { InstanceStatus, OverdueColour, Ratio, StageStatus } from '@campaign-ledger/api-contract';
import { ApiError } from '../api/client';
import { useI18n } from '../i18n/i18n';

export const pct = (r: Ratio): number => (r.denominator === 0 ? 0 : Math.round((r.numerator / r.denominator) * 1000) / 10);
export const pctText = (r: Ratio): string => (r.denominator === 0 ? '—' : `${pct(r)}%`);

export const COLOURS: Record<OverdueColour, string> = { red: 'error', amber: 'warning', green: 'success' };
export const BRAND = '#b71c1c';

export function WarningTag({ colour, daysLeft }: { colour: OverdueColour; daysLeft?: number }) {
  const { t } = useI18n();
  const label =
    daysLeft === undefined
      ? t(`colour_${colour}`)
      : daysLeft < 0
        ? t('daysOverdue', { n: -daysLeft })
        : daysLeft === 0
          ? t('dueToday')
          : t('daysRemaining', { n: daysLeft });
  return (
    <Tag color={COLOURS[colour]} data-colour={colour} style={{ marginInlineEnd: 0 }}>
      {label}
    </Tag>
  );
}

export function StageTag({ status }: { status: StageStatus }) {
  const { t } = useI18n();
  const colour = status === 'open' ? 'processing' : status === 'closed' ? 'default' : 'warning';
  return <Tag color={colour}>{t(`stage_${status}`)}</Tag>;
}

export function InstanceStatusTag({ status }: { status: InstanceStatus }) {
  const { t } = useI18n();
  const colour = status === 'completed' ? 'success' : status === 'carried_over' ? 'purple' : status === 'cancelled' ? 'default' : 'blue';
  return <Tag color={colour}>{t(`inst_${status}`)}</Tag>;
}

/** A completion figure: the bar, and the numbers it stands for (已完成 x / 应完成 y). */
export function RatioBar({ ratio, testId, size = 'default', overdue }: { ratio: Ratio; testId?: string; size?: 'small' | 'default'; overdue?: number }) {
  const { t } = useI18n();
  return (
    <div data-testid={testId}>
      <Progress percent={pct(ratio)} size={size === 'small' ? 'small' : undefined} strokeColor={BRAND} format={() => pctText(ratio)} />
      <Space size={8} wrap>
        <Typography.Text
          type="secondary"
          data-testid={testId ? `${testId}-numbers` : undefined}
          data-numerator={ratio.numerator}
          data-denominator={ratio.denominator}
        >
          {t('doneOfApplicable', { done: ratio.numerator, total: ratio.denominator })}
        </Typography.Text>
        {overdue ? <Tag color="error">{t('overdueCount', { n: overdue })}</Tag> : null}
      </Space>
    </div>
  );
}

export function errorText(error: unknown, lang: 'zh' | 'en'): string {
  if (error instanceof ApiError) return error.text(lang);
  return error instanceof Error ? error.message : String(error);
}

export function ErrorAlert({ error, action }: { error: unknown; action?: ReactNode }) {
  const { t, lang } = useI18n();
  if (!error) return null;
  const fields = error instanceof ApiError ? (error.body.fieldErrors ?? []) : [];
  return (
    <Alert
      type="error"
      showIcon
      title={t('errorTitle')}
      data-testid="error-alert"
      description={
        <div>
          <div>{errorText(error, lang)}</div>
          {fields.length > 0 && (
            <ul style={{ margin: '4px 0 0', paddingInlineStart: 18 }}>
              {fields.map((f) => (
                <li key={f.field}>
                  <code>{f.field}</code>: {f.messages.join('; ')}
                </li>
              ))}
            </ul>
          )}
        </div>
      }
      action={action}
      style={{ marginBottom: 16 }}
    />
  );
}

/** The field a domain validation error names (COMMAND.INVALID carries it as details.path), if any. */
function domainPath(error: ApiError): string | null {
  const details = error.body.details;
  return details && typeof details === 'object' && 'path' in details && typeof details.path === 'string' ? details.path : null;
}

/** Field-level errors from the API, ready for Form.Item validateStatus / help: fieldErrors, or the field a domain error names. */
export function fieldError(error: unknown, field: string, lang: 'zh' | 'en' = 'en'): { validateStatus?: 'error'; help?: string } {
  if (!(error instanceof ApiError)) return {};
  const messages = error.fieldMessages(field);
  if (messages.length) return { validateStatus: 'error', help: messages.join('; ') };
  if (domainPath(error) === field) return { validateStatus: 'error', help: error.text(lang).replace(new RegExp(`^${field}\\s*[:：]\\s*`), '') };
  return {};
}

/** Whether every problem the error names is shown on one of these fields, so that no separate alert is needed. */
export function shownOnFields(error: unknown, fields: readonly string[]): boolean {
  if (!(error instanceof ApiError)) return false;
  const listed = error.body.fieldErrors ?? [];
  if (listed.length > 0) return listed.every((f) => fields.some((name) => f.field === name || f.field.startsWith(`${name}.`)));
  const path = domainPath(error);
  return path !== null && fields.includes(path);
}
