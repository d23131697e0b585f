import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { principalOf } from '@api/testing/use-case-harness';
import { routeOf } from '@api/testing/route-access';
import { CampaignUnits } from '@api/auth/campaign-units';
import { CompleteTaskCommand, CompleteTaskHandler } from '@api/branch-work/complete-task/complete-task.handler';
import { AUDITOR, branchWorkFixture, completion, SECRETARY_B1, SECRETARY_B2, type BranchWorkFixture } from '@api/branch-work/testing/branch-work-fixture';
import { ExportDossierHandler } from '../export-dossier/export-dossier.handler';
import { ExportDossierZipHandler, ExportDossierZipQuery, pathSegment } from './export-dossier-zip.handler';
import { ExportDossierZipHttpController } from './export-dossier-zip.http.controller';

const sha256 = (content: Buffer) => createHash('sha256').update(content).digest('hex');

async function bytesOf(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

describe('the dossier as one ZIP: the workbook and every evidence file under its branch and task', () => {
  let fx: BranchWorkFixture;
  const plan = Buffer.from('%PDF-1.4 支部学习计划\n');
  const photo = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);
  const b2Plan = Buffer.from('%PDF-1.4 第二支部学习计划\n');
  const exportZip = () => fx.get(ExportDossierZipHandler).execute(new ExportDossierZipQuery('C1', AUDITOR));

  beforeAll(async () => {
    fx = await branchWorkFixture([CampaignUnits, ExportDossierHandler, ExportDossierZipHandler, CompleteTaskHandler]);
    await fx.get(CompleteTaskHandler).execute(
      new CompleteTaskCommand(SECRETARY_B1, 'C1', 'B1', 'T05:branch:B1', {
        note: '已制定支部学习计划',
        files: [
          { fileName: '学习计划.pdf', contentType: 'application/pdf', content: plan },
          { fileName: '现场/照片.png', contentType: 'image/png', content: photo },
        ],
      }),
    );
    await fx.get(CompleteTaskHandler).execute(
      new CompleteTaskCommand(SECRETARY_B2, 'C1', 'B2', 'T05:branch:B2', {
        files: [{ fileName: '学习计划.pdf', contentType: 'application/pdf', content: b2Plan }],
      }),
    );
  });
  afterAll(() => fx.close());

  it('holds the XLSX dossier and each evidence file, byte for byte, under 证据/<branch>/<task>/<file name>', async () => {
    const answer = await exportZip();
    expect(answer.fileName).toBe(`活动台账-${answer.dossier.campaign.name}-${answer.dossier.asOf}.zip`);
    const zip = await JSZip.loadAsync(await bytesOf(answer.stream));
    const files = Object.values(zip.files).filter((f) => !f.dir);
    const t05 = answer.dossier.instances.find((i) => i.branchId === 'B1' && i.instanceKey === 'T05:branch:B1');
    const b2 = answer.dossier.instances.find((i) => i.branchId === 'B2' && i.instanceKey === 'T05:branch:B2');
    if (!t05 || !b2) throw new Error('no T05 in the dossier');
    const folder = (i: typeof t05) => `证据/${i.branchId} ${i.branchName}/${i.taskId} ${i.title}`;
    const xlsx = answer.fileName.replace(/\.zip$/, '.xlsx');
    expect(files.map((f) => f.name).sort()).toEqual([xlsx, `${folder(t05)}/学习计划.pdf`, `${folder(t05)}/现场_照片.png`, `${folder(b2)}/学习计划.pdf`].sort());
    expect(answer.entries.map((e) => e.path).sort()).toEqual(files.map((f) => f.name).sort());

    for (const [path, original] of [
      [`${folder(t05)}/学习计划.pdf`, plan],
      [`${folder(t05)}/现场_照片.png`, photo],
      [`${folder(b2)}/学习计划.pdf`, b2Plan],
    ] as const) {
      const content = await zip.file(path)?.async('nodebuffer');
      expect(content?.equals(original)).toBe(true);
      expect(sha256(content ?? Buffer.alloc(0))).toBe(answer.entries.find((e) => e.path === path)?.sha256);
      expect(sha256(content ?? Buffer.alloc(0))).toBe(sha256(original));
    }

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await zip.file(xlsx)?.async('arraybuffer')) ?? new ArrayBuffer(0));
    expect(workbook.worksheets.map((ws) => ws.name)).toEqual(['概况', '任务台账', '学习参与', '半年检查']);
    const tasks = workbook.getWorksheet('任务台账');
    const hashes: string[] = [];
    tasks?.eachRow((row) => hashes.push(String(row.getCell(12).value ?? '')));
    expect(hashes.join('\n')).toContain(sha256(plan));
  });

  it('lists a file the log names but the store lacks instead of leaving it out silently', async () => {
    const lost = { fileName: 'lost.pdf', sha256: 'e'.repeat(64), size: 3, contentType: 'application/pdf' };
    await fx.given(SECRETARY_B1, completion('B1', 'T13:branch:B1', '', [lost]));
    const zip = await JSZip.loadAsync(await bytesOf((await exportZip()).stream));
    expect(await zip.file('缺失文件.txt')?.async('string')).toContain(`/lost.pdf\t${'e'.repeat(64)}`);
  });

  it('keeps file names usable as one path segment', () => {
    expect(pathSegment('a/b\\c:d*e?f"g<h>i|j')).toBe('a_b_c_d_e_f_g_h_i_j');
    expect(pathSegment('..')).toBe('_');
    expect(pathSegment('')).toBe('_');
  });

  it('is for the same roles as dossier.xlsx: auditors, leaders and administrators of the unit', async () => {
    const route = routeOf(ExportDossierZipHttpController, 'dossierZip');
    expect(route.path).toBe('campaigns/:campaignId/dossier.zip');
    expect(route.roles).toEqual(['auditor', 'leading_group', 'administrator']);
    await expect(route.scopeCheck(fx.store, principalOf('auditor', { unitId: 'U2' }), { campaignId: 'C1' })).rejects.toMatchObject({
      code: 'CAMPAIGN.NOT_FOUND',
      kind: 'not_found',
    });
    await expect(route.scopeCheck(fx.store, AUDITOR, { campaignId: 'C1' })).resolves.toBeUndefined();
  });
});
