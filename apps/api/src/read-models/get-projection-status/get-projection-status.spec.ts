import { routeOf } from '@api/testing/route-access';
import { ADMIN, LEADER, readModelsFixture, type ReadModelsFixture } from '../testing/read-models-fixture';
import { GetProjectionStatusHandler, GetProjectionStatusQuery } from './get-projection-status.handler';
import { GetProjectionStatusHttpController } from './get-projection-status.http.controller';

describe("the projection's status, for the installation's operators", () => {
  let fx: ReadModelsFixture;
  const status = (principal: typeof ADMIN | undefined) => fx.get(GetProjectionStatusHandler).execute(new GetProjectionStatusQuery(principal));

  afterEach(() => fx.close());

  describe('by default', () => {
    beforeEach(async () => {
      fx = await readModelsFixture([GetProjectionStatusHandler]);
    });

    it('tells an administrator where the read model is in the log and how far behind', async () => {
      const head = (await fx.store.readAll()).at(-1)?.logPosition;
      await expect(status(ADMIN)).resolves.toMatchObject({
        me: 'in-memory',
        state: 'active',
        checkpoint: `${head?.commit}/${head?.prepare}`,
        eventsBehind: 0,
        eventsBehindCapped: false,
        secondsBehind: 0,
        heldBack: null,
      });
    });

    it('refuses any other role, and an anonymous caller', async () => {
      await expect(status(LEADER)).rejects.toMatchObject({ code: 'ACCESS.FORBIDDEN', kind: 'forbidden' });
      await expect(status(undefined)).rejects.toMatchObject({ code: 'AUTH.SIGN_IN_REQUIRED', kind: 'unauthenticated' });
    });

    it('is a public route: the handler, not the guard, decides who may read it', () => {
      expect(routeOf(GetProjectionStatusHttpController, 'status')).toMatchObject({ path: 'projections/status', isPublic: true });
    });
  });

  describe('with PUBLIC_METRICS=true', () => {
    beforeEach(async () => {
      fx = await readModelsFixture([GetProjectionStatusHandler], { env: { PUBLIC_METRICS: 'true' } });
    });

    it('answers a scraper without a token', async () => {
      await expect(status(undefined)).resolves.toMatchObject({ state: 'active', eventsBehind: 0 });
    });
  });
});
