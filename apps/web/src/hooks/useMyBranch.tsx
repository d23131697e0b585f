import { useCallback, useEffect, useState } from 'react';
import * as api from '../api/client';
import type { BranchDashboard, Roster } from '../api/types';
import { useAccount } from '../auth/session';
import { useCurrentCampaign } from '../campaign-context';
import { useLive } from './useLive';

const SECRETARY_POLL_MS = 4000;

/** The secretary's own branch: its roster and its ledger in the current campaign, refreshed after every write. */
export function useMyBranch(branchId: string) {
  const account = useAccount();
  const campaign = useCurrentCampaign();
  const [roster, setRoster] = useState<Roster | null>(null);
  const [rosterError, setRosterError] = useState<unknown>(null);

  useEffect(() => {
    if (!account.unitId) return;
    api.getRoster(account.unitId, branchId).then(setRoster, setRosterError);
  }, [account.unitId, branchId]);

  const fetch = useCallback((signal: AbortSignal) => api.getBranchDashboard(campaign, branchId, signal), [campaign, branchId]);
  const live = useLive<BranchDashboard>({ key: `${campaign.campaignId}:${branchId}:${campaign.revision}`, fetch, streamUrl: null, pollMs: SECRETARY_POLL_MS });
  const names = new Map((roster?.members ?? []).map((m) => [m.memberId, m.name]));
  const name = (id: string) => names.get(id) ?? id;
  return { branchId, campaign, roster, rosterError, name, ...live };
}
