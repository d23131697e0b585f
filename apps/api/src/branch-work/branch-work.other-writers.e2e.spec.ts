// A branch-work command is decided on copies this process keeps of three streams (the branch's work, the plan, the
// roster) and usually reads nothing first. These tests change those streams behind the API's back, as another API
// process or a CLI would, and show that every answer is still the one a fresh read would give.
import {
  branchWorkDecider,
  branchWorkStream,
  campaignDecider,
  campaignStream,
  organisationDecider,
  organisationStream,
  type Decider,
  type Message,
} from '@campaign-ledger/domain';
import type { EventStore } from '@campaign-ledger/event-store';
import { EVENT_STORE } from '../infrastructure/tokens';
import { startApiTestApp, type ApiTestApp } from '../testing/api-test-app';
import { CAMPAIGN, UNIT, seedOffice } from './testing/seed-office';

const clock = { now: () => new Date('2009-04-01T02:00:00Z') };
const other = { actor: { id: 'other-process', role: 'leading_group' } };
const instance = (branchId: string, key: string, action: string) =>
  `/api/campaigns/${CAMPAIGN}/branches/${branchId}/instances/${encodeURIComponent(key)}/${action}`;

describe('branch work stays right when another process writes the streams it decides on (real PostgreSQL)', () => {
  let t: ApiTestApp;
  let store: EventStore;
  let secretary: string;

  /** Another writer: folds the stream from the store, decides, appends at the revision it read. */
  async function elsewhere<C, S, E extends Message, X>(streamId: string, decider: Decider<C, S, E, X>, command: C, context?: X) {
    const events = await store.readStream(streamId);
    const state = events.reduce((s, e) => decider.evolve(s, { type: e.type, data: e.data } as E), decider.initialState());
    const decided = decider.decide(command, state, context as X);
    await store.append(streamId, decided, { expectedRevision: events.length === 0 ? 'no_stream' : events.length - 1, metadata: other });
  }
  const streamLength = async (streamId: string) => (await store.readStream(streamId)).length;

  beforeAll(async () => {
    t = await startApiTestApp({ clock });
    store = t.app.get(EVENT_STORE);
    await seedOffice(store);
    secretary = await t.signIn({ username: 'sec-b1', password: 'secret-b1-pass', role: 'secretary', branchId: 'B1' });
    // Warm: the API now holds B1's work, the plan and the roster in memory.
    await t.http
      .post(instance('B1', 'T05:branch:B1', 'complete'))
      .set({ Authorization: `Bearer ${secretary}` })
      .send({ note: '计划已报' })
      .expect(201);
  });
  afterAll(() => t?.close());

  it('refuses a task that was cancelled elsewhere a moment ago, and writes nothing', async () => {
    await elsewhere(campaignStream(CAMPAIGN), campaignDecider, { type: 'CancelTask', data: { taskId: 'T13', reason: '并入专题调研', by: 'office' } });
    const before = await streamLength(branchWorkStream(CAMPAIGN, 'B1'));
    const response = await t.http
      .post(instance('B1', 'T13:branch:B1', 'complete'))
      .set({ Authorization: `Bearer ${secretary}` })
      .send({ note: '已完成' })
      .expect(409);
    expect(response.body.error).toBe('TASK.CANCELLED');
    expect(await streamLength(branchWorkStream(CAMPAIGN, 'B1'))).toBe(before);
  });

  it('refuses a member who was transferred out elsewhere, and writes nothing', async () => {
    await elsewhere(organisationStream(UNIT), organisationDecider, { type: 'TransferMember', data: { memberId: 'M2', toBranchId: 'B2', on: '2009-03-31' } });
    const before = await streamLength(branchWorkStream(CAMPAIGN, 'B1'));
    const response = await t.http
      .post(instance('B1', 'T07:member:M2', 'complete'))
      .set({ Authorization: `Bearer ${secretary}` })
      .send({ note: '心得已交' });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(response.body.error).toMatch(/NOT_IN_BRANCH/);
    expect(await streamLength(branchWorkStream(CAMPAIGN, 'B1'))).toBe(before);
  });

  it('records a completion again after it was reopened elsewhere, instead of answering "already done"', async () => {
    const plan = await (async () => {
      const events = await store.readStream(campaignStream(CAMPAIGN));
      return events.reduce((s, e) => campaignDecider.evolve(s, { type: e.type, data: e.data } as never), campaignDecider.initialState());
    })();
    await elsewhere(
      branchWorkStream(CAMPAIGN, 'B1'),
      branchWorkDecider,
      {
        type: 'ReopenTaskInstance',
        data: { campaignId: CAMPAIGN, branchId: 'B1', instanceKey: 'T05:branch:B1', reason: '计划需补充', on: '2009-04-01', by: 'office' },
      },
      { plan, roster: { branchId: 'B1', asOf: '2009-04-01', members: [], divisions: [] } },
    );
    const before = await streamLength(branchWorkStream(CAMPAIGN, 'B1'));
    // The same body as the first completion: on the API's stale copy it would look like a retry of that request.
    const response = await t.http
      .post(instance('B1', 'T05:branch:B1', 'complete'))
      .set({ Authorization: `Bearer ${secretary}` })
      .send({ note: '计划已报' })
      .expect(201);
    expect(response.body).toMatchObject({ alreadyDone: false, revision: before });
    const events = await store.readStream(branchWorkStream(CAMPAIGN, 'B1'));
    expect(events.map((e) => e.type).slice(-3)).toEqual(['TaskCompleted', 'TaskReopened', 'TaskCompleted']);
    // And a true retry of that request is still answered without writing.
    await t.http
      .post(instance('B1', 'T05:branch:B1', 'complete'))
      .set({ Authorization: `Bearer ${secretary}` })
      .send({ note: '计划已报' })
      .expect(200);
    expect(await streamLength(branchWorkStream(CAMPAIGN, 'B1'))).toBe(before + 1);
  });

  it('accepts work once the roster moved in a way that does not touch it (the command goes round once more)', async () => {
    await elsewhere(organisationStream(UNIT), organisationDecider, {
      type: 'JoinMember',
      data: { memberId: 'M9', name: '新党员', branchId: 'B2', joinedOn: '2009-03-20' },
    });
    const response = await t.http
      .post(instance('B1', 'T07:member:M1', 'complete'))
      .set({ Authorization: `Bearer ${secretary}` })
      .send({ note: '心得已交' })
      .expect(201);
    expect(response.body.alreadyDone).toBe(false);
  });
});
