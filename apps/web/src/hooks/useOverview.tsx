import { useCallback } from 'react';
import * as api from '../api/client';
import type { Overview } from '../api/types';
import { useCampaign, useCurrentCampaign } from '../campaign-context';
import { useLive } from './useLive';

/** The campaign overview, kept current by the overview stream (or polling when the stream is not there). */
export function useLiveOverview() {
  const { unit } = useCampaign();
  const campaign = useCurrentCampaign();
  const fetch = useCallback((signal: AbortSignal) => api.getOverview(campaign, unit, signal), [campaign, unit]);
  const fromEvent = useCallback((data: string, previous: Overview | null) => api.mergeOverviewPush(data, previous, campaign), [campaign]);
  return useLive<Overview>({
    key: `${campaign.campaignId}:${campaign.revision}:${unit?.revision ?? ''}`,
    fetch,
    fromEvent,
    streamUrl: api.overviewStreamUrl(campaign.campaignId),
  });
}
