import { useCallback } from 'react';
import * as api from '../api/client';
import type { OverviewFigures } from '../api/views';
import { useCampaign, useCurrentCampaign } from '../campaign-context';
import { useLive } from './useLive';

/** The campaign overview, kept current by the overview stream (or polling when the stream is not there). */
export function useLiveOverview() {
  const { unit } = useCampaign();
  const campaign = useCurrentCampaign();
  const fetch = useCallback((signal: AbortSignal) => api.getOverview(campaign.campaignId, signal), [campaign.campaignId]);
  return useLive<OverviewFigures>({
    key: `${campaign.campaignId}:${campaign.revision}:${unit?.revision ?? ''}`,
    fetch,
    fromEvent: api.mergeOverviewPush,
    streamUrl: api.overviewStreamUrl(campaign.campaignId),
  });
}
