import { expectUnitAdministratorsOnly, organisationFixture, SEEDED_REVISION, writtenBy, type OrganisationFixture } from '../testing/organisation-fixture';
import { ChangeBranchSecretaryCommand, ChangeBranchSecretaryHandler } from './change-branch-secretary.handler';
import { ChangeBranchSecretaryHttpController } from './change-branch-secretary.http.controller';

describe("change a branch's secretary", () => {
  let fx: OrganisationFixture;
  const change = (branchId: string, secretaryName: string, expectedRevision?: number) =>
    fx
      .get(ChangeBranchSecretaryHandler)
      .execute(new ChangeBranchSecretaryCommand('U1', { branchId, secretaryName }, writtenBy({ expectedRevision, reason: '换届' })));

  beforeEach(async () => {
    fx = await organisationFixture([ChangeBranchSecretaryHandler]);
  });
  afterEach(() => fx.close());

  it('records the previous secretary and the new one', async () => {
    await expect(change('B2', '陈书记', SEEDED_REVISION)).resolves.toMatchObject({ revision: SEEDED_REVISION + 1 });
    expect(await fx.appended()).toEqual([
      expect.objectContaining({
        type: 'BranchSecretaryChanged',
        reason: '换届',
        data: { unitId: 'U1', branchId: 'B2', previousSecretaryName: '李书记', secretaryName: '陈书记' },
      }),
    ]);
  });

  it('records nothing for the secretary the branch already has', async () => {
    await expect(change('B2', '李书记')).resolves.toMatchObject({ revision: SEEDED_REVISION, events: [] });
  });

  it('refuses an unknown branch and a stale If-Match', async () => {
    await expect(change('B7', '陈书记')).rejects.toMatchObject({ code: 'BRANCH.NOT_FOUND', kind: 'not_found' });
    await fx.given([{ type: 'ChangeBranchSecretary', data: { branchId: 'B1', secretaryName: '刘书记' } }]);
    await expect(change('B2', '陈书记', SEEDED_REVISION)).rejects.toMatchObject({ code: 'ORGANISATION.CHANGED_SINCE', kind: 'precondition' });
    expect(await fx.appended()).toEqual([]);
  });

  it("is the unit's administrators'", () => expectUnitAdministratorsOnly(fx, ChangeBranchSecretaryHttpController, 'change', { branchId: 'B2' }));
});
