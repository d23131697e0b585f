// The office's 2009 campaign lived through March, each step recorded at its own moment on the harness clock: for the
// specs of the use cases that read the log as it stood at a moment (audit diffs and states, read models as of a day).
import {
  branchWorkDecider,
  branchWorkStream,
  campaignDecider,
  campaignStream,
  organisationDecider,
  organisationStream,
  rosterOn,
  type BranchWorkCommand,
  type CampaignCommand,
} from '@campaign-ledger/domain';
import { seedOffice } from '@api/branch-work/testing/seed-office';
import { AggregateStore } from '@api/infrastructure/event-sourcing/aggregate-store';
import type { UseCaseHarness } from './use-case-harness';

/** When each step was recorded (08:00 UTC is 16:00 in the office, the same office day). */
export const MOMENTS = {
  /** Unit U1 registered, C1 planned from the 2009 template, Q1 added and T11 cancelled. */
  planned: '2009-03-15T08:00:00Z',
  /** Stage S1 opened on 2009-03-16. */
  opened: '2009-03-16T08:00:00Z',
  /** B1 completes T05:branch:B1 and holds study session ss-1 (M1 present, M2 absent). */
  b1Worked: '2009-03-20T08:00:00Z',
  /** The leading group moves T13's deadline to 2009-05-17. */
  deadlineMoved: '2009-03-25T08:00:00Z',
  /** B2 completes T05:branch:B2. */
  b2Worked: '2009-03-27T08:00:00Z',
  /** Where the clock is left: today is 2009-04-01. */
  now: '2009-04-01T02:00:00Z',
} as const;

const LEADER = { id: 'acc-leading_group', role: 'leading_group' };
const secretary = (branchId: string) => ({ id: `acc-secretary-${branchId}`, role: 'secretary' });

async function planChange(fx: UseCaseHarness, command: CampaignCommand, reason?: string): Promise<void> {
  await fx
    .get(AggregateStore)
    .handle(campaignStream('C1'), campaignDecider, command, () => undefined, { metadata: { actor: LEADER, ...(reason ? { reason } : {}) } });
}

async function branchWork(fx: UseCaseHarness, branchId: string, commands: readonly BranchWorkCommand[]): Promise<void> {
  const aggregates = fx.get(AggregateStore);
  for (const command of commands) {
    const plan = (await aggregates.load(campaignStream('C1'), campaignDecider)).state;
    const organisation = (await aggregates.load(organisationStream('U1'), organisationDecider)).state;
    const roster = rosterOn(organisation, branchId, '2009-03-20');
    await aggregates.handle(branchWorkStream('C1', branchId), branchWorkDecider, command, () => ({ plan, roster }), {
      metadata: { actor: secretary(branchId) },
    });
  }
}

const completed = (branchId: string, on: string): BranchWorkCommand => ({
  type: 'CompleteTaskInstance',
  data: {
    campaignId: 'C1',
    branchId,
    instanceKey: `T05:branch:${branchId}`,
    note: '已制定学习计划',
    evidence: [],
    completedOn: on,
    by: secretary(branchId).id,
  },
});

/** Writes the whole timeline into the harness's (empty) store and leaves the clock at MOMENTS.now. */
export async function liveThroughMarch(fx: UseCaseHarness): Promise<void> {
  fx.clock.set(MOMENTS.planned);
  await seedOffice(fx.store);
  fx.clock.set(MOMENTS.opened);
  await planChange(fx, { type: 'OpenStage', data: { stageId: 'S1', on: '2009-03-16', by: LEADER.id } });
  fx.clock.set(MOMENTS.b1Worked);
  await branchWork(fx, 'B1', [
    completed('B1', '2009-03-20'),
    {
      type: 'RecordStudySession',
      data: {
        campaignId: 'C1',
        branchId: 'B1',
        sessionId: 'ss-1',
        date: '2009-03-20',
        topic: '集中学习',
        attendance: { M1: 'present', M2: 'absent' },
        by: secretary('B1').id,
      },
    },
  ]);
  fx.clock.set(MOMENTS.deadlineMoved);
  await planChange(fx, { type: 'MoveTaskDeadline', data: { taskId: 'T13', dueDate: '2009-05-17', reason: '调研时间延长', by: LEADER.id } }, '调研时间延长');
  fx.clock.set(MOMENTS.b2Worked);
  await branchWork(fx, 'B2', [completed('B2', '2009-03-27')]);
  fx.clock.set(MOMENTS.now);
  await fx.mark();
}
