// Queries of the three-ones read model: a branch's grid of members and items.
import type { BranchThreeOnes } from '@campaign-ledger/api-contract';
import { ratio } from '@campaign-ledger/domain';
import type { ReadModelSource } from '../../queries/source';
import { campaignOrThrow } from '../plan-counters/plan-counters.queries';

/** "Three ones" per active member of a branch, and per member with anything recorded there. */
export async function branchThreeOnes(source: ReadModelSource, campaignId: string, branchId: string): Promise<BranchThreeOnes> {
  const campaign = await campaignOrThrow(source, campaignId);
  const [members, records] = await Promise.all([
    source.rows('member', { unit_id: campaign.unit_id, branch_id: branchId }),
    source.rows('three_ones', { campaign_id: campaignId, branch_id: branchId }),
  ]);
  const byMember = new Map(records.map((r) => [r.member_id, r]));
  const ids = new Set([...members.filter((m) => m.status === 'active').map((m) => m.member_id), ...records.map((r) => r.member_id)]);
  const names = new Map(members.map((m) => [m.member_id, m.name]));
  const list = [...ids].sort().map((memberId) => {
    const r = byMember.get(memberId);
    const reading = r?.reading_on ?? null;
    const talk = r?.talk_on ?? null;
    const essay = r?.essay_on ?? null;
    return { memberId, name: names.get(memberId) ?? null, reading, talk, essay, complete: reading !== null && talk !== null && essay !== null };
  });
  return { members: list, complete: ratio(list.filter((m) => m.complete).length, list.length) };
}
