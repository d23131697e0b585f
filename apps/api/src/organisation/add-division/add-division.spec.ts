import { expectUnitAdministratorsOnly, organisationFixture, SEEDED_REVISION, writtenBy, type OrganisationFixture } from '../testing/organisation-fixture';
import { AddDivisionCommand, AddDivisionHandler } from './add-division.handler';
import { AddDivisionHttpController } from './add-division.http.controller';

describe('add an administrative division (处室) to a unit', () => {
  let fx: OrganisationFixture;
  const add = (divisionId: string, name = '研究室', by = writtenBy()) =>
    fx.get(AddDivisionHandler).execute(new AddDivisionCommand('U1', { divisionId, name }, by));

  beforeEach(async () => {
    fx = await organisationFixture([AddDivisionHandler]);
  });
  afterEach(() => fx.close());

  it('records DivisionAdded', async () => {
    const result = await add('D2');
    expect(result).toMatchObject({ revision: SEEDED_REVISION + 1 });
    expect(result.events).toEqual([{ type: 'DivisionAdded', data: { unitId: 'U1', divisionId: 'D2', name: '研究室' } }]);
    expect((await fx.appended()).map((e) => e.type)).toEqual(['DivisionAdded']);
  });

  it('refuses an id already used and a blank name', async () => {
    await expect(add('D1')).rejects.toMatchObject({ code: 'DIVISION.ALREADY_EXISTS', kind: 'conflict' });
    await expect(add('D2', ' ')).rejects.toMatchObject({ code: 'COMMAND.INVALID', kind: 'validation', details: { path: 'name' } });
    expect(await fx.appended()).toEqual([]);
  });

  it('refuses a stale If-Match', async () => {
    await fx.given([{ type: 'AddDivision', data: { divisionId: 'D3', name: '办公室' } }]);
    await expect(add('D2', '研究室', writtenBy({ expectedRevision: SEEDED_REVISION }))).rejects.toMatchObject({
      code: 'ORGANISATION.CHANGED_SINCE',
      kind: 'precondition',
    });
    expect(await fx.appended()).toEqual([]);
  });

  it("is the unit's administrators'", () => expectUnitAdministratorsOnly(fx, AddDivisionHttpController, 'add'));
});
