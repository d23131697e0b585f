import { routeOf } from '@api/testing/route-access';
import { principalOf } from '@api/testing/use-case-harness';
import { ReadModelsService } from '../read-models.service';
import { ADMIN, readModelsFixture, type ReadModelsFixture } from '../testing/read-models-fixture';
import { GetMetricsHandler, GetMetricsQuery } from './get-metrics.handler';
import { GetMetricsHttpController } from './get-metrics.http.controller';

describe('the Prometheus metrics of the projection', () => {
  let fx: ReadModelsFixture | undefined;
  const started = async (env: Record<string, string> = {}) => (fx = await readModelsFixture([GetMetricsHandler], { env }));
  const metrics = (principal: typeof ADMIN | undefined) => (fx as ReadModelsFixture).get(GetMetricsHandler).execute(new GetMetricsQuery(principal));
  const value = (text: string, name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1]);

  afterEach(async () => {
    await fx?.close();
    fx = undefined;
  });

  it("gives an administrator the projection's figures: up, lag, events applied here", async () => {
    const running = await started();
    const text = await metrics(ADMIN);
    expect(value(text, 'campaign_ledger_projection_up')).toBe(1);
    expect(value(text, 'campaign_ledger_projection_lag_events')).toBe(0);
    expect(value(text, 'campaign_ledger_projection_events_total')).toBe(running.get(ReadModelsService).eventsProjected);
    expect(value(text, 'campaign_ledger_projection_events_total')).toBeGreaterThan(0);
  });

  it('refuses the other roles and an anonymous caller, unless PUBLIC_METRICS=true', async () => {
    await started();
    await expect(metrics(principalOf('auditor'))).rejects.toMatchObject({ code: 'ACCESS.FORBIDDEN', kind: 'forbidden' });
    await expect(metrics(undefined)).rejects.toMatchObject({ code: 'AUTH.SIGN_IN_REQUIRED', kind: 'unauthenticated' });
    await fx?.close();
    await started({ PUBLIC_METRICS: 'true' });
    await expect(metrics(undefined)).resolves.toContain('campaign_ledger_projection_up 1');
  });

  it('is a public route: the handler decides who may read it', () => {
    expect(routeOf(GetMetricsHttpController, 'prometheus')).toMatchObject({ path: 'metrics', isPublic: true });
  });
});
