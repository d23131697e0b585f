import { builtinTemplates, findBuiltinTemplate } from '.';
import { parseTemplate } from '../parse-template';
import raw from './sdp-2009.json';

describe('built-in template sdp-2009 (the 2009 plan: 3 stages, 6 phases, 39 tasks)', () => {
  const template = findBuiltinTemplate('sdp-2009')!.load();

  it('is listed and parses cleanly', () => {
    expect(builtinTemplates.map((t) => t.id)).toEqual(['sdp-2009']);
    expect(parseTemplate(raw).ok).toBe(true);
    expect(template.name).toBe('深入学习实践科学发展观活动（第二批）');
    expect(template.code).toBe('sdp-2009-b2-whzx');
    expect(template.weeks).toBe(24);
  });

  it('has 3 stages, 6 phases and 39 tasks, all mandatory checklists', () => {
    expect(template.stages.map((s) => [s.id, s.name, s.weeks])).toEqual([
      ['S1', '学习调研', { from: 1, to: 9 }],
      ['S2', '分析检查', { from: 10, to: 15 }],
      ['S3', '整改落实', { from: 16, to: 24 }],
    ]);
    expect(template.phases.map((p) => `${p.stageId}/${p.id}`)).toEqual(['S1/P1', 'S1/P2', 'S2/P3', 'S2/P4', 'S3/P5', 'S3/P6']);
    expect(template.tasks).toHaveLength(39);
    expect(template.tasks.every((t) => t.mandatory && t.kind === 'checklist' && t.quantity === null)).toBe(true);
  });

  it('keeps the JSON fields of each task', () => {
    expect(template.tasks.find((t) => t.id === 'T06')).toEqual({
      id: 'T06',
      title: '每周半天支部集中学习（学习调研阶段每周一次）',
      titleEn: 'Weekly half-day branch collective study',
      stageId: 'S1',
      phaseId: 'P1',
      trackId: null,
      scope: 'branch_recurring_weekly',
      due: { kind: 'week', week: 9 },
      weeks: null,
      evidence: ['per-session attendance sheet (应到/实到/请假/补学)'],
      responsible: '各支部',
      kind: 'checklist',
      quantity: null,
      mandatory: true,
      source: 'D',
    });
  });

  it('uses every scope of the plan', () => {
    const count = (scope: string) => template.tasks.filter((t) => t.scope === scope).length;
    expect({
      unit: count('unit'),
      branch: count('branch'),
      weekly: count('branch_recurring_weekly'),
      member: count('member'),
      leader: count('leader'),
      division: count('division'),
    }).toEqual({
      unit: 23,
      branch: 4,
      weekly: 1,
      member: 5,
      leader: 3,
      division: 3,
    });
  });
});
