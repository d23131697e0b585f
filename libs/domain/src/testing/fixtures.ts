// Shared given-state for the domain's specs: the 2009 campaign, a small user campaign, and rosters.
import { campaignDecider } from '../campaign/campaign.decider';
import type { CampaignEvent, CampaignPlanned } from '../campaign/campaign.events';
import type { PlannedCampaign } from '../campaign/campaign.state';
import type { Roster, RosterMember } from '../organisation/roster';
import { foldEvents } from '../shared/decider';
import { UNIT_LEVEL_BRANCH_ID } from '../shared/ids';
import { findBuiltinTemplate } from '../template/builtin';
import { parseTemplate } from '../template/parse-template';
import type { CampaignTemplate } from '../template/template.types';

export const START = '2009-03-16';
export const END = '2009-08-30';

export function sdp2009(): CampaignTemplate {
  const builtin = findBuiltinTemplate('sdp-2009');
  if (!builtin) throw new Error('sdp-2009 missing');
  return builtin.load();
}

export function planned2009(campaignId = 'C1', officeBranchId?: string): CampaignPlanned {
  const [event] = campaignDecider.decide(
    {
      type: 'PlanCampaign',
      data: { campaignId, name: '学习实践活动', unitId: 'U1', template: sdp2009(), startDate: START, endDate: END, createdBy: 'office', officeBranchId },
    },
    campaignDecider.initialState(),
  );
  return event as CampaignPlanned;
}

/** A small user-format campaign: one stage-less plan with a quantity task and an optional task. */
export const smallTemplateJson = {
  name: '小型活动',
  weeks: 4,
  tracks: [{ id: 'K1', name: '学习' }],
  tasks: [
    { id: 'A1', title: '支部学习计划', track: 'K1', scope: 'branch', due_week: 1 },
    { id: 'A2', title: '调研报告', track: 'K1', scope: 'branch', due_week: 4, kind: 'quantity', target: 10, challenge: 18 },
    { id: 'A3', title: '心得体会', track: 'K1', scope: 'member', due_date: '2009-03-29', mandatory: false },
    { id: 'A4', title: '每周学习', track: 'K1', scope: 'branch_recurring_weekly', due_week: 4 },
    { id: 'A5', title: '每人上报调研次数', track: 'K1', scope: 'member', due_week: 4, kind: 'quantity', target: 2 },
  ],
};

export function smallTemplate(): CampaignTemplate {
  const result = parseTemplate(smallTemplateJson);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.template;
}

export function plannedSmall(campaignId = 'C2'): CampaignPlanned {
  const [event] = campaignDecider.decide(
    {
      type: 'PlanCampaign',
      data: { campaignId, name: '小型活动', unitId: 'U1', template: smallTemplate(), startDate: START, endDate: '2009-04-12', createdBy: 'office' },
    },
    campaignDecider.initialState(),
  );
  return event as CampaignPlanned;
}

export function campaignOf(...events: CampaignEvent[]): PlannedCampaign {
  const state = foldEvents(campaignDecider, events);
  if (state.status === 'not_planned') throw new Error('not planned');
  return state;
}

export function member(memberId: string, options: Partial<Omit<RosterMember, 'memberId'>> = {}): RosterMember {
  return { memberId, name: options.name ?? `党员${memberId}`, isLeader: options.isLeader ?? false, status: options.status ?? 'active' };
}

export function roster(
  branchId: string,
  members: readonly RosterMember[],
  asOf = START,
  divisions = [
    { divisionId: 'D1', name: '秘书处' },
    { divisionId: 'D2', name: '人事处' },
  ],
): Roster {
  return { branchId, asOf, members, divisions };
}

export const unitRoster = (asOf = START): Roster => roster(UNIT_LEVEL_BRANCH_ID, [], asOf);

export const sha = (c: string): string => c.repeat(64).slice(0, 64);
export const evidence = (name = 'minutes.pdf', c = 'a') => ({ fileName: name, sha256: sha(c), size: 1024, contentType: 'application/pdf' });
