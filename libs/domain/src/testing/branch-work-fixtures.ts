// Given-state shared by the branch-work specs (not a spec itself).
import type { CampaignEvent } from '../campaign/campaign.events';
import { campaignOf, member, planned2009, plannedSmall, roster } from './fixtures';
import type { BranchWorkContext } from '../branch-work/branch-work.decider';
import type { BranchWorkEvent } from '../branch-work/branch-work.events';

export const members = [member('M1', { isLeader: true }), member('M2'), member('M3', { status: 'exempt' })];

export function context(...extra: CampaignEvent[]): BranchWorkContext {
  return { plan: campaignOf(planned2009(), ...extra), roster: roster('B1', members) };
}

export function smallContext(branchMembers = [member('M1'), member('M2')]): BranchWorkContext {
  return { plan: campaignOf(plannedSmall()), roster: roster('B1', branchMembers) };
}

export const C = { campaignId: 'C1', branchId: 'B1' };

/** A study session of B1 on 2009-03-18: M1 present, M2 on leave, M3 exempt. */
export const recorded: BranchWorkEvent = {
  type: 'StudySessionRecorded',
  data: {
    campaignId: 'C1',
    branchId: 'B1',
    sessionId: 'S-0318',
    date: '2009-03-18',
    topic: '科学发展观学习',
    by: 'sec',
    attendance: { M1: 'present', M2: 'leave', M3: 'exempt' },
    expected: ['M1', 'M2'],
  },
};
