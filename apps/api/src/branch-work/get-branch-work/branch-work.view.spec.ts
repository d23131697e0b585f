import type { BranchWorkEvent, InstanceRef } from '@campaign-ledger/domain';
import { foldBranchWorkView, type RecordedBranchWorkEvent } from './branch-work.view';

const ref: InstanceRef = {
  campaignId: 'C1',
  branchId: 'B1',
  instanceKey: 'T05:branch:B1',
  taskId: 'T05',
  stageId: 'S1',
  phaseId: 'P1',
  trackId: null,
  scope: 'branch',
  subjectId: 'B1',
  weekOf: null,
  dueDate: '2009-03-29',
  mandatory: true,
};
const file = (c: string) => ({ fileName: `${c}.pdf`, sha256: c.repeat(64), size: 10, contentType: 'application/pdf' });

function recorded(events: BranchWorkEvent[]): RecordedBranchWorkEvent[] {
  return events.map((event, revision) => ({
    ...event,
    revision,
    metadata: { actor: { id: `acc-${revision}`, role: 'secretary' }, occurredAt: `2009-04-01T00:00:0${revision}Z` },
  }));
}

describe('branch work view: a pure fold over the recorded stream', () => {
  it('is empty at revision -1 before anything is recorded', () => {
    expect(foldBranchWorkView('C1', 'B1', [])).toEqual({
      campaignId: 'C1',
      branchId: 'B1',
      revision: -1,
      instances: [],
      quantities: [],
      sessions: [],
      threeOnes: [],
      evidenceHashes: [],
    });
  });

  it('keeps every completion and reopening, the completion in force, and every evidence hash ever referenced', () => {
    const view = foldBranchWorkView(
      'C1',
      'B1',
      recorded([
        { type: 'TaskCompleted', data: { ...ref, completedOn: '2009-03-27', onTime: true, by: 'sec', note: 'first', evidence: [file('a')], commandId: null } },
        {
          type: 'TaskReopened',
          data: {
            campaignId: 'C1',
            branchId: 'B1',
            instanceKey: ref.instanceKey,
            taskId: 'T05',
            stageId: 'S1',
            reopenedOn: '2009-03-30',
            reason: 'missing sheet',
            by: 'sec',
          },
        },
        {
          type: 'TaskCompleted',
          data: { ...ref, completedOn: '2009-04-01', onTime: false, by: 'sec', note: 'second', evidence: [file('b')], commandId: null },
        },
      ]),
    );
    expect(view.revision).toBe(2);
    expect(view.instances).toHaveLength(1);
    const [instance] = view.instances;
    expect(instance).toMatchObject({
      status: 'completed',
      reopenCount: 1,
      completion: { note: 'second', onTime: false, recorded: { actorId: 'acc-2', revision: 2 } },
    });
    expect(instance.history.map((h) => h.kind)).toEqual(['completed', 'reopened', 'completed']);
    expect(view.evidenceHashes).toEqual(['a'.repeat(64), 'b'.repeat(64)]);
  });

  it('shows a reopened instance without a completion in force', () => {
    const view = foldBranchWorkView(
      'C1',
      'B1',
      recorded([
        { type: 'TaskCompleted', data: { ...ref, completedOn: '2009-03-27', onTime: true, by: 'sec', note: '', evidence: [], commandId: null } },
        {
          type: 'TaskReopened',
          data: {
            campaignId: 'C1',
            branchId: 'B1',
            instanceKey: ref.instanceKey,
            taskId: 'T05',
            stageId: 'S1',
            reopenedOn: '2009-03-30',
            reason: 'r',
            by: 'sec',
          },
        },
      ]),
    );
    expect(view.instances[0]).toMatchObject({ status: 'reopened', completion: null, reopenCount: 1 });
  });

  it('folds quantities with running totals, sessions with attendance and make-ups, and three ones', () => {
    const q = { ...ref, instanceKey: 'Q1:branch:B1', taskId: 'Q1', target: 20, challenge: 25 };
    const view = foldBranchWorkView(
      'C1',
      'B1',
      recorded([
        { type: 'QuantityReported', data: { ...q, amount: 5, on: '2009-03-30', note: null, by: 'sec', reportId: 'r1', actual: 5 } },
        { type: 'QuantityReported', data: { ...q, amount: 3, on: '2009-03-31', note: 'more', by: 'sec', reportId: null, actual: 8 } },
        {
          type: 'StudySessionRecorded',
          data: {
            campaignId: 'C1',
            branchId: 'B1',
            sessionId: 'S1',
            date: '2009-03-25',
            topic: 't',
            by: 'sec',
            attendance: { M1: 'present', M2: 'leave', M3: 'exempt' },
            expected: ['M1', 'M2'],
          },
        },
        {
          type: 'StudyMakeUpRecorded',
          data: {
            campaignId: 'C1',
            branchId: 'B1',
            sessionId: 'S1',
            sessionDate: '2009-03-25',
            memberId: 'M2',
            originalMark: 'leave',
            date: '2009-03-27',
            note: null,
            by: 'sec',
          },
        },
        {
          type: 'ThreeOnesRecorded',
          data: { campaignId: 'C1', branchId: 'B1', memberId: 'M1', item: 'essay', date: '2009-03-31', title: '心得', note: null, by: 'sec' },
        },
      ]),
    );
    expect(view.quantities).toEqual([
      expect.objectContaining({
        instanceKey: 'Q1:branch:B1',
        actual: 8,
        target: 20,
        challenge: 25,
        reports: [expect.objectContaining({ actualAfter: 5 }), expect.objectContaining({ actualAfter: 8, note: 'more' })],
      }),
    ]);
    expect(view.sessions).toEqual([
      expect.objectContaining({
        sessionId: 'S1',
        presentCount: 1,
        expected: ['M1', 'M2'],
        makeUps: [expect.objectContaining({ memberId: 'M2', originalMark: 'leave', recorded: expect.objectContaining({ revision: 3 }) })],
      }),
    ]);
    expect(view.threeOnes).toEqual([expect.objectContaining({ memberId: 'M1', item: 'essay', title: '心得' })]);
    expect(view.revision).toBe(4);
  });
});
