// `ledger as-of` and `ledger diff` run in-process against a real PostgreSQL, over a campaign written through the domain's deciders.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { officeDateOf, stateAsOf } from '@campaign-ledger/audit';
import {
  branchWorkDecider,
  branchWorkStream,
  campaignDecider,
  campaignStream,
  findBuiltinTemplate,
  foldEvents,
  organisationDecider,
  organisationStream,
  rosterOn,
  type BranchWorkCommand,
  type CampaignCommand,
  type OrganisationCommand,
} from '@campaign-ledger/domain';
import { PostgresEventStore, type Actor } from '@campaign-ledger/event-store';
import { campaignOverview, overdueInstances, participationOverTime, projectInMemory, rankBranches, snapshotSource } from '@campaign-ledger/projections';
import { createTestDatabase, type TestDatabase } from '@campaign-ledger/testing-support';
import { run } from './cli';

class Captured extends Writable {
  text = '';
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

const leader: Actor = { id: 'acc-leader', role: 'leading_group' };
const secretary = (branchId: string): Actor => ({ id: `acc-sec-${branchId}`, role: 'secretary' });
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Decides commands against a stream's current state and appends the events, as the API's handlers do. */
async function write<C, S, E extends { type: string; data: unknown }, X>(
  store: PostgresEventStore,
  streamId: string,
  decider: { decide(command: C, state: S, context: X): E[]; evolve(state: S, event: E): S; initialState(): S },
  commands: C[],
  context: X,
  actor: Actor,
  reason?: string,
): Promise<void> {
  const stored = (await store.readStream(streamId)).map(({ type, data }) => ({ type, data }) as E);
  let state = foldEvents(decider, stored);
  const events: E[] = [];
  for (const command of commands) {
    for (const event of decider.decide(command, state, context)) {
      state = decider.evolve(state, event);
      events.push(event);
    }
  }
  await store.append(streamId, events, {
    expectedRevision: stored.length === 0 ? 'no_stream' : stored.length - 1,
    metadata: { actor, ...(reason ? { reason } : {}) },
  });
}

async function branchWork(store: PostgresEventStore, branchId: string, on: string, commands: BranchWorkCommand[], reason?: string): Promise<void> {
  const events = async (streamId: string) => (await store.readStream(streamId)).map(({ type, data }) => ({ type, data }) as never);
  const plan = foldEvents(campaignDecider, await events(campaignStream('C1')));
  const roster = rosterOn(foldEvents(organisationDecider, await events(organisationStream('U1'))), branchId, on);
  await write(store, branchWorkStream('C1', branchId), branchWorkDecider, commands, { plan, roster }, secretary(branchId), reason);
}

const complete = (branchId: string, instanceKey: string, on: string): BranchWorkCommand => ({
  type: 'CompleteTaskInstance',
  data: { campaignId: 'C1', branchId, instanceKey, note: '已完成', evidence: [], completedOn: on, by: `acc-sec-${branchId}` },
});

/** Waits until readAll shows `count` events: it hides rows newer than any transaction running on the (shared) server. */
async function untilVisible(store: PostgresEventStore, count: number): Promise<void> {
  for (let waited = 0; (await store.readAll()).length < count; waited += 200) {
    if (waited > 50_000) throw new Error(`only ${(await store.readAll()).length} of ${count} events visible after 50 s`);
    await pause(200);
  }
}

describe('ledger as-of and diff on PostgreSQL', () => {
  let database: TestDatabase;
  let store: PostgresEventStore;
  let env: Record<string, string>;
  let dir: string;
  let atT: string;
  let liveAtT: Record<string, unknown>;

  const ledger = async (args: string[]) => {
    const stdout = new Captured();
    const stderr = new Captured();
    const code = await run(args, { stdout, stderr, env });
    return { code, stdout: stdout.text, stderr: stderr.text };
  };

  /** What the live endpoints would answer now: the whole visible log folded, the same queries, on today's office date. */
  async function liveFigures() {
    const source = snapshotSource(projectInMemory(await store.readAll()));
    const asOf = officeDateOf(new Date());
    const overview = await campaignOverview(source, 'C1', { asOf });
    return {
      overview,
      participation: { overall: overview.participation, weekly: await participationOverTime(source, 'C1') },
      overdue: await overdueInstances(source, 'C1', { asOf }),
      ranking: await rankBranches(source, 'C1', 'completion'),
    };
  }

  beforeAll(async () => {
    database = await createTestDatabase('cl_cli_tt');
    dir = mkdtempSync(join(tmpdir(), 'cl-cli-tt-'));
    env = { EVENT_STORE: 'postgres', DATABASE_URL: database.url, DATA_DIR: join(dir, 'data') };
    store = await PostgresEventStore.connect(database.url);
    const organisation: OrganisationCommand[] = [
      { type: 'RegisterUnit', data: { unitId: 'U1', name: '市政协机关', code: 'ZX' } },
      { type: 'AddBranch', data: { branchId: 'B1', name: '机关第一支部', secretaryName: '张书记' } },
      { type: 'AddBranch', data: { branchId: 'B2', name: '机关第二支部', secretaryName: '李书记' } },
      { type: 'JoinMember', data: { memberId: 'M1', name: '王一', branchId: 'B1', isLeader: true, joinedOn: '2008-01-02' } },
      { type: 'JoinMember', data: { memberId: 'M2', name: '赵二', branchId: 'B1', joinedOn: '2008-01-02' } },
      { type: 'JoinMember', data: { memberId: 'M4', name: '周四', branchId: 'B2', joinedOn: '2008-01-02' } },
    ];
    await write(store, organisationStream('U1'), organisationDecider, organisation, undefined, leader);
    const template = findBuiltinTemplate('sdp-2009')?.load();
    if (!template) throw new Error('the built-in sdp-2009 template is missing');
    const plan: CampaignCommand[] = [
      {
        type: 'PlanCampaign',
        data: {
          campaignId: 'C1',
          name: '深入学习实践科学发展观活动',
          unitId: 'U1',
          template,
          startDate: '2009-03-16',
          endDate: '2009-08-30',
          createdBy: 'office',
        },
      },
      { type: 'OpenStage', data: { stageId: 'S1', on: '2009-03-16', by: 'office' } },
    ];
    await write(store, campaignStream('C1'), campaignDecider, plan, undefined, leader);
    await branchWork(store, 'B1', '2009-03-20', [
      complete('B1', 'T05:branch:B1', '2009-03-20'),
      {
        type: 'RecordStudySession',
        data: {
          campaignId: 'C1',
          branchId: 'B1',
          sessionId: 'ss1',
          date: '2009-03-19',
          topic: '集中学习',
          attendance: { M1: 'present', M2: 'absent' },
          by: 'acc-sec-B1',
        },
      },
    ]);
    await branchWork(store, 'B2', '2009-03-20', [complete('B2', 'T05:branch:B2', '2009-03-20')]);
    await untilVisible(store, 11);
    atT = new Date().toISOString();
    liveAtT = await liveFigures();
    await pause(50);

    await branchWork(
      store,
      'B2',
      '2009-03-21',
      [
        {
          type: 'ReopenTaskInstance',
          data: { campaignId: 'C1', branchId: 'B2', instanceKey: 'T05:branch:B2', reason: '缺少会议记录', on: '2009-03-21', by: 'acc-sec-B2' },
        },
      ],
      '缺少会议记录',
    );
    await branchWork(store, 'B1', '2009-03-21', [
      complete('B1', 'T07:member:M2', '2009-03-21'),
      { type: 'RecordMakeUp', data: { campaignId: 'C1', branchId: 'B1', sessionId: 'ss1', memberId: 'M2', date: '2009-03-21', by: 'acc-sec-B1' } },
    ]);
    await write(
      store,
      campaignStream('C1'),
      campaignDecider,
      [{ type: 'MoveTaskDeadline', data: { taskId: 'T11', dueDate: '2009-05-10', reason: '与督导组检查冲突，顺延', by: 'office' } }],
      undefined,
      leader,
      '与督导组检查冲突，顺延',
    );
    await untilVisible(store, 15);
  });

  afterAll(async () => {
    await store?.close();
    await database?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('lists both commands in --help, each with its usage and what a moment is', async () => {
    expect((await ledger(['--help'])).stdout).toMatch(/as-of[\s\S]*diff/);
    for (const name of ['as-of', 'diff']) {
      const help = await ledger([name, '--help']);
      expect(help.code).toBe(0);
      expect(help.stdout).toContain(`Usage: ledger ${name} [options] <campaignId>`);
      expect(help.stdout).toContain('end of that office day');
      expect(help.stdout).toContain('Exit code: 0 ok, 1 no such campaign');
    }
  });

  it('as-of --json at T: the figures the live read model showed at T, with progress on stderr', async () => {
    const outcome = await ledger(['as-of', 'C1', '--at', atT, '--json']);
    expect(outcome.code).toBe(0);
    const state = JSON.parse(outcome.stdout);
    expect(state).toMatchObject({ campaignId: 'C1', at: atT, eventsRead: 11, eventsReplayed: 11 });
    expect({ overview: state.overview, participation: state.participation, overdue: state.overdue, ranking: state.ranking }).toEqual(liveAtT);
    expect(state.overview.totals.done).toBe(2);
    expect(outcome.stderr).toMatch(/^as-of: 11\/15 events \(73%\)$/m);
    // The library answers the same.
    expect(state).toEqual(JSON.parse(JSON.stringify(await stateAsOf(store, 'C1', atT))));
  });

  it('as-of now: a table of stage and phase progress, participation, overdue count and ranking', async () => {
    const outcome = await ledger(['as-of', 'C1', '--at', new Date().toISOString()]);
    expect(outcome.code).toBe(0);
    const text = outcome.stdout;
    expect(text).toContain('深入学习实践科学发展观活动 (C1) as of');
    expect(text).toMatch(/^scope\s+name\s+applicable\s+done\s+completion\s+overdue$/m);
    expect(text).toMatch(/^stage S1\s+.+ \(open\)/m);
    expect(text).toMatch(/^└ phase P1\s+\S/m);
    expect(text).toMatch(/^campaign\s+深入学习实践科学发展观活动\s+\d+\s+2\s+2\/\d+ \(\d/m);
    expect(text).toContain('participation (参学率): by person 2/2 (100%), by person-session 2/2 (100%), attendance 1/2 (50%), 1 session(s)');
    expect(text).toMatch(/^overdue: \d+ instance\(s\) red \(past due\), 0 amber/m);
    expect(text).toMatch(/^rank\s+branch\s+name\s+completion/m);
  });

  it('diff between T and now: the reopening, the completion and the deadline moved, with reasons', async () => {
    const json = await ledger(['diff', 'C1', '--from', atT, '--to', new Date().toISOString(), '--json']);
    expect(json.code).toBe(0);
    const diff = JSON.parse(json.stdout);
    expect(diff.summary).toEqual({ completed: 1, reopened: 1, added: 0, cancelled: 0, deadlineMoved: 1 });
    expect(diff.changes.map((c: { type: string }) => c.type)).toEqual(['TaskReopened', 'TaskCompleted', 'TaskDeadlineMoved']);
    expect(diff.changes[0]).toMatchObject({
      instanceKey: 'T05:branch:B2',
      branchId: 'B2',
      reason: '缺少会议记录',
      actorId: 'acc-sec-B2',
      actorRole: 'secretary',
    });
    expect(json.stderr).toMatch(/^diff: 15\/15 events/m);

    const table = await ledger(['diff', 'C1', '--from', atT, '--to', new Date().toISOString()]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^recorded \(UTC\+8\)\s+type\s+branch/m);
    expect(table.stdout).toMatch(/TaskDeadlineMoved\s+\(plan\)\s+T11 .*acc-leader \(leading_group\)\s+\S+ → 2009-05-10; 与督导组/);
    expect(table.stdout).toContain('1 completed, 1 reopened, 0 task(s) added, 0 cancelled, 1 deadline(s) moved');
    const none = await ledger(['diff', 'C1', '--from', '2000-01-01', '--to', '2000-01-02']);
    expect(none.stdout).toContain('no changes');
  });

  it('exits 1 for an unknown campaign or one not planned yet, 2 for a bad or missing moment', async () => {
    const unknown = await ledger(['as-of', 'NOPE', '--at', '2009-03-20']);
    expect(unknown).toMatchObject({ code: 1, stdout: '' });
    expect(unknown.stderr).toContain('ledger: there is no campaign NOPE in the log');
    const early = await ledger(['as-of', 'C1', '--at', '2000-01-01']);
    expect(early.code).toBe(1);
    expect(early.stderr).toContain('did not exist yet at 2000-01-01T15:59:59.999Z');
    expect((await ledger(['diff', 'NOPE', '--from', '2000-01-01', '--to', '2000-01-02'])).code).toBe(1);

    const bad = await ledger(['as-of', 'C1', '--at', 'yesterday']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('"at" must be a day (YYYY-MM-DD');
    expect((await ledger(['as-of', 'C1'])).code).toBe(2);
    const reversed = await ledger(['diff', 'C1', '--from', '2009-03-22', '--to', '2009-03-20']);
    expect(reversed.code).toBe(2);
    expect(reversed.stderr).toContain('is after "to"');
    expect((await ledger(['diff', 'C1', '--from', '2009-03-22'])).code).toBe(2);
  });
});
