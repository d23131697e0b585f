import {
  foldEvents,
  organisationDecider,
  campaignDecider,
  type CampaignEvent,
  type OrganisationEvent,
  type PlannedCampaign,
  type RegisteredOrganisation,
} from '@campaign-ledger/domain';
import { buildDemoOffice } from './demo-office';

describe('demo office', () => {
  const demo = buildDemoOffice('2026-11-24');

  it('has 10 branches and 150 members, two of them exempt', () => {
    const org = foldEvents(organisationDecider, demo.batches[0].events as OrganisationEvent[]);
    expect(org.status).toBe('registered');
    const registered = org as RegisteredOrganisation;
    expect(Object.keys(registered.branches)).toHaveLength(10);
    expect(Object.values(registered.members)).toHaveLength(150);
    expect(demo.batches[0].events.filter((e) => e.type === 'MemberExempted')).toHaveLength(2);
  });

  it('plans the 2009 campaign so that today falls in stage 1, which is open', () => {
    const state = foldEvents(campaignDecider, demo.batches[1].events as CampaignEvent[]);
    expect(state.status).toBe('planned');
    const campaign = state as PlannedCampaign;
    expect(campaign.tasks).toHaveLength(39);
    const stage1 = campaign.stages.find((s) => s.stageId === 'S1');
    expect(stage1?.status).toBe('open');
    expect(demo.startDate <= '2026-11-24').toBe(true);
    expect((stage1?.endDate ?? '') >= '2026-11-24').toBe(true);
  });

  it('records some but not all of the work already due', () => {
    const work = demo.batches.slice(2).flatMap((b) => b.events);
    expect(work.filter((e) => e.type === 'TaskCompleted').length).toBeGreaterThan(20);
    expect(work.filter((e) => e.type === 'StudySessionRecorded')).toHaveLength(40);
  });
});
