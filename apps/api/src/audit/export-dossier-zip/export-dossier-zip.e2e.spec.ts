// GET /api/campaigns/:id/dossier.zip over real HTTP on a real PostgreSQL: the archive streamed as an attachment, the
// workbook and the evidence file inside byte for byte, the same roles and refusals as dossier.xlsx.
import { createHash } from 'node:crypto';
import JSZip from 'jszip';
import { CAMPAIGN, seedOffice } from '@api/branch-work/testing/seed-office';
import { EVENT_STORE } from '@api/infrastructure/tokens';
import { startApiTestApp, type ApiTestApp } from '@api/testing/api-test-app';

jest.setTimeout(120_000);

const clock = { now: () => new Date('2009-04-01T02:00:00Z') };
const TODAY = '2009-04-01';
const ZIP = `/api/campaigns/${CAMPAIGN}/dossier.zip`;
const sha256 = (content: Buffer) => createHash('sha256').update(content).digest('hex');

describe('the dossier ZIP over HTTP', () => {
  let api: ApiTestApp;
  const tokens: Record<string, string> = {};
  const minutes = Buffer.from('%PDF-1.4 支部委员会会议记录\n');
  const get = (path: string, who: string) => api.http.get(path).set('Authorization', `Bearer ${tokens[who]}`);
  const binary = (response: { on: (e: string, f: (c?: Buffer) => void) => void }, done: (e: Error | null, body: Buffer) => void) => {
    const chunks: Buffer[] = [];
    response.on('data', (chunk) => chunks.push(chunk as Buffer));
    response.on('end', () => done(null, Buffer.concat(chunks)));
  };

  beforeAll(async () => {
    api = await startApiTestApp({ clock });
    await seedOffice(api.app.get(EVENT_STORE));
    tokens.b1 = await api.signIn({ username: 'sec-b1', password: 'secret-b1-pass', role: 'secretary', branchId: 'B1' });
    tokens.auditor = await api.signIn({ username: 'auditor', password: 'auditor-pass', role: 'auditor' });
    tokens.stranger = await api.signIn({ username: 'other-leader', password: 'other-pass', role: 'leading_group', unitId: 'U9' });
    await api.http
      .post(`/api/campaigns/${CAMPAIGN}/branches/B1/instances/${encodeURIComponent('T05:branch:B1')}/complete`)
      .set('Authorization', `Bearer ${tokens.b1}`)
      .field('note', '已制定支部学习计划')
      .attach('evidence', minutes, { filename: '会议记录.pdf', contentType: 'application/pdf' })
      .expect(201);
  });
  afterAll(() => api?.close());

  it('streams a ZIP attachment holding the workbook and each evidence file under its branch and task', async () => {
    const response = await get(ZIP, 'auditor').buffer(true).parse(binary).expect(200);
    expect(response.headers['content-type']).toBe('application/zip');
    expect(response.headers['content-disposition']).toContain(`filename="dossier-${CAMPAIGN}-${TODAY}.zip"`);
    expect(response.headers['x-ledger-digest']).toMatch(/^v2:unit\.U1:\d+:[0-9a-f]{64}$/);
    const zip = await JSZip.loadAsync(response.body as Buffer);
    const names = Object.values(zip.files)
      .filter((f) => !f.dir)
      .map((f) => f.name);
    expect(names).toContain(`活动台账-深入学习实践科学发展观活动-${TODAY}.xlsx`);
    const evidence = names.filter((n) => n.startsWith('证据/'));
    expect(evidence).toHaveLength(1);
    expect(evidence[0]).toMatch(/^证据\/B1 机关第一支部\/T05 [^/]+\/会议记录\.pdf$/);
    expect(sha256((await zip.file(evidence[0])?.async('nodebuffer')) ?? Buffer.alloc(0))).toBe(sha256(minutes));
  });

  it('refuses secretaries, other units, unknown campaigns and a malformed day, as dossier.xlsx does', async () => {
    await get(ZIP, 'b1').expect(403);
    await get(ZIP, 'stranger').expect(404);
    await api.http.get(ZIP).expect(401);
    expect((await get('/api/campaigns/C404/dossier.zip', 'auditor').expect(404)).body.error).toBe('AUDIT.CAMPAIGN_NOT_FOUND');
    await get(`${ZIP}?asOf=yesterday`, 'auditor').expect(400);
  });
});
