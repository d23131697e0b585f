import type { QueryBus } from '@nestjs/cqrs';
import { principalOf } from '@api/testing/use-case-harness';
import { routeOf } from '@api/testing/route-access';
import { indexUnit } from '../shared/unit-index';
import { ADMIN, organisationFixture, ROOT, type OrganisationFixture } from '../testing/organisation-fixture';
import { ListUnitsHandler, ListUnitsQuery } from './list-units.handler';
import { ListUnitsHttpController } from './list-units.http.controller';

describe('list the registered units', () => {
  let fx: OrganisationFixture;
  const list = (principal = ROOT) => {
    const bus = {
      execute: (query: unknown) => (query instanceof ListUnitsQuery ? fx.get(ListUnitsHandler).execute() : Promise.reject(new Error('unexpected query'))),
    } as unknown as QueryBus;
    return new ListUnitsHttpController(bus).list(principal);
  };

  beforeEach(async () => {
    fx = await organisationFixture([ListUnitsHandler]);
    const system = { id: 'system', role: 'system' };
    await indexUnit(fx.store, { unitId: 'U1', name: '市政协机关', code: 'ZX' }, system);
    await indexUnit(fx.store, { unitId: 'U2', name: '市委办公厅', code: 'SW' }, system);
    await indexUnit(fx.store, { unitId: 'U1', name: '重复的索引项', code: 'ZX' }, system);
  });
  afterEach(() => fx.close());

  it('lists every unit once, in registration order, from the index', async () => {
    await expect(fx.get(ListUnitsHandler).execute()).resolves.toEqual([
      { unitId: 'U1', name: '市政协机关', code: 'ZX' },
      { unitId: 'U2', name: '市委办公厅', code: 'SW' },
    ]);
  });

  it('shows an installation administrator every unit, anyone else only their own', async () => {
    expect((await list(ROOT)).map((u) => u.unitId)).toEqual(['U1', 'U2']);
    expect((await list(ADMIN)).map((u) => u.unitId)).toEqual(['U1']);
    expect(await list(principalOf('auditor', { unitId: 'U3' }))).toEqual([]);
  });

  it('is not for secretaries', () => {
    expect(routeOf(ListUnitsHttpController, 'list').roles).toEqual(['administrator', 'leading_group', 'auditor']);
  });
});
