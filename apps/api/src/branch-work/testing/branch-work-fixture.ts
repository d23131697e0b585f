// Given-state for the branch-work use-case specs: the office of seed-office (unit U1; branch B1 with M1 leader, M2, and
// M3 exempt since 1 March; branch B2 with M4; campaign C1 with quantity task Q1 and T11 cancelled) in an in-memory store,
// with the branch-work writer and the handlers a spec names. Today is 2009-04-01 in the office.
import type { Provider } from '@nestjs/common';
import type { BranchWorkCommand, EvidenceFile } from '@campaign-ledger/domain';
import type { Principal } from '@api/auth/principal';
import { principalOf, startUseCases, type UseCaseHarness } from '@api/testing/use-case-harness';
import { BranchWorkWriter } from '../shared/branch-work.writer';
import { seedOffice } from './seed-office';

export { CAMPAIGN, CANCELLED_TASK, QUANTITY_TASK, UNIT } from './seed-office';

export const TODAY = '2009-04-01';

export const SECRETARY_B1 = principalOf('secretary', { branchId: 'B1' });
export const SECRETARY_B2 = principalOf('secretary', { branchId: 'B2' });
export const LEADER = principalOf('leading_group');
export const AUDITOR = principalOf('auditor');

export interface BranchWorkFixture extends UseCaseHarness {
  /** Records branch work as `principal` through the writer (roster taken on `asOf`, today by default); what a spec then checks starts after it. */
  given(principal: Principal, command: BranchWorkCommand, asOf?: string): Promise<void>;
}

/** The branch-work context with the handlers named, over the seeded office. */
export async function branchWorkFixture(handlers: readonly Provider[]): Promise<BranchWorkFixture> {
  const harness = await startUseCases([BranchWorkWriter, ...handlers]);
  await seedOffice(harness.store);
  await harness.mark();
  return {
    ...harness,
    async given(principal, command, asOf = TODAY) {
      await harness.get(BranchWorkWriter).write(principal, command, { asOf });
      await harness.mark();
    },
  };
}

/** The completion of an instance of C1 as the branch's secretary records it today (no command id). */
export const completion = (branchId: string, instanceKey: string, note = '', evidence: readonly EvidenceFile[] = []): BranchWorkCommand => ({
  type: 'CompleteTaskInstance',
  data: { campaignId: 'C1', branchId, instanceKey, note, evidence, completedOn: TODAY, by: `acc-secretary-${branchId}` },
});
