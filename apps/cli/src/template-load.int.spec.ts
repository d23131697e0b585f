// `ledger template load`: checks a template file (problems with JSON paths, exit 2), shows the built-in one, and plans a campaign on PostgreSQL.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { campaignDecider, campaignStream, parseTemplate, plannedEnd } from '@campaign-ledger/domain';
import { PostgresEventStore } from '@campaign-ledger/event-store';
import { createTestDatabase, type TestDatabase } from '@campaign-ledger/testing-support';
import { runLedger, seedUnit, UNIT, untilVisible } from './testing/cli-harness';

const ownTemplate = {
  name: '党史学习教育',
  weeks: 4,
  tracks: [
    { id: 'K1', name: '学习' },
    { id: 'K2', name: '办实事' },
  ],
  tasks: [
    { id: 'A1', title: '支部学习计划', track: 'K1', scope: 'branch', due_week: 1 },
    { id: 'A2', title: '心得体会', track: 'K1', scope: 'member', due_week: 3 },
    { id: 'A3', title: '每周学习', track: 'K1', scope: 'branch_recurring_weekly', due_week: 4 },
    { id: 'A4', title: '办实事清单', track: 'K2', scope: 'unit', due_date: '2024-04-26' },
  ],
};

const brokenTemplate = {
  name: '有错的模板',
  tracks: [{ id: 'K1', name: '学习' }],
  tasks: [
    { id: 'A1', title: '支部学习计划', track: 'K9', scope: 'branch', due_week: 1 },
    { id: 'A2', title: '心得体会', track: 'K1', scope: 'everyone', due_week: 2 },
  ],
};

describe('ledger template load', () => {
  let database: TestDatabase;
  let dir: string;
  let env: Record<string, string | undefined>;
  const ledger = (args: string[], overrides: Record<string, string | undefined> = {}) => runLedger(args, { ...env, ...overrides }, dir);

  beforeEach(async () => {
    database = await createTestDatabase('cl_tpl');
    dir = mkdtempSync(join(tmpdir(), 'cl-tpl-'));
    env = { EVENT_STORE: 'postgres', DATABASE_URL: database.url, DATA_DIR: join(dir, 'data'), USER: 'tester' };
    const store = await PostgresEventStore.connect(database.url);
    const seeded = await seedUnit(store);
    await store.close();
    await untilVisible(database.url, seeded);
    writeFileSync(join(dir, 'own.json'), JSON.stringify(ownTemplate, null, 2));
    writeFileSync(join(dir, 'broken.json'), JSON.stringify(brokenTemplate, null, 2));
  });

  afterEach(async () => {
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const campaignEvents = async (campaignId: string) => {
    const store = await PostgresEventStore.connect(database.url);
    try {
      return await store.readStream(campaignStream(campaignId));
    } finally {
      await store.close();
    }
  };

  it('has --help under `ledger template load`, listed by `ledger --help`', async () => {
    expect((await ledger(['--help'])).stdout).toContain('template');
    const help = await ledger(['template', 'load', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: ledger template load [options] [file]');
    expect(help.stdout).toContain('--builtin <id>');
    expect(help.stdout).toContain('--plan');
  });

  it('shows and validates the built-in sdp-2009 template', async () => {
    const shown = await ledger(['template', 'load', '--builtin', 'sdp-2009']);
    expect(shown).toMatchObject({ code: 0, stderr: '' });
    expect(shown.stdout).toMatch(
      /^OK built-in sdp-2009: 深入学习实践科学发展观活动（第二批） \[sdp-2009-b2-whzx\]: 3 stages, 6 phases, 0 tracks, 39 tasks, 24 weeks$/m,
    );
    expect(shown.stdout).toMatch(/^ {2}阶段 S1 学习调研 \(weeks 1-9\): \d+ tasks$/m);
    const json = JSON.parse((await ledger(['template', 'load', '--builtin', 'sdp-2009', '--json'])).stdout);
    expect(json).toMatchObject({ valid: true, summary: { structure: 'stages', counts: { stages: 3, phases: 6, tasks: 39 } } });
    expect(json.template.tasks).toHaveLength(39);
    const unknown = await ledger(['template', 'load', '--builtin', 'sdp-2099']);
    expect(unknown).toMatchObject({ code: 2, stderr: 'ledger: there is no built-in template "sdp-2099"; pick one of: sdp-2009\n' });
  });

  it("validates a user's own file: 0 with a summary when valid; 2 with every problem at its JSON path when not", async () => {
    const valid = await ledger(['template', 'load', 'own.json']);
    expect(valid.code).toBe(0);
    expect(valid.stdout).toContain('OK own.json: 党史学习教育: 0 stages, 0 phases, 2 tracks, 4 tasks, 4 weeks');
    expect(valid.stdout).toContain('重点措施 K2 办实事: 1 tasks');

    const invalid = await ledger(['template', 'load', 'broken.json']);
    expect(invalid.code).toBe(2);
    const expected = parseTemplate(brokenTemplate);
    if (expected.ok) throw new Error('the broken template parses');
    expect(invalid.stdout).toContain(`INVALID broken.json: ${expected.errors.length} problem(s)`);
    for (const error of expected.errors) expect(invalid.stdout).toContain(`  ${error.path}: ${error.message}\n`);
    expect(invalid.stdout).toMatch(/^ {2}tasks\[0\]\.track: /m);
    expect(invalid.stdout).toMatch(/^ {2}tasks\[1\]\.scope: /m);
    expect(invalid.stderr).toContain('fix the template at these JSON paths');

    const asJson = await ledger(['template', 'load', 'broken.json', '--json']);
    expect(asJson.code).toBe(2);
    expect(JSON.parse(asJson.stdout)).toEqual({ valid: false, source: 'broken.json', errors: expected.errors });
  });

  it('bad files and arguments: 2 with one clear line', async () => {
    writeFileSync(join(dir, 'not-json.json'), '{ "name": "x", tasks: [] }');
    writeFileSync(join(dir, 'array.json'), '[]');
    const cases: [string[], RegExp][] = [
      [['template', 'load'], /name the template: ledger template load <file.json>, or --builtin <id>/],
      [['template', 'load', 'missing.json'], /cannot read missing.json: no such file/],
      [['template', 'load', 'not-json.json'], /not-json.json is not JSON: /],
      [['template', 'load', 'own.json', '--builtin', 'sdp-2009'], /give a template file or --builtin <id>, not both/],
      [['template', 'load', 'own.json', '--unit', 'U1'], /--unit goes with --plan/],
      [['template', 'load', 'own.json', '--plan', '--unit', 'U1'], /--plan needs .* \(missing: --campaign, --title, --start\)/],
      [['template', 'load', 'own.json', '--plan', '--unit', 'U1', '--campaign', 'a:b', '--title', 't', '--start', '2024-04-01'], /--campaign must be/],
      [
        ['template', 'load', 'own.json', '--plan', '--unit', 'U1', '--campaign', 'C9', '--title', 't', '--start', '2024-4-1'],
        /--start must be a date written YYYY-MM-DD/,
      ],
      [['template', 'frobnicate'], /unknown command 'frobnicate'/],
    ];
    for (const [args, message] of cases) {
      const outcome = await ledger(args);
      expect({ args, code: outcome.code }).toEqual({ args, code: 2 });
      expect(outcome.stderr).toMatch(message);
      expect(outcome.stderr).not.toContain('    at ');
    }
    const array = await ledger(['template', 'load', 'array.json']);
    expect(array).toMatchObject({ code: 2 });
    expect(array.stdout).toContain('$: a template must be a JSON object');
  });

  it('--plan appends the CampaignPlanned the API would: same decider, same default end, the caller as actor', async () => {
    const planned = await ledger([
      'template',
      'load',
      'own.json',
      '--plan',
      '--unit',
      UNIT,
      '--campaign',
      'C2024',
      '--title',
      '党史学习教育（机关）',
      '--start',
      '2024-04-01',
      '--by',
      'acc-leader',
    ]);
    expect(planned.stderr).toBe('');
    expect(planned.code).toBe(0);
    expect(planned.stdout).toContain('OK own.json');
    expect(planned.stdout).toMatch(
      /^planned campaign C2024 "党史学习教育（机关）" for unit U1: 2024-04-01 to 2024-04-28, 4 tasks \(campaign-C2024@0, log position \d+\/\d+, by acc-leader\)$/m,
    );

    const parsed = parseTemplate(ownTemplate);
    if (!parsed.ok) throw new Error('own template invalid');
    expect(plannedEnd(parsed.template, '2024-04-01')).toBe('2024-04-28');
    const expected = campaignDecider.decide(
      {
        type: 'PlanCampaign',
        data: {
          campaignId: 'C2024',
          name: '党史学习教育（机关）',
          unitId: UNIT,
          template: parsed.template,
          startDate: '2024-04-01',
          endDate: '2024-04-28',
          createdBy: 'acc-leader',
          officeBranchId: null,
        },
      },
      campaignDecider.initialState(),
    );
    const events = await campaignEvents('C2024');
    expect(events.map((e) => ({ type: e.type, data: e.data }))).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(events[0].metadata.actor).toEqual({ id: 'acc-leader', role: 'leading_group' });

    const again = await ledger(['template', 'load', 'own.json', '--plan', '--unit', UNIT, '--campaign', 'C2024', '--title', 't', '--start', '2024-04-01']);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/^ledger: .*already planned/m);
    expect(await campaignEvents('C2024')).toHaveLength(1);
  });

  it("--plan --builtin: the template's own length by default, an office branch, and the decider's and organisation's refusals", async () => {
    const planned = await ledger([
      'template',
      'load',
      '--builtin',
      'sdp-2009',
      '--plan',
      '--unit',
      UNIT,
      '--campaign',
      'C2009',
      '--title',
      '深入学习实践科学发展观活动',
      '--start',
      '2009-03-16',
      '--office-branch',
      'B1',
    ]);
    expect(planned.code).toBe(0);
    expect(planned.stdout).toContain('planned campaign C2009 "深入学习实践科学发展观活动" for unit U1: 2009-03-16 to 2009-08-30, 39 tasks');
    expect(planned.stdout).toContain('by cli:tester');
    const [event] = await campaignEvents('C2009');
    expect(event).toMatchObject({
      type: 'CampaignPlanned',
      data: { officeBranchId: 'B1', endDate: '2009-08-30', templateCode: 'sdp-2009-b2-whzx', createdBy: 'cli:tester' },
    });

    const base = ['template', 'load', '--builtin', 'sdp-2009', '--plan', '--title', 't'];
    const refusals: [string[], RegExp][] = [
      [[...base, '--unit', 'U9', '--campaign', 'C1', '--start', '2009-03-16'], /This unit is not registered yet/],
      [[...base, '--unit', UNIT, '--campaign', 'C1', '--start', '2009-03-16', '--office-branch', 'B7'], /Branch B7 does not exist in this unit/],
      [[...base, '--unit', UNIT, '--campaign', 'C1', '--start', '2009-03-17'], /startDate: must be a Monday/],
      [[...base, '--unit', UNIT, '--campaign', 'C1', '--start', '2009-03-16', '--end', '2009-03-01'], /endDate/],
      [
        ['template', 'load', 'broken.json', '--plan', '--unit', UNIT, '--campaign', 'C1', '--title', 't', '--start', '2009-03-16'],
        /fix the template at these JSON paths and run again; nothing was planned/,
      ],
    ];
    for (const [args, message] of refusals) {
      const outcome = await ledger(args);
      expect({ args, code: outcome.code }).toEqual({ args, code: 2 });
      expect(outcome.stderr).toMatch(message);
      expect(outcome.stderr).not.toContain('    at ');
    }
    expect(await campaignEvents('C1')).toHaveLength(0);
  });
});
