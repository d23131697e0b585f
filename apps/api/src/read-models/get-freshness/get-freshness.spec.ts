import { routeOf } from '@api/testing/route-access';
import { ReadModelsService } from '../read-models.service';
import { readModelsFixture, type ReadModelsFixture } from '../testing/read-models-fixture';
import { GetFreshnessHandler } from './get-freshness.handler';
import { GetFreshnessHttpController } from './get-freshness.http.controller';

describe('how current the figures are', () => {
  let fx: ReadModelsFixture;
  const freshness = () => fx.get(GetFreshnessHandler).execute();
  const statusNow = async () => fx.get(ReadModelsService).status();

  beforeEach(async () => {
    fx = await readModelsFixture([GetFreshnessHandler]);
  });
  afterEach(() => {
    jest.restoreAllMocks();
    return fx.close();
  });

  it('says the figures are current once the read model has applied the whole log', async () => {
    await expect(freshness()).resolves.toEqual({ ok: true, delayed: false, eventsBehind: 0, secondsBehind: 0, heldBack: null });
  });

  it('says they are delayed when the read model is more than a few seconds behind, or held back', async () => {
    const status = await statusNow();
    const spy = jest.spyOn(fx.get(ReadModelsService), 'status');
    spy.mockResolvedValueOnce({ ...status, eventsBehind: 3, secondsBehind: 4 });
    await expect(freshness()).resolves.toMatchObject({ ok: true, delayed: false, eventsBehind: 3, secondsBehind: 4 });
    spy.mockResolvedValueOnce({ ...status, eventsBehind: 3, secondsBehind: 6 });
    await expect(freshness()).resolves.toMatchObject({ delayed: true, eventsBehind: 3 });
    const since = new Date(fx.clock.now().getTime() - 10_000).toISOString();
    const holder = { pid: 4242, database: 'ledger', user: 'postgres', application: 'psql', transactionStart: since, state: 'idle in transaction' };
    spy.mockResolvedValueOnce({ ...status, heldBack: { events: 2, since, holder } });
    await expect(freshness()).resolves.toMatchObject({ delayed: true, heldBack: { events: 2, since, blockingPid: 4242 } });
  });

  it('says the projector is not running when no one holds the lease, and reports a failure to measure instead of throwing', async () => {
    const status = await statusNow();
    const spy = jest.spyOn(fx.get(ReadModelsService), 'status');
    spy.mockResolvedValueOnce({ ...status, state: 'standby', lease: null });
    await expect(freshness()).resolves.toMatchObject({ ok: false });
    spy.mockRejectedValueOnce(new Error('connection refused'));
    await expect(freshness()).resolves.toEqual({ ok: false, delayed: true, eventsBehind: 0, secondsBehind: 0, heldBack: null, error: 'connection refused' });
  });

  it('is open to every signed-in role', () => {
    expect(routeOf(GetFreshnessHttpController, 'freshness')).toMatchObject({ path: 'projections/freshness', roles: undefined, isPublic: false });
  });
});
