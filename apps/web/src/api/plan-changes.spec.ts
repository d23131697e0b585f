import { evidenceList, nextTaskId, quantityRatios, unfinishedByBranch } from './plan-changes';

describe('plan-change helpers', () => {
  it('nextTaskId takes the smallest free number', () => {
    expect(nextTaskId([])).toBe('X1');
    expect(nextTaskId(['X1', 'X3', 'T1'])).toBe('X2');
    expect(nextTaskId(['Q1'], 'Q')).toBe('Q2');
  });

  it('evidenceList splits on lines and Chinese or Latin separators, drops blanks and repeats', () => {
    expect(evidenceList('会议记录\n照片、 签到表 ,会议记录;;')).toEqual(['会议记录', '照片', '签到表']);
    expect(evidenceList(undefined)).toEqual([]);
    expect(evidenceList('  ')).toEqual([]);
  });

  it('quantityRatios sets the actual against target and challenge; none where the task sets none', () => {
    expect(quantityRatios(5, 10, 20)).toEqual({ target: { numerator: 5, denominator: 10 }, challenge: { numerator: 5, denominator: 20 } });
    expect(quantityRatios(null, 10, null)).toEqual({ target: { numerator: 0, denominator: 10 }, challenge: null });
    expect(quantityRatios(3, null, 0)).toEqual({ target: null, challenge: null });
  });

  it('unfinishedByBranch groups by branch, then task, counting instances', () => {
    expect(
      unfinishedByBranch([
        { taskId: 'T2', taskTitle: '学习', branchId: 'B02' },
        { taskId: 'T1', taskTitle: '动员', branchId: 'B01' },
        { taskId: 'T9', taskTitle: '每周学习', branchId: 'B01' },
        { taskId: 'T9', taskTitle: '每周学习', branchId: 'B01' },
      ]),
    ).toEqual([
      {
        branchId: 'B01',
        tasks: [
          { taskId: 'T1', taskTitle: '动员', count: 1 },
          { taskId: 'T9', taskTitle: '每周学习', count: 2 },
        ],
      },
      { branchId: 'B02', tasks: [{ taskId: 'T2', taskTitle: '学习', count: 1 }] },
    ]);
  });
});
