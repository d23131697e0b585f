import { createHash } from 'node:crypto';
import { principalOf } from '@api/testing/use-case-harness';
import { routeOf } from '@api/testing/route-access';
import { CompleteTaskCommand, CompleteTaskHandler } from '../complete-task/complete-task.handler';
import { branchWorkFixture, completion, LEADER, SECRETARY_B1, SECRETARY_B2, type BranchWorkFixture } from '../testing/branch-work-fixture';
import { DownloadEvidenceHandler, DownloadEvidenceQuery } from './download-evidence.handler';
import { DownloadEvidenceHttpController } from './download-evidence.http.controller';

const content = Buffer.from('学习心得全文');
const sha256 = createHash('sha256').update(content).digest('hex');

describe('download an evidence file through the branch work that references it', () => {
  let fx: BranchWorkFixture;
  const download = (principal: typeof LEADER, via: DownloadEvidenceQuery['via'], hash = sha256) =>
    fx.get(DownloadEvidenceHandler).execute(new DownloadEvidenceQuery(principal, hash, via));

  beforeEach(async () => {
    fx = await branchWorkFixture([DownloadEvidenceHandler, CompleteTaskHandler]);
    await fx.get(CompleteTaskHandler).execute(
      new CompleteTaskCommand(SECRETARY_B1, 'C1', 'B1', 'T05:branch:B1', {
        files: [{ fileName: '心得.txt', contentType: 'text/plain', content }],
      }),
    );
  });
  afterEach(() => fx.close());

  it('gives the file with the name and type it was uploaded with', async () => {
    await expect(download(LEADER, { campaignId: 'C1', branchId: 'B1' })).resolves.toEqual({ sha256, content, fileName: '心得.txt', contentType: 'text/plain' });
    // A secretary's own branch is the default.
    await expect(download(SECRETARY_B1, { campaignId: 'C1' })).resolves.toMatchObject({ fileName: '心得.txt' });
  });

  it('needs the campaign (and, but for a secretary, the branch) that references the file', async () => {
    await expect(download(SECRETARY_B1, {})).rejects.toMatchObject({ code: 'COMMAND.INVALID', kind: 'validation', details: { path: 'campaignId' } });
    await expect(download(LEADER, { campaignId: 'C1' })).rejects.toMatchObject({ code: 'COMMAND.INVALID', kind: 'validation' });
  });

  it('answers "not found" for a file the named branch work does not reference, or one not stored', async () => {
    await expect(download(SECRETARY_B2, { campaignId: 'C1' })).rejects.toMatchObject({ code: 'ACCESS.NOT_FOUND', kind: 'not_found' });
    await expect(download(LEADER, { campaignId: 'C2', branchId: 'B1' })).rejects.toMatchObject({ code: 'ACCESS.NOT_FOUND', kind: 'not_found' });
    await expect(download(LEADER, { campaignId: 'C1', branchId: 'B1' }, 'f'.repeat(64))).rejects.toMatchObject({ code: 'ACCESS.NOT_FOUND', kind: 'not_found' });
    const lost = { fileName: 'lost.pdf', sha256: 'e'.repeat(64), size: 3, contentType: 'application/pdf' };
    await fx.given(SECRETARY_B1, completion('B1', 'T13:branch:B1', '', [lost]));
    await expect(download(LEADER, { campaignId: 'C1', branchId: 'B1' }, lost.sha256)).rejects.toMatchObject({ code: 'ACCESS.NOT_FOUND', kind: 'not_found' });
  });

  it("keeps another branch's secretary and another unit out through the route's campaign and branch", async () => {
    const route = routeOf(DownloadEvidenceHttpController, 'download');
    expect(route.path).toBe('evidence/:sha256');
    await expect(route.scopeCheck(fx.store, SECRETARY_B2, { sha256 }, { campaignId: 'C1', branchId: 'B1' })).rejects.toMatchObject({
      code: 'ACCESS.FORBIDDEN',
      kind: 'forbidden',
    });
    const otherUnit = principalOf('leading_group', { unitId: 'U2' });
    await expect(route.scopeCheck(fx.store, otherUnit, { sha256 }, { campaignId: 'C1', branchId: 'B1' })).rejects.toMatchObject({
      code: 'CAMPAIGN.NOT_FOUND',
      kind: 'not_found',
    });
  });
});
