// The banner every signed-in page shows when the figures lag behind the ledger, or when the server cannot be reached.
import type { ReactNode } from 'react';
import { Alert } from 'antd';
import dayjs from 'dayjs';
import type { Freshness } from '@campaign-ledger/api-contract';
import { useFreshness } from '../hooks/useFreshness';
import { useI18n } from '../i18n/i18n';

type T = ReturnType<typeof useI18n>['t'];

export function durationText(seconds: number, t: T): string {
  const s = Math.max(1, Math.round(seconds));
  if (s < 120) return t('durationSeconds', { n: s });
  const minutes = Math.round(s / 60);
  if (minutes < 120) return t('durationMinutes', { n: minutes });
  return t('durationHours', { n: Math.round(minutes / 60) });
}

const moment = (iso: string | number) => dayjs(iso).format('YYYY-MM-DD HH:mm:ss');

function delayedDetails(freshness: Freshness, checkedAt: number, t: T): string {
  const parts: string[] = [];
  if (freshness.heldBack) parts.push(t('freshnessHeldBack', { since: moment(freshness.heldBack.since), n: freshness.heldBack.events }));
  else if (freshness.eventsBehind > 0) parts.push(t('freshnessEventsBehind', { n: freshness.eventsBehind }));
  if (!freshness.ok) parts.push(t('freshnessStopped'));
  parts.push(t('freshnessCheckedAt', { time: moment(checkedAt) }));
  return parts.join(' ');
}

/** Stays in sight under the sticky header while the page scrolls. */
const Sticky = ({ children }: { children: ReactNode }) => <div style={{ position: 'sticky', top: 56, zIndex: 9 }}>{children}</div>;

export function FreshnessBanner() {
  const { t } = useI18n();
  const state = useFreshness();
  if (state.kind === 'fresh') return null;
  if (state.kind === 'offline') {
    return (
      <Sticky>
        <Alert
          type="error"
          banner
          showIcon
          data-testid="freshness-banner"
          data-kind="offline"
          title={t('offlineTitle', { time: dayjs(state.since).format('HH:mm') })}
          description={t('offlineHint', { since: moment(state.since) })}
        />
      </Sticky>
    );
  }
  const { freshness, checkedAt } = state;
  const heldFor = freshness.heldBack ? (checkedAt - Date.parse(freshness.heldBack.since)) / 1000 : 0;
  const behind = Math.max(freshness.secondsBehind, heldFor);
  return (
    <Sticky>
      <Alert
        type="warning"
        banner
        showIcon
        data-testid="freshness-banner"
        data-kind="delayed"
        title={t('freshnessDelayed', { duration: durationText(behind, t) })}
        description={delayedDetails(freshness, checkedAt, t)}
      />
    </Sticky>
  );
}
