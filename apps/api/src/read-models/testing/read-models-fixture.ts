// Given-state for the read-model query specs: the campaign timeline of March 2009 (see campaign-timeline) projected by
// the real ReadModelsService in its in-memory mode (what EVENT_STORE=memory runs), with the handlers a spec names.
// Today is 2009-04-01; an earlier `asOf` replays the log as recorded by the end of that office day.
import type { Provider } from '@nestjs/common';
import type { Storage } from '@campaign-ledger/runtime';
import { STORAGE } from '@api/infrastructure/tokens';
import { liveThroughMarch } from '@api/testing/campaign-timeline';
import { principalOf, startUseCases, type UseCaseHarness, type UseCaseHarnessOptions } from '@api/testing/use-case-harness';
import { ProjectionMetrics } from '../projection-metrics';
import { READ_MODELS_SETTINGS, ReadModelsService, type ReadModelsSettings } from '../read-models.service';

export { MOMENTS } from '@api/testing/campaign-timeline';

export const TODAY = '2009-04-01';

export const LEADER = principalOf('leading_group');
export const OTHER_UNIT_AUDITOR = principalOf('auditor', { unitId: 'U2' });
export const ADMIN = principalOf('administrator');

export interface ReadModelsFixture extends UseCaseHarness {
  /** Waits until the in-memory read model has applied every event of the log. */
  caughtUp(): Promise<void>;
}

const settings: ReadModelsSettings = { leaseTtlMs: 10_000, minBatchIntervalMs: 0, poolSize: 1 };

/** The read models over the March timeline, caught up, with the handlers named. */
export async function readModelsFixture(handlers: readonly Provider[], options: UseCaseHarnessOptions = {}): Promise<ReadModelsFixture> {
  const harness = await startUseCases(
    [
      // No read-model database: the service keeps the read model in memory, fed by a subscription to the log.
      { provide: STORAGE, useValue: { readModelUrl: '' } as Partial<Storage> },
      { provide: READ_MODELS_SETTINGS, useValue: settings },
      ReadModelsService,
      ProjectionMetrics,
      ...handlers,
    ],
    options,
  );
  const caughtUp = async () => {
    const service = harness.get(ReadModelsService);
    for (let waited = 0; (await service.status()).eventsBehind > 0; waited += 5) {
      if (waited > 5_000) throw new Error('the in-memory read model did not catch up with the log');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };
  await liveThroughMarch(harness);
  await caughtUp();
  return { ...harness, caughtUp };
}
