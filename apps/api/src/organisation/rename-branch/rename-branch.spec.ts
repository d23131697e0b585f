import { expectUnitAdministratorsOnly, organisationFixture, SEEDED_REVISION, writtenBy, type OrganisationFixture } from '../testing/organisation-fixture';
import { RenameBranchCommand, RenameBranchHandler } from './rename-branch.handler';
import { RenameBranchHttpController } from './rename-branch.http.controller';

describe('rename a branch', () => {
  let fx: OrganisationFixture;
  const rename = (branchId: string, name: string, by = writtenBy({ reason: '机构调整' })) =>
    fx.get(RenameBranchHandler).execute(new RenameBranchCommand('U1', { branchId, name }, by));

  beforeEach(async () => {
    fx = await organisationFixture([RenameBranchHandler]);
  });
  afterEach(() => fx.close());

  it('records the previous name and the new one, with the reason', async () => {
    await rename('B1', '机关第一党支部');
    expect(await fx.appended()).toEqual([
      expect.objectContaining({
        type: 'BranchRenamed',
        reason: '机构调整',
        data: { unitId: 'U1', branchId: 'B1', previousName: '机关第一支部', name: '机关第一党支部' },
      }),
    ]);
  });

  it("records nothing when the name is already the branch's", async () => {
    await expect(rename('B1', '机关第一支部')).resolves.toEqual({ unitId: 'U1', revision: SEEDED_REVISION, events: [] });
    expect(await fx.appended()).toEqual([]);
  });

  it('refuses an unknown branch, a blank name and a stale If-Match', async () => {
    await expect(rename('B9', '新支部')).rejects.toMatchObject({ code: 'BRANCH.NOT_FOUND', kind: 'not_found' });
    await expect(rename('B1', '')).rejects.toMatchObject({ code: 'COMMAND.INVALID', kind: 'validation' });
    await expect(rename('B1', '新名称', writtenBy({ expectedRevision: 3 }))).rejects.toMatchObject({
      code: 'ORGANISATION.CHANGED_SINCE',
      kind: 'precondition',
    });
    expect(await fx.appended()).toEqual([]);
  });

  it("is the unit's administrators'", () => expectUnitAdministratorsOnly(fx, RenameBranchHttpController, 'rename', { branchId: 'B1' }));
});
