// The campaign being looked at (chosen in the header, remembered) and the unit's organisation, loaded once per session.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { CampaignSummary, CampaignView, OrganisationView } from '@campaign-ledger/api-contract';
import * as api from './api/client';
import { useAccount } from './auth/session';

const STORAGE_KEY = 'ledger.campaign';

interface CampaignContext {
  readonly campaigns: readonly CampaignSummary[];
  readonly campaign: CampaignView | null;
  /** The unit's organisation; null for a secretary (who reads only their own roster). */
  readonly unit: OrganisationView | null;
  readonly loading: boolean;
  readonly error: unknown;
  readonly select: (campaignId: string) => void;
  readonly reload: () => Promise<CampaignView | null>;
  readonly setCampaign: (campaign: CampaignView) => void;
  /** A campaign just planned: it joins the list and becomes the one looked at. */
  readonly adopt: (campaign: CampaignView) => void;
  readonly branchName: (branchId: string) => string;
}

const Context = createContext<CampaignContext | null>(null);

export function CampaignProvider({ children }: { children: ReactNode }) {
  const account = useAccount();
  const [campaigns, setCampaigns] = useState<readonly CampaignSummary[]>([]);
  const [selected, setSelected] = useState<string | null>(() => localStorage.getItem(STORAGE_KEY));
  const [campaign, setCampaign] = useState<CampaignView | null>(null);
  const [unit, setUnit] = useState<OrganisationView | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let cancelled = false;
    setLoading(true);
    const unitId = account.role !== 'secretary' ? account.unitId : null;
    Promise.all([api.listCampaigns(account.unitId), unitId ? api.getUnit(unitId).catch(() => null) : Promise.resolve(null)])
      .then(([list, org]) => {
        if (cancelled) return;
        setCampaigns(list);
        setUnit(org);
        const pick = list.find((c) => c.campaignId === selected) ?? list.find((c) => c.status === 'planned') ?? list[0];
        if (!pick) setLoading(false);
        setSelected(pick?.campaignId ?? null);
      })
      .catch((e) => {
        if (!cancelled) {
          setError(e);
          setLoading(false);
        }
      });
    return () => {
      cancelled = true;
    };
  }, [account.accountId]);

  const reload = useCallback(async () => {
    if (!selected) return null;
    try {
      const next = await api.getCampaign(selected);
      setCampaign(next);
      setError(null);
      return next;
    } catch (e) {
      setError(e);
      return null;
    } finally {
      setLoading(false);
    }
  }, [selected]);

  useEffect(() => {
    if (selected) void reload();
  }, [selected, reload]);

  const select = useCallback((campaignId: string) => {
    localStorage.setItem(STORAGE_KEY, campaignId);
    setCampaign(null);
    setLoading(true);
    setSelected(campaignId);
  }, []);

  const adopt = useCallback(
    (next: CampaignView) => {
      const summary: CampaignSummary = {
        campaignId: next.campaignId,
        unitId: next.unitId,
        name: next.name,
        templateCode: next.templateCode ?? null,
        startDate: next.startDate,
        endDate: next.endDate,
        status: next.status,
        currentStageId: next.currentStageId,
        closedOn: next.closedOn,
      };
      localStorage.setItem(STORAGE_KEY, next.campaignId);
      setCampaigns((list) => [summary, ...list.filter((c) => c.campaignId !== next.campaignId)]);
      setCampaign(next);
      setError(null);
      setLoading(false);
      setSelected(next.campaignId);
      // Branches may have been added since the session began: names for the new campaign's pages.
      if (account.role !== 'secretary') api.getUnit(next.unitId).then(setUnit, () => undefined);
    },
    [account.role],
  );

  const branchName = useCallback(
    (branchId: string) => unit?.branches.find((b) => b.branchId === branchId)?.name ?? (branchId === campaign?.officeBranchId ? '—' : branchId),
    [unit, campaign],
  );

  const value = useMemo(
    () => ({ campaigns, campaign, unit, loading, error, select, reload, setCampaign, adopt, branchName }),
    [campaigns, campaign, unit, loading, error, select, reload, adopt, branchName],
  );
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

/** For pages behind the campaign gate: the campaign is loaded. */
export function useCurrentCampaign(): CampaignView {
  const { campaign } = useCampaign();
  if (!campaign) throw new Error('no campaign loaded');
  return campaign;
}

export function useCampaign(): CampaignContext {
  const value = useContext(Context);
  if (!value) throw new Error('useCampaign outside CampaignProvider');
  return value;
}
