import { useCallback, useEffect, useState } from 'react';
import type { BranchDashboardAnswer, Roster } from '@campaign-ledger/api-contract';
import * as api from '../api/client';
import { useAccount } from '../auth/session';
import { useCurrentCampaign } from '../campaign-context';
import { useLive } from './useLive';

/** The read model follows the log within a moment: a second read this long after a write shows it if the first came too early. */
const SETTLE_MS = 800;

/**
 * The secretary's own branch: its roster, and its page in the current campaign (one answer, the dashboard), pushed by
 * the branch's dashboard stream (polled only while the stream is down) and read again after every write.
 */
export function useMyBranch(branchId: string) {
  const account = useAccount();
  const campaign = useCurrentCampaign();
  const [roster, setRoster] = useState<Roster | null>(null);
  const [rosterError, setRosterError] = useState<unknown>(null);

  useEffect(() => {
    if (!account.unitId) return;
    api.getRoster(account.unitId, branchId).then(setRoster, setRosterError);
  }, [account.unitId, branchId]);

  const fetch = useCallback((signal: AbortSignal) => api.getBranchDashboard(campaign.campaignId, branchId, signal), [campaign.campaignId, branchId]);
  const live = useLive<BranchDashboardAnswer>({
    key: `${campaign.campaignId}:${branchId}:${campaign.revision}`,
    fetch,
    fromEvent: api.dashboardFromPush,
    streamUrl: api.branchDashboardStreamUrl(campaign.campaignId, branchId),
  });
  const { refresh: readNow } = live;
  const refresh = useCallback(async () => {
    await readNow();
    setTimeout(() => void readNow(), SETTLE_MS);
  }, [readNow]);
  const names = new Map((roster?.members ?? []).map((m) => [m.memberId, m.name]));
  const name = (id: string) => names.get(id) ?? id;
  return { branchId, campaign, roster, rosterError, name, ...live, refresh };
}
