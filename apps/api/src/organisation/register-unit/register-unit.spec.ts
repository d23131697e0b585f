import type { CommandBus } from '@nestjs/cqrs';
import { readUnitIndex } from '../shared/unit-index';
import { ADMIN, organisationFixture, ROOT, writtenBy, type OrganisationFixture } from '../testing/organisation-fixture';
import { RegisterUnitCommand, RegisterUnitHandler } from './register-unit.handler';
import { RegisterUnitHttpController } from './register-unit.http.controller';

describe('register a unit', () => {
  let fx: OrganisationFixture;
  const register = (unitId: string | undefined, name = ' 市委办公厅 ', code = 'SW') =>
    fx.get(RegisterUnitHandler).execute(new RegisterUnitCommand(unitId, name, code, writtenBy({ principal: ROOT })));

  beforeEach(async () => {
    fx = await organisationFixture([RegisterUnitHandler]);
  });
  afterEach(() => fx.close());

  it('starts the unit stream and puts the unit in the index of units', async () => {
    await expect(register('U2')).resolves.toMatchObject({
      unitId: 'U2',
      revision: 0,
      events: [{ type: 'UnitRegistered', data: { unitId: 'U2', name: '市委办公厅', code: 'SW' } }],
    });
    expect((await fx.appended()).map((e) => [e.streamId, e.type, e.actorId])).toEqual([
      ['organisation-U2', 'UnitRegistered', ROOT.accountId],
      ['unit-index', 'UnitIndexed', ROOT.accountId],
    ]);
    expect(await readUnitIndex(fx.store)).toEqual([{ unitId: 'U2', name: '市委办公厅', code: 'SW' }]);
  });

  it('gives the unit an id when none is sent', async () => {
    const { unitId } = await register(undefined);
    expect(unitId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await fx.revision(unitId)).toBe(0);
  });

  it('refuses a unit registered before, and indexes it if an earlier attempt never did', async () => {
    // U1 was seeded without its index entry (as after a crash between the two appends).
    await expect(register('U1', '市政协机关', 'ZX')).rejects.toMatchObject({ code: 'UNIT.ALREADY_REGISTERED', kind: 'conflict' });
    expect(await readUnitIndex(fx.store)).toEqual([{ unitId: 'U1', name: '市政协机关', code: 'ZX' }]);
    await expect(register('U1', '市政协机关', 'ZX')).rejects.toMatchObject({ code: 'UNIT.ALREADY_REGISTERED' });
    expect((await fx.appended()).map((e) => e.type)).toEqual(['UnitIndexed']);
  });

  it('refuses a blank name or code', async () => {
    await expect(register('U3', '  ')).rejects.toMatchObject({ code: 'COMMAND.INVALID', kind: 'validation', details: { path: 'name' } });
    await expect(register('U3', '市委', '')).rejects.toMatchObject({ code: 'COMMAND.INVALID', kind: 'validation', details: { path: 'code' } });
    expect(await fx.appended()).toEqual([]);
  });

  it("is the installation administrator's: a unit's administrator is refused", async () => {
    const bus = { execute: (command: RegisterUnitCommand) => fx.get(RegisterUnitHandler).execute(command) } as unknown as CommandBus;
    const controller = new RegisterUnitHttpController(bus);
    const response = { setHeader: jest.fn() };
    const body = { unitId: 'U5', name: '市委宣传部', code: 'XC' };
    await expect(controller.register(body, ADMIN, response as never)).rejects.toMatchObject({ code: 'ACCESS.FORBIDDEN', kind: 'forbidden' });
    expect(await fx.appended()).toEqual([]);
    await expect(controller.register(body, ROOT, response as never)).resolves.toMatchObject({ unitId: 'U5' });
    expect(response.setHeader).toHaveBeenCalledWith('Location', '/api/units/U5');
  });
});
