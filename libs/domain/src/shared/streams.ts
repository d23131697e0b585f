// The one place stream ids are built: `<category>-<id>` so category projections (KurrentDB `$ce-`) work.
import { InvalidStreamId } from './errors';

export const StreamCategories = {
  organisation: 'organisation',
  campaign: 'campaign',
  branchWork: 'branchWork',
} as const;

function part(name: string, value: string): string {
  if (typeof value !== 'string' || value.length === 0 || value.includes(':') || value.startsWith('$')) throw InvalidStreamId.because(name, String(value));
  return value;
}

export const organisationStream = (unitId: string): string => `${StreamCategories.organisation}-${part('unit id', unitId)}`;
export const campaignStream = (campaignId: string): string => `${StreamCategories.campaign}-${part('campaign id', campaignId)}`;
export const branchWorkStream = (campaignId: string, branchId: string): string =>
  `${StreamCategories.branchWork}-${part('campaign id', campaignId)}:${part('branch id', branchId)}`;

/** Inverse of `branchWorkStream`; null for any other stream id. */
export function parseBranchWorkStream(streamId: string): { campaignId: string; branchId: string } | null {
  const prefix = `${StreamCategories.branchWork}-`;
  if (!streamId.startsWith(prefix)) return null;
  const [campaignId, branchId, ...rest] = streamId.slice(prefix.length).split(':');
  return campaignId && branchId && rest.length === 0 ? { campaignId, branchId } : null;
}
