import { formatTemplateError } from './template.types';
import { parseTemplate } from './parse-template';

const errorsOf = (json: unknown): string[] => {
  const result = parseTemplate(json);
  if (result.ok) throw new Error('expected errors');
  return result.errors.map(formatTemplateError);
};

describe('parseTemplate: the simple user format', () => {
  it('accepts stages with nested phases, tasks with Chinese titles, due weeks or dates, quantities', () => {
    const result = parseTemplate({
      name: '主题教育',
      stages: [
        { id: 'S2', order: 2, name: '整改', weeks: [3, 4] },
        { id: 'S1', order: 1, name: '学习', weeks: { from: 1, to: 2 }, phases: [{ id: 'P1', name: '读书' }] },
      ],
      tasks: [
        { id: 'A', title: '读原著', title_en: 'Read', phase: 'P1', scope: 'member', due_week: 2, evidence: ['读书笔记'] },
        { id: 'B', title: '调研报告', stage: 'S2', scope: 'unit', due_date: '2019-07-01', kind: 'quantity', target: 10, challenge: 18, unit: '篇' },
        { id: 'C', title: '选学', stage: 'S1', scope: 'branch', dueWeek: 1, mandatory: false },
      ],
    });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const t = result.template;
    expect(t.stages.map((s) => s.id)).toEqual(['S1', 'S2']);
    expect(t.phases).toEqual([{ id: 'P1', stageId: 'S1', order: 1, name: '读书', code: null, weeks: null }]);
    expect(t.tasks[0]).toMatchObject({
      id: 'A',
      title: '读原著',
      titleEn: 'Read',
      stageId: 'S1',
      phaseId: 'P1',
      scope: 'member',
      due: { kind: 'week', week: 2 },
      evidence: ['读书笔记'],
      kind: 'checklist',
      mandatory: true,
    });
    expect(t.tasks[1]).toMatchObject({ kind: 'quantity', quantity: { target: 10, challenge: 18, unit: '篇' }, due: { kind: 'date', date: '2019-07-01' } });
    expect(t.tasks[2].mandatory).toBe(false);
  });

  it('accepts a campaign with no stages, and one with parallel tracks', () => {
    const flat = parseTemplate({ name: '学党史', tasks: [{ id: 'A', title: '学习', scope: 'branch', due_date: '2021-05-01' }] });
    expect(flat.ok && flat.template.stages).toEqual([]);
    const tracks = parseTemplate({
      name: '主题教育 2019',
      tracks: [
        { id: 'K1', name: '学习教育' },
        { id: 'K2', name: '检视问题' },
      ],
      tasks: [{ id: 'A', title: '学习', track: 'K2', scope: 'branch_recurring_weekly', due_date: '2019-08-31', weeks: [1, 4] }],
    });
    if (!tracks.ok) throw new Error(JSON.stringify(tracks.errors));
    expect(tracks.template.tracks.map((t) => t.id)).toEqual(['K1', 'K2']);
    expect(tracks.template.tasks[0]).toMatchObject({ trackId: 'K2', stageId: null, weeks: { from: 1, to: 4 } });
  });

  it('reports every error with its JSON path', () => {
    expect(
      errorsOf({
        name: 'x',
        weeks: 10,
        stages: [{ id: 'S1', name: 'a', weeks: [1, 5] }],
        phases: [{ id: 'P1', stage: 'S9', name: 'p' }],
        tasks: [
          { id: 'A', title: 'a', phase: 'P1', scope: 'unit', due_week: 1 },
          { id: 'A', title: 'b', stage: 'S1', scope: 'unit', due_week: 1 },
          { id: 'C', title: 'c', stage: 'S1', scope: 'team', due_week: 11 },
          { id: 'D', stage: 'S1', scope: 'unit', due_week: 1, due_date: '2009-01-01' },
          { id: 'E', title: 'e', stage: 'S1', scope: 'unit', due_week: 1, kind: 'quantity', target: 10, challenge: 5 },
          { id: 'F', title: 'f', stage: 'S1', scope: 'unit', due_week: 1, target: 3 },
          { id: 'G', title: 'g', scope: 'unit', due_week: 1, mandatory: 'yes' },
          { id: 'H:1', title: 'h', stage: 'S1', scope: 'unit' },
        ],
      }),
    ).toEqual([
      'phases[0].stage: unknown stage "S9"; known stages: S1',
      'tasks[1].id: duplicate task id "A"',
      'tasks[2].scope: must be one of unit, branch, member, leader, division, branch_recurring_weekly',
      "tasks[2].due_week: week 11 is beyond the campaign's 10 weeks",
      'tasks[3].title_zh: is required (also accepted: title)',
      'tasks[3].due_week: give either a due week or a due date, not both',
      'tasks[4].challenge: the challenge value (5) must not be below the target (10)',
      'tasks[5].target: only quantity tasks have a target; set "kind": "quantity"',
      'tasks[6].phase: is required: this template has stages, so name the phase (or stage) the task belongs to',
      'tasks[6].mandatory: must be true or false',
      'tasks[7].id: must not contain ":" (it separates the parts of instance keys and stream ids)',
      'tasks[7].due_week: a due week (due_week) or a due date (due_date) is required',
    ]);
  });

  it('refuses non-objects, missing tasks, stages together with tracks, and bad week ranges', () => {
    expect(errorsOf('nope')).toEqual(['$: a template must be a JSON object']);
    expect(errorsOf({ name: 'x' })).toEqual(['tasks: is required and must be an array']);
    expect(errorsOf({ name: 'x', stages: [{ id: 'S1', name: 's' }], tracks: [{ id: 'K1', name: 'k' }], tasks: [] })).toEqual([
      'tracks: a template uses either stages or parallel tracks, not both; remove one of them',
    ]);
    expect(errorsOf({ name: 'x', stages: [{ id: 'S1', name: 's', weeks: [5, 2] }], tasks: [] })).toEqual([
      'stages[0].weeks: the first week (5) must not come after the last (2)',
    ]);
    expect(errorsOf({ tasks: [] })).toEqual(['$.name_zh: is required (also accepted: name)']);
    expect(errorsOf({ name: 'x', tasks: [{ id: 'A', title: 'a', scope: 'unit', due_week: 1, kind: 'quantity' }] })).toEqual([
      'tasks[0].target: a quantity task needs a target value greater than 0',
    ]);
    expect(errorsOf({ name: 'x', tasks: [{ id: 'A', title: 'a', scope: 'unit', due_week: 1, weeks: [1, 2] }] })).toEqual([
      'tasks[0].weeks: only branch_recurring_weekly tasks repeat over weeks',
    ]);
  });
});
