import { completed, reopened } from '../../../testing/recorded-events';
import { base, counts, given, row } from '../../../testing/given-events';

describe('instances read model: branch-work events', () => {
  it('TaskCompleted records the instance and counts it done once', () => {
    const rows = given(...base(), completed('T1:branch:B1'), completed('T1:branch:B1'));
    expect(row(rows, 'instance', { campaign_id: 'C1', branch_id: 'B1', instance_key: 'T1:branch:B1' })).toMatchObject({
      status: 'completed',
      completed_on: '2009-03-20',
      completed_by: 'Wang',
      evidence: ['a'.repeat(64)],
      reopen_count: 0,
    });
    expect(counts(rows, 'T1')).toEqual({ applicable: 1, done: 1 });
  });

  it('TaskReopened undoes the completion; completing again counts it again', () => {
    const undone = given(...base(), completed('T4:week:B1:2009-03-16', { weekOf: '2009-03-16', phaseId: 'P2' }), reopened('T4:week:B1:2009-03-16'));
    expect(row(undone, 'instance', { campaign_id: 'C1', branch_id: 'B1', instance_key: 'T4:week:B1:2009-03-16' })).toMatchObject({
      status: 'reopened',
      reopen_count: 1,
      completed_on: null,
    });
    expect(counts(undone, 'T4', 'B1', '2009-03-16')).toEqual({ applicable: 1, done: 0 });
    const redone = given(...base(), completed('T2:member:M1'), reopened('T2:member:M1'), completed('T2:member:M1'));
    expect(counts(redone, 'T2')).toEqual({ applicable: 3, done: 1 });
    expect(row(redone, 'instance', { campaign_id: 'C1', branch_id: 'B1', instance_key: 'T2:member:M1' })?.reopen_count).toBe(1);
  });

  it('QuantityReported keeps the running total on the instance', () => {
    const rows = given(...base(), {
      type: 'QuantityReported',
      data: {
        ...(completed('T7:branch:B1').data as object),
        amount: 4,
        on: '2009-04-10',
        note: null,
        by: 'Wang',
        reportId: 'r1',
        actual: 4,
        target: 10,
        challenge: 15,
      },
    });
    expect(row(rows, 'instance', { campaign_id: 'C1', branch_id: 'B1', instance_key: 'T7:branch:B1' })).toMatchObject({ actual: 4, status: 'open' });
  });

  it('keeps the note of the completion in force: cleared on reopening, the new one on completing again', () => {
    const noted = (instanceKey: string, note: string) => {
      const event = completed(instanceKey);
      return { ...event, data: { ...(event.data as object), note } };
    };
    const key = { campaign_id: 'C1', branch_id: 'B1', instance_key: 'T2:member:M1' };
    expect(row(given(...base(), noted('T2:member:M1', '已提交学习笔记')), 'instance', key)?.note).toBe('已提交学习笔记');
    expect(row(given(...base(), noted('T2:member:M1', '')), 'instance', key)?.note).toBeNull();
    expect(row(given(...base(), completed('T2:member:M1'), reopened('T2:member:M1')), 'instance', key)?.note).toBeNull();
    expect(row(given(...base(), completed('T2:member:M1')), 'instance', key)?.note).toBe('done');
    const redone = given(...base(), completed('T2:member:M1'), reopened('T2:member:M1'), noted('T2:member:M1', '补交心得'));
    expect(row(redone, 'instance', key)?.note).toBe('补交心得');
  });
});
