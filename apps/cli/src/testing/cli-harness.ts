// For the CLI's database specs: `ledger` run in-process with captured output, and a small office seeded through the deciders.
import { Writable } from 'node:stream';
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
  type CampaignEvent,
  type Decider,
  type OrganisationCommand,
  type OrganisationEvent,
} from '@campaign-ledger/domain';
import { PostgresEventStore, type EventStore, type RecordedEvent } from '@campaign-ledger/event-store';
import { openReadModelDataSource, Projector, readCheckpoint, typeOrmSql } from '@campaign-ledger/projections';
import { run } from '../cli';

class Captured extends Writable {
  text = '';
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

export interface Outcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function runLedger(args: string[], env: Record<string, string | undefined>, cwd: string): Promise<Outcome> {
  const stdout = new Captured();
  const stderr = new Captured();
  const code = await run(args, { stdout, stderr, env, cwd });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

export const UNIT = 'U1';
export const START = '2009-03-16';
const SEED = { actor: { id: 'seed', role: 'system' } };

async function appendDecided<C, S, E extends { type: string; data: unknown }, X>(
  store: EventStore,
  streamId: string,
  decider: Decider<C, S, E, X>,
  commands: readonly C[],
  context: () => X | Promise<X>,
): Promise<number> {
  const recorded = await store.readStream(streamId);
  let state = foldEvents(
    decider,
    recorded.map((e) => ({ type: e.type, data: e.data }) as E),
  );
  const events: E[] = [];
  for (const command of commands) {
    for (const event of decider.decide(command, state, await context())) {
      state = decider.evolve(state, event);
      events.push(event);
    }
  }
  await store.append(streamId, events, { expectedRevision: recorded.length === 0 ? 'no_stream' : recorded[recorded.length - 1].revision, metadata: SEED });
  return events.length;
}

/** Unit U1: division D1, branches B1 (M1 leader, M2, M3 exempt since 1 March) and B2 (M4). Returns the events appended. */
export function seedUnit(store: EventStore): Promise<number> {
  const commands: OrganisationCommand[] = [
    { type: 'RegisterUnit', data: { unitId: UNIT, name: '市政协机关', code: 'ZX' } },
    { type: 'AddDivision', data: { divisionId: 'D1', name: '秘书处' } },
    { type: 'AddBranch', data: { branchId: 'B1', name: '机关第一支部', secretaryName: '张书记' } },
    { type: 'AddBranch', data: { branchId: 'B2', name: '机关第二支部', secretaryName: '李书记' } },
    { type: 'JoinMember', data: { memberId: 'M1', name: '王一', branchId: 'B1', isLeader: true, joinedOn: '2008-01-02' } },
    { type: 'JoinMember', data: { memberId: 'M2', name: '赵二', branchId: 'B1', joinedOn: '2008-01-02' } },
    { type: 'JoinMember', data: { memberId: 'M3', name: '孙三', branchId: 'B1', joinedOn: '2008-01-02' } },
    { type: 'JoinMember', data: { memberId: 'M4', name: '周四', branchId: 'B2', joinedOn: '2008-01-02' } },
    { type: 'ExemptMember', data: { memberId: 'M3', reason: '长期病休', from: '2009-03-01' } },
  ];
  return appendDecided(store, organisationStream(UNIT), organisationDecider, commands, () => undefined);
}

/** Campaign `campaignId` of U1 from the built-in sdp-2009 template (3 stages, 39 tasks), with one task cancelled. */
export function seedCampaign(store: EventStore, campaignId: string): Promise<number> {
  const template = findBuiltinTemplate('sdp-2009')?.load();
  if (!template) throw new Error('the built-in sdp-2009 template is missing');
  const commands: CampaignCommand[] = [
    {
      type: 'PlanCampaign',
      data: { campaignId, name: '深入学习实践科学发展观活动', unitId: UNIT, template, startDate: START, endDate: '2009-08-30', createdBy: 'office' },
    },
    { type: 'CancelTask', data: { taskId: 'T11', reason: '与集中学习合并', by: 'office' } },
  ];
  return appendDecided(store, campaignStream(campaignId), campaignDecider, commands, () => undefined);
}

/** Runs branch-work commands as the API would: the plan and the roster on the command's date as context. */
export async function seedWork(store: EventStore, campaignId: string, branchId: string, commands: readonly BranchWorkCommand[], on: string): Promise<number> {
  const plan = foldEvents(
    campaignDecider,
    (await store.readStream(campaignStream(campaignId))).map((e) => ({ type: e.type, data: e.data }) as CampaignEvent),
  );
  const organisation = foldEvents(
    organisationDecider,
    (await store.readStream(organisationStream(UNIT))).map((e) => ({ type: e.type, data: e.data }) as OrganisationEvent),
  );
  return appendDecided(store, branchWorkStream(campaignId, branchId), branchWorkDecider, commands, () => ({
    plan,
    roster: rosterOn(organisation, branchId, on),
  }));
}

export const sha256Of = (c: string): string => c.repeat(64).slice(0, 64);

/**
 * The office with campaign C1 and some work: B1 completes T05 (with evidence) and T07 for M1, holds study session S-0325
 * (M1 present, M2 on leave, made up later); B2 completes T05. Returns the events appended.
 */
export async function seedOffice(store: EventStore, campaignId = 'C1'): Promise<number> {
  let count = await seedUnit(store);
  count += await seedCampaign(store, campaignId);
  count += await seedWork(
    store,
    campaignId,
    'B1',
    [
      {
        type: 'CompleteTaskInstance',
        data: {
          campaignId,
          branchId: 'B1',
          instanceKey: 'T05:branch:B1',
          note: '已制定支部学习计划',
          completedOn: '2009-03-27',
          by: 'acc-sec-b1',
          evidence: [{ fileName: '会议记录.pdf', sha256: sha256Of('a'), size: 10, contentType: 'application/pdf' }],
        },
      },
      {
        type: 'CompleteTaskInstance',
        data: { campaignId, branchId: 'B1', instanceKey: 'T07:member:M1', note: '已提交学习笔记', completedOn: '2009-03-30', by: 'acc-sec-b1', evidence: [] },
      },
      {
        type: 'RecordStudySession',
        data: {
          campaignId,
          branchId: 'B1',
          sessionId: 'S-0325',
          date: '2009-03-25',
          topic: '学习科学发展观重要论述',
          attendance: { M1: 'present', M2: 'leave' },
          by: 'acc-sec-b1',
        },
      },
      { type: 'RecordMakeUp', data: { campaignId, branchId: 'B1', sessionId: 'S-0325', memberId: 'M2', date: '2009-03-27', note: '自学', by: 'acc-sec-b1' } },
    ],
    '2009-03-30',
  );
  count += await seedWork(
    store,
    campaignId,
    'B2',
    [
      {
        type: 'CompleteTaskInstance',
        data: { campaignId, branchId: 'B2', instanceKey: 'T05:branch:B2', note: '', completedOn: '2009-03-28', by: 'acc-sec-b2', evidence: [] },
      },
    ],
    '2009-03-28',
  );
  return count;
}

/** Waits until readAll shows `count` events: PostgreSQL hides rows newer than any transaction still running on the (shared) server. */
export async function untilVisible(url: string, count: number): Promise<void> {
  const store = await PostgresEventStore.connect(url);
  try {
    for (let waited = 0; (await store.readAll({ maxCount: 100_000 })).length < count; waited += 200) {
      if (waited > 50_000) throw new Error(`only ${(await store.readAll({ maxCount: 100_000 })).length} of ${count} events visible after 50 s`);
      await new Promise((done) => setTimeout(done, 200));
    }
  } finally {
    await store.close();
  }
}

export async function wholeLog(store: EventStore): Promise<RecordedEvent[]> {
  const all: RecordedEvent[] = [];
  for (
    let page = await store.readAll({ maxCount: 500 });
    page.length > 0;
    page = await store.readAll({ from: page[page.length - 1].logPosition, maxCount: 500 })
  ) {
    all.push(...page);
  }
  return all;
}

/** Runs the live projector (as the API does) until the read model in schema rm has folded the whole log, then stops it. */
export async function projectLive(url: string, store: EventStore): Promise<void> {
  const log = await wholeLog(store);
  const head = log[log.length - 1].logPosition;
  const dataSource = await openReadModelDataSource({ url, poolSize: 2 });
  const db = typeOrmSql(dataSource);
  const projector = new Projector({ eventStore: store, db, leaseTtlMs: 5_000, batchSize: 7 });
  try {
    await projector.start();
    for (const deadline = Date.now() + 20_000; ; await new Promise((done) => setTimeout(done, 50))) {
      const at = await readCheckpoint(db).catch(() => undefined);
      if (at && at.commit_pos === head.commit.toString() && at.prepare_pos === head.prepare.toString()) break;
      if (Date.now() > deadline) throw new Error('the projector did not catch up');
    }
  } finally {
    await projector.stop();
    await dataSource.destroy();
  }
}
