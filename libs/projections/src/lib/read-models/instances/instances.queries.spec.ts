import { sourceOf, workedExample } from '../../../testing/given-events';
import { branchInstances, completionNotes, overdueInstances } from './instances.queries';

describe('instances queries', () => {
  const source = sourceOf(workedExample());
  const brief = (list: { instanceKey: string; subjectName: string | null; status: string; colour: string; daysLeft: number; dueDate: string }[]) =>
    list.map((i) => [i.instanceKey, i.subjectName, i.status, i.colour, i.daysLeft, i.dueDate]);

  it("branchInstances lists a branch's instances in plan order, with the recorded work and a colour", async () => {
    const list = await branchInstances(source, 'C1', 'B1', { asOf: '2009-03-25' });
    expect(brief(list)).toEqual([
      ['T1:branch:B1', null, 'completed', 'green', -3, '2009-03-22'],
      ['T2:member:M1', 'Wang', 'completed', 'green', 4, '2009-03-29'],
      ['T2:member:M2', 'Li', 'open', 'amber', 4, '2009-03-29'],
      ['T2:member:M3', 'Zhang', 'open', 'amber', 4, '2009-03-29'],
      ['T3:leader:M1', 'Wang', 'open', 'green', 11, '2009-04-05'],
      ['T4:week:B1:2009-03-16', null, 'completed', 'green', -3, '2009-03-22'],
      ['T4:week:B1:2009-03-23', null, 'open', 'amber', 4, '2009-03-29'],
      ['T7:branch:B1', null, 'open', 'green', 26, '2009-04-20'],
    ]);
    expect(list[0]).toEqual({
      instanceKey: 'T1:branch:B1',
      taskId: 'T1',
      title: 'Task T1',
      stageId: 'S1',
      phaseId: 'P1',
      scope: 'branch',
      subjectId: 'B1',
      subjectName: null,
      weekOf: null,
      dueDate: '2009-03-22',
      mandatory: true,
      status: 'completed',
      completedOn: '2009-03-20',
      completedBy: 'Wang',
      evidence: ['a'.repeat(64)],
      reopenCount: 0,
      actual: null,
      carriedOverTo: undefined,
      colour: 'green',
      daysLeft: -3,
    });
  });

  it('branchInstances gives the unit level its unit and division work', async () => {
    const list = await branchInstances(source, 'C1', '_unit', { asOf: '2009-03-25' });
    expect(brief(list)).toEqual([
      ['T5:unit', null, 'open', 'red', -5, '2009-03-20'],
      ['T6:division:D1', 'Secretariat', 'completed', 'green', 7, '2009-04-01'],
      ['T6:division:D2', 'Personnel', 'open', 'amber', 7, '2009-04-01'],
    ]);
  });

  it('overdueInstances counts red and amber over the campaign and lists the most overdue first', async () => {
    const warnings = await overdueInstances(source, 'C1', { asOf: '2009-03-25', limit: 3 });
    expect({ red: warnings.red, amber: warnings.amber }).toEqual({ red: 3, amber: 5 });
    expect(warnings.instances.map((i) => [i.branchId, i.instanceKey, i.colour, i.daysLeft])).toEqual([
      ['B2', 'T1:branch:B2', 'red', -3],
      ['B2', 'T4:week:B2:2009-03-16', 'red', -3],
      ['B2', 'T4:week:B2:2009-03-23', 'amber', 4],
    ]);
  });

  it("completionNotes gives the note of each of a branch's completed instances that has one", async () => {
    const notes = await completionNotes(source, 'C1', 'B1');
    const list = await branchInstances(source, 'C1', 'B1', { asOf: '2009-03-25' });
    expect(Object.keys(notes).sort()).toEqual(
      list
        .filter((i) => i.status === 'completed')
        .map((i) => i.instanceKey)
        .sort(),
    );
    expect(Object.values(notes).every((note) => note.length > 0)).toBe(true);
    expect(await completionNotes(source, 'C1', 'B404')).toEqual({});
  });
});
