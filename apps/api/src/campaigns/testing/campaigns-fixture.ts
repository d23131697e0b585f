// Given-state for the campaigns use-case specs: the office of seed-office (unit U1, branches B1 and B2, campaign C1 from
// the 2009 template with Q1 added and T11 cancelled, no stage open yet) in an in-memory store, with the campaigns
// context's providers and the handlers a spec names. Today is 2009-04-01 in the office (week 3 of stage S1).
import type { Provider } from '@nestjs/common';
import { campaignDecider, campaignStream, findBuiltinTemplate, type CampaignCommand, type UnfinishedInstance } from '@campaign-ledger/domain';
import { CampaignUnits } from '@api/auth/campaign-units';
import { completion } from '@api/branch-work/testing/branch-work-fixture';
import { seedOffice } from '@api/branch-work/testing/seed-office';
import { BranchWorkWriter } from '@api/branch-work/shared/branch-work.writer';
import { AggregateStore } from '@api/infrastructure/event-sourcing/aggregate-store';
import { principalOf, startUseCases, type UseCaseHarness } from '@api/testing/use-case-harness';
import { CampaignContext } from '../campaign-context';
import { CampaignWriter } from '../campaign-writer';
import { CampaignCatalogue } from '../list-campaigns/campaign-catalogue';
import { StageWork } from '../stage-work';

export { CAMPAIGN, CANCELLED_TASK, END, QUANTITY_TASK, START, UNIT } from '@api/branch-work/testing/seed-office';

export const TODAY = '2009-04-01';
/** C1's revision as seeded: planned, Q1 added, T11 cancelled. */
export const SEEDED_REVISION = 2;

export const LEADER = principalOf('leading_group');
export const OTHER_UNIT_LEADER = principalOf('leading_group', { unitId: 'U2' });
export const SECRETARY_B1 = principalOf('secretary', { branchId: 'B1' });
export const ROOT = principalOf('administrator', { unitId: null });

export const openStage = (stageId: string, on = TODAY): CampaignCommand => ({ type: 'OpenStage', data: { stageId, on, by: 'office' } });
export const closeStage = (stageId: string, unfinished: readonly UnfinishedInstance[] = [], on = TODAY): CampaignCommand => ({
  type: 'CloseStage',
  data: { stageId, on, by: 'office', unfinished, carryOver: unfinished.length > 0, note: null },
});

/** The 2009 template as a built-in loads it. */
export function sdp2009() {
  const template = findBuiltinTemplate('sdp-2009')?.load();
  if (!template) throw new Error('the built-in sdp-2009 template is missing');
  return template;
}

/** Another campaign of the 2009 template, planned for `unitId` from `startDate` (a Monday) for 24 weeks. */
export const planOf = (campaignId: string, unitId: string, startDate: string, endDate: string): CampaignCommand => ({
  type: 'PlanCampaign',
  data: { campaignId, name: `活动 ${campaignId}`, unitId, template: sdp2009(), startDate, endDate, createdBy: 'office' },
});

export interface CampaignsFixture extends UseCaseHarness {
  /** Runs commands on a campaign (C1 by default) as the office, through the campaign writer; what a spec then checks starts after them. */
  given(commands: readonly CampaignCommand[], campaignId?: string): Promise<void>;
  /** Records the completion of an instance of C1 today, as the branch's secretary. */
  completed(branchId: string, instanceKey: string): Promise<void>;
  /** The campaign stream's revision as stored (-1 when it does not exist). */
  revision(campaignId?: string): Promise<number>;
}

/** The campaigns context with the handlers named, over the seeded office. */
export async function campaignsFixture(handlers: readonly Provider[]): Promise<CampaignsFixture> {
  const harness = await startUseCases([CampaignContext, CampaignWriter, StageWork, CampaignCatalogue, CampaignUnits, BranchWorkWriter, ...handlers]);
  await seedOffice(harness.store);
  await harness.mark();
  return {
    ...harness,
    async given(commands, campaignId = 'C1') {
      const writer = harness.get(CampaignWriter);
      for (const command of commands) await writer.write(campaignId, command, LEADER);
      await harness.mark();
    },
    async completed(branchId, instanceKey) {
      await harness.get(BranchWorkWriter).write(principalOf('secretary', { branchId }), completion(branchId, instanceKey), { asOf: TODAY });
    },
    async revision(campaignId = 'C1') {
      return (await harness.get(AggregateStore).load(campaignStream(campaignId), campaignDecider)).revision;
    },
  };
}
