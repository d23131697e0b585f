// One branch's live dashboard: the answer at once, again only when the read model moved and the branch's figures
// changed, ended with `signed-out` when the session ends; a secretary may watch only their own branch.
import type { MessageEvent } from '@nestjs/common';
import type { QueryBus } from '@nestjs/cqrs';
import { Subject } from 'rxjs';
import type { AccountsService } from '@api/auth/accounts.service';
import type { Principal } from '@api/auth/principal';
import { principalOf } from '@api/testing/use-case-harness';
import { routeOf } from '@api/testing/route-access';
import { GetBranchDashboardQuery } from '../get-branch-dashboard/get-branch-dashboard.handler';
import type { ReadModelsService } from '../read-models.service';
import { HEARTBEAT_MS, LiveReadModel, SESSION_CHECK_MS, STREAM_INTERVAL_MS } from '../shared/live-read-model';
import { readModelsFixture, type ReadModelsFixture } from '../testing/read-models-fixture';
import { LiveBranchDashboard } from './live-branch-dashboard';
import { StreamBranchDashboardHttpController } from './stream-branch-dashboard.http.controller';

const SECRETARY_B1: Principal = { ...principalOf('secretary', { branchId: 'B1' }), session: { expiresAtMs: Date.now() + 3_600_000, tokenEpoch: 0 } };

function harness(principal: Principal = SECRETARY_B1) {
  const checkpoints = new Subject<unknown>();
  let signedIn = true;
  let done = 0;
  const asked: GetBranchDashboardQuery[] = [];
  const readModels = { checkpoints: checkpoints.asObservable() } as unknown as ReadModelsService;
  const accounts = { stillSignedIn: async () => signedIn } as unknown as AccountsService;
  const queries = {
    execute: async (query: GetBranchDashboardQuery) => {
      asked.push(query);
      return { branchId: query.branchId, totals: { done } };
    },
  } as unknown as QueryBus;
  const controller = new StreamBranchDashboardHttpController(new LiveBranchDashboard(new LiveReadModel(readModels, accounts), queries));
  const events: MessageEvent[] = [];
  let completed = false;
  const subscription = controller
    .dashboardStream('C1', 'B1', principal, { amberDays: 3 })
    .subscribe({ next: (e) => events.push(e), complete: () => void (completed = true) });
  return {
    events,
    asked,
    checkpoints,
    subscription,
    completed: () => completed,
    complete: () => void (done += 1),
    signOut: () => void (signedIn = false),
    dashboards: () => events.filter((e) => e.type === 'dashboard').map((e) => (e.data as { totals: { done: number } }).totals.done),
  };
}

describe("a branch's live dashboard (server-sent events)", () => {
  beforeEach(() => void jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask'] }));
  afterEach(() => void jest.useRealTimers());

  it("pushes the dashboard at once, then again after a checkpoint moves only if the branch's figures changed", async () => {
    const h = harness();
    await jest.advanceTimersByTimeAsync(0);
    expect(h.dashboards()).toEqual([0]);
    expect(h.asked[0]).toMatchObject({ campaignId: 'C1', branchId: 'B1', options: { amberWithinDays: 3 } });

    h.checkpoints.next({}); // another branch's work: read again, nothing to say
    await jest.advanceTimersByTimeAsync(STREAM_INTERVAL_MS);
    expect(h.asked).toHaveLength(2);
    expect(h.dashboards()).toEqual([0]);

    h.complete(); // a colleague's completion reaches the read model
    h.checkpoints.next({});
    h.checkpoints.next({}); // batches close together fold into one read
    await jest.advanceTimersByTimeAsync(STREAM_INTERVAL_MS);
    expect(h.asked).toHaveLength(3);
    expect(h.dashboards()).toEqual([0, 1]);
    h.subscription.unsubscribe();
  });

  it('ends with signed-out once the account is disabled, and when the read model stops', async () => {
    const h = harness();
    await jest.advanceTimersByTimeAsync(0);
    h.signOut();
    await jest.advanceTimersByTimeAsync(SESSION_CHECK_MS);
    expect(h.events.map((e) => e.type)).toEqual(['dashboard', 'signed-out']);
    expect(h.completed()).toBe(true);

    const other = harness();
    await jest.advanceTimersByTimeAsync(0);
    other.checkpoints.complete(); // a clean stop ends every live stream
    expect(other.completed()).toBe(true);
  });

  it('says it is alive every 15 s of silence, and only then (a push resets the wait)', async () => {
    const h = harness();
    await jest.advanceTimersByTimeAsync(HEARTBEAT_MS - 1);
    expect(h.events.map((e) => e.type)).toEqual(['dashboard']);
    await jest.advanceTimersByTimeAsync(1);
    expect(h.events.map((e) => e.type)).toEqual(['dashboard', 'heartbeat']);
    h.complete();
    h.checkpoints.next({});
    await jest.advanceTimersByTimeAsync(HEARTBEAT_MS - 1); // the changed dashboard went out meanwhile
    expect(h.events.map((e) => e.type)).toEqual(['dashboard', 'heartbeat', 'dashboard']);
    await jest.advanceTimersByTimeAsync(HEARTBEAT_MS);
    expect(h.events.map((e) => e.type)).toEqual(['dashboard', 'heartbeat', 'dashboard', 'heartbeat']);
    h.subscription.unsubscribe();
  });

  it('ends with signed-out when the token expires', async () => {
    const h = harness({ ...SECRETARY_B1, session: { expiresAtMs: Date.now() + 1_000, tokenEpoch: 0 } });
    await jest.advanceTimersByTimeAsync(1_000);
    expect(h.events.map((e) => e.type)).toEqual(['dashboard', 'signed-out']);
    expect(h.completed()).toBe(true);
  });
});

describe("who may watch a branch's live dashboard", () => {
  let fx: ReadModelsFixture;
  beforeAll(async () => {
    fx = await readModelsFixture([]);
  });
  afterAll(() => fx.close());

  it("is the campaign's watchers and the branch's own secretary, by the route's :branchId", async () => {
    const route = routeOf(StreamBranchDashboardHttpController, 'dashboardStream');
    expect(route.path).toBe('campaigns/:campaignId/branches/:branchId/dashboard/stream');
    expect(route.roles).toEqual(['leading_group', 'auditor', 'administrator', 'secretary']);
    await expect(route.scopeCheck(fx.store, principalOf('secretary', { branchId: 'B1' }), { campaignId: 'C1', branchId: 'B1' })).resolves.toBeUndefined();
    await expect(route.scopeCheck(fx.store, principalOf('secretary', { branchId: 'B2' }), { campaignId: 'C1', branchId: 'B1' })).rejects.toMatchObject({
      kind: 'forbidden',
    });
    await expect(route.scopeCheck(fx.store, principalOf('auditor', { unitId: 'U2' }), { campaignId: 'C1', branchId: 'B1' })).rejects.toMatchObject({
      code: 'CAMPAIGN.NOT_FOUND',
    });
  });
});
