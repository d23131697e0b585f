import { UNIT_LEVEL_BRANCH_ID } from '@campaign-ledger/domain';
import {
  ADMIN,
  expectUnitAdministratorsOnly,
  organisationFixture,
  SEEDED_REVISION,
  writtenBy,
  type OrganisationFixture,
} from '../testing/organisation-fixture';
import { AddBranchCommand, AddBranchHandler } from './add-branch.handler';
import { AddBranchHttpController } from './add-branch.http.controller';

describe('add a party branch to a unit', () => {
  let fx: OrganisationFixture;
  const add = (branchId: string, by = writtenBy(), unitId = 'U1') =>
    fx.get(AddBranchHandler).execute(new AddBranchCommand(unitId, { branchId, name: '机关第三支部', secretaryName: '王书记' }, by));

  beforeEach(async () => {
    fx = await organisationFixture([AddBranchHandler]);
  });
  afterEach(() => fx.close());

  it('records BranchAdded as the administrator and answers the new revision', async () => {
    await expect(add('B3', writtenBy({ expectedRevision: SEEDED_REVISION }))).resolves.toMatchObject({
      unitId: 'U1',
      revision: SEEDED_REVISION + 1,
      events: [{ type: 'BranchAdded' }],
    });
    expect(await fx.appended()).toEqual([
      {
        streamId: 'organisation-U1',
        type: 'BranchAdded',
        actorId: ADMIN.accountId,
        reason: null,
        data: { unitId: 'U1', branchId: 'B3', name: '机关第三支部', secretaryName: '王书记' },
      },
    ]);
  });

  it('refuses an id already used, and the id kept for unit-level work', async () => {
    await expect(add('B1')).rejects.toMatchObject({ code: 'BRANCH.ALREADY_EXISTS', kind: 'conflict' });
    await expect(add(UNIT_LEVEL_BRANCH_ID)).rejects.toMatchObject({ code: 'BRANCH.RESERVED_ID', kind: 'validation' });
    expect(await fx.appended()).toEqual([]);
  });

  it('refuses a unit changed since the If-Match sent, and a unit not registered', async () => {
    await expect(add('B3', writtenBy({ expectedRevision: SEEDED_REVISION - 1 }))).rejects.toMatchObject({
      code: 'ORGANISATION.CHANGED_SINCE',
      kind: 'precondition',
      details: { actual: String(SEEDED_REVISION) },
    });
    await expect(add('B3', writtenBy(), 'U9')).rejects.toMatchObject({ code: 'UNIT.NOT_REGISTERED', kind: 'not_found' });
    expect(await fx.revision('U9')).toBe(-1);
  });

  it("is the unit's administrators'", () => expectUnitAdministratorsOnly(fx, AddBranchHttpController, 'add'));
});
