// GET /api/campaigns/:id/dossier.xlsx over real HTTP on a real PostgreSQL: work done through the API, the workbook read back
// with exceljs, every figure equal to what the live endpoints answer.
import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { unitScope, verifyAgainstDigest } from '@campaign-ledger/audit';
import { branchWorkStream, UNIT_LEVEL_BRANCH_ID } from '@campaign-ledger/domain';
import { comparePositions, parsePosition, type EventStore, type LogPosition } from '@campaign-ledger/event-store';
import { CAMPAIGN, seedOffice } from '@api/branch-work/testing/seed-office';
import { EVENT_STORE } from '@api/infrastructure/tokens';
import { startApiTestApp, type ApiTestApp } from '@api/testing/api-test-app';

jest.setTimeout(120_000);

const clock = { now: () => new Date('2009-04-01T02:00:00Z') };
const TODAY = '2009-04-01';
const sha256 = (content: Buffer) => createHash('sha256').update(content).digest('hex');
const DOSSIER = `/api/campaigns/${CAMPAIGN}/dossier.xlsx`;

type Row = Record<string, ExcelJS.CellValue>;
interface LiveInstance {
  instanceKey: string;
  title: string;
  status: string;
  completedBy: string | null;
  completedOn: string | null;
  evidence: string[];
  colour: string;
}

function rowsOf(ws: ExcelJS.Worksheet | undefined): { headers: string[]; rows: Row[] } {
  if (!ws) throw new Error('missing sheet');
  const headers = (ws.getRow(1).values as ExcelJS.CellValue[]).slice(1).map(String);
  const rows: Row[] = [];
  ws.eachRow((row, n) => {
    if (n > 1) rows.push(Object.fromEntries(headers.map((h, i) => [h, row.getCell(i + 1).value ?? null])));
  });
  return { headers, rows };
}

function found<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`no ${what}`);
  return value;
}

const day = (value: ExcelJS.CellValue) => (value instanceof Date ? value.toISOString().slice(0, 10) : value);

describe('the dossier workbook over HTTP', () => {
  let api: ApiTestApp;
  let store: EventStore;
  const tokens: Record<string, string> = {};
  const minutes = Buffer.from('%PDF-1.4 支部委员会会议记录 2009-03-27\n');
  const get = (path: string, who: string) => api.http.get(path).set('Authorization', `Bearer ${tokens[who]}`);
  const post = (path: string, who: string) => api.http.post(path).set('Authorization', `Bearer ${tokens[who]}`);
  const instance = (branchId: string, key: string) => `/api/campaigns/${CAMPAIGN}/branches/${branchId}/instances/${encodeURIComponent(key)}/complete`;

  async function projected(): Promise<void> {
    let target: LogPosition | null = null;
    for (const branchId of ['B1', 'B2']) {
      const [last] = await store.readStream(branchWorkStream(CAMPAIGN, branchId), { direction: 'backwards', maxCount: 1 });
      if (last && (!target || comparePositions(last.logPosition, target) > 0)) target = last.logPosition;
    }
    for (const deadline = Date.now() + 60_000; ;) {
      const status = await api.http.get('/api/projections/status').set('Authorization', `Bearer ${tokens.admin}`);
      const at = status.body?.checkpoint ? parsePosition(status.body.checkpoint) : null;
      if (at && target && comparePositions(at, target) >= 0) return;
      if (Date.now() > deadline) throw new Error(`projection did not catch up: ${JSON.stringify(status.body)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  beforeAll(async () => {
    api = await startApiTestApp({ clock });
    store = api.app.get(EVENT_STORE);
    await seedOffice(store);
    tokens.b1 = await api.signIn({ username: 'sec-b1', password: 'secret-b1-pass', role: 'secretary', branchId: 'B1' });
    tokens.b2 = await api.signIn({ username: 'sec-b2', password: 'secret-b2-pass', role: 'secretary', branchId: 'B2' });
    tokens.leader = await api.signIn({ username: 'leader', password: 'leader-pass', role: 'leading_group' });
    tokens.auditor = await api.signIn({ username: 'auditor', password: 'auditor-pass', role: 'auditor' });
    tokens.admin = await api.signIn({ username: 'admin', password: 'admin-pass', role: 'administrator' });
    tokens.stranger = await api.signIn({ username: 'other-leader', password: 'other-pass', role: 'leading_group', unitId: 'U9' });

    await post(instance('B1', 'T05:branch:B1'), 'b1')
      .field('note', '已制定支部学习计划，报活动办备案')
      .field('completedOn', '2009-03-27')
      .attach('evidence', minutes, { filename: '会议记录.pdf', contentType: 'application/pdf' })
      .expect(201);
    await post(instance('B1', 'T07:member:M1'), 'b1').send({ note: '王一同志已提交学习笔记', completedOn: '2009-03-30' }).expect(201);
    await post(instance('B2', 'T05:branch:B2'), 'b2').send({ note: '已制定', completedOn: '2009-03-28' }).expect(201);
    await post(`/api/campaigns/${CAMPAIGN}/branches/B1/study-sessions`, 'b1')
      .send({ sessionId: 'S-0325', date: '2009-03-25', topic: '学习科学发展观重要论述', attendance: { M1: 'present', M2: 'leave' } })
      .expect(201);
    await post(`/api/campaigns/${CAMPAIGN}/branches/B1/study-sessions/S-0325/make-ups`, 'b1')
      .send({ memberId: 'M2', date: '2009-03-27', note: '自学' })
      .expect(201);
    await projected();
  });
  afterAll(() => api?.close());

  it('serves an XLSX attachment with a UTF-8 file name to the leading group, auditors and administrators only', async () => {
    const response = await get(DOSSIER, 'leader').responseType('blob').expect(200);
    expect(response.headers['content-type']).toContain('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="dossier-${CAMPAIGN}-${TODAY}.xlsx"; filename*=UTF-8''${encodeURIComponent(`活动台账-深入学习实践科学发展观活动-${TODAY}.xlsx`)}`,
    );
    expect(response.headers['x-ledger-digest']).toMatch(/^v2:unit\.U1:\d+:[0-9a-f]{64}$/);
    await get(DOSSIER, 'auditor').responseType('blob').expect(200);
    await get(DOSSIER, 'admin').responseType('blob').expect(200);
    await get(DOSSIER, 'b1').expect(403);
    // Another unit's campaign answers as a campaign that does not exist.
    await get(DOSSIER, 'stranger').expect(404);
    await api.http.get(DOSSIER).expect(401);
    expect((await get('/api/campaigns/C404/dossier.xlsx', 'leader').expect(404)).body.error).toBe('AUDIT.CAMPAIGN_NOT_FOUND');
    await get(`${DOSSIER}?asOf=yesterday`, 'leader').expect(400);
    // A day before anything was recorded: no campaign yet.
    await get(`${DOSSIER}?asOf=2000-01-01`, 'leader').expect(404);
  });

  it('holds the live figures: headers, counts, the completer and evidence hash of a completed instance, sessions, the half-year check', async () => {
    const response = await get(DOSSIER, 'leader').responseType('blob').expect(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.body);
    expect(workbook.worksheets.map((ws) => ws.name)).toEqual(['概况', '任务台账', '学习参与', '半年检查']);
    for (const ws of workbook.worksheets) expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });

    const overview = (await get(`/api/campaigns/${CAMPAIGN}/overview`, 'leader').expect(200)).body;
    const dashboards = await Promise.all(
      [UNIT_LEVEL_BRANCH_ID, 'B1', 'B2'].map(async (b) => (await get(`/api/campaigns/${CAMPAIGN}/branches/${b}/dashboard`, 'leader').expect(200)).body),
    );
    expect(overview.asOf).toBe(TODAY);

    const tasks = rowsOf(workbook.getWorksheet('任务台账'));
    expect(tasks.headers).toEqual(['阶段', '环节', '任务', '范围', '支部', '成员', '截止日期', '状态', '完成人', '完成时间', '说明', '证据 SHA-256']);
    expect(tasks.rows.filter((r) => r['状态'] !== '已取消')).toHaveLength(overview.totals.applicable);
    expect(tasks.rows.filter((r) => r['状态'] === '已完成')).toHaveLength(overview.totals.done);
    expect(tasks.rows.filter((r) => r['状态'] === '已逾期')).toHaveLength(overview.totals.overdue);
    for (const dashboard of dashboards) {
      const mine = tasks.rows.filter((r) => r['支部'] === dashboard.name && r['状态'] !== '已取消');
      expect({ branch: dashboard.branchId, rows: mine.length, done: mine.filter((r) => r['状态'] === '已完成').length }).toEqual({
        branch: dashboard.branchId,
        rows: dashboard.totals.applicable,
        done: dashboard.totals.done,
      });
    }

    const b1: LiveInstance[] = [...dashboards[1].phases.flatMap((p: { instances: LiveInstance[] }) => p.instances), ...dashboards[1].unphased];
    const t05 = found(
      b1.find((i) => i.instanceKey === 'T05:branch:B1'),
      'live T05 of B1',
    );
    expect(t05).toMatchObject({ status: 'completed', completedBy: 'acc-sec-b1', evidence: [sha256(minutes)] });
    const row = found(
      tasks.rows.find((r) => r['支部'] === dashboards[1].name && r['任务'] === t05.title),
      'row of T05',
    );
    expect(row).toMatchObject({ 状态: '已完成', 完成人: t05.completedBy });
    expect(row['证据 SHA-256']).toBe(sha256(minutes));
    expect(day(row['完成时间'])).toBe(t05.completedOn);
    expect(row['说明']).toBe('已制定支部学习计划，报活动办备案');
    const t11 = tasks.rows.filter((r) => r['状态'] === '已取消');
    expect(t11.map((r) => r['支部'])).toEqual([dashboards[1].name, dashboards[2].name]);
    expect(t11[0]['说明']).toBe('任务已取消：与集中学习合并');

    const study = rowsOf(workbook.getWorksheet('学习参与'));
    expect(study.headers).toEqual(['支部', '日期', '主题', '应到', '实到', '请假', '缺席', '补学', '参与率', '到会率']);
    const session = dashboards[1].sessions[0];
    expect(study.rows[0]).toMatchObject({
      支部: dashboards[1].name,
      主题: session.topic,
      应到: session.expected,
      实到: session.present,
      请假: session.leave,
      缺席: session.absent,
      补学: session.madeUp,
    });
    expect(study.rows[0]['参与率']).toBe(session.participation.numerator / session.participation.denominator);
    expect(study.rows.at(-1)).toMatchObject({
      支部: '合计',
      参与率: overview.participation.byPersonSession.numerator / overview.participation.byPersonSession.denominator,
    });

    const halfYear = rowsOf(workbook.getWorksheet('半年检查')).rows;
    expect(halfYear[0]).toMatchObject({
      层级: '全活动',
      应完成: overview.totals.applicable,
      已完成: overview.totals.done,
      已过天数: overview.halfYear.timeProgress.numerator,
      总天数: overview.halfYear.timeProgress.denominator,
      时间进度: overview.halfYear.timeProgress.numerator / overview.halfYear.timeProgress.denominator,
      工作进度: overview.halfYear.workProgress.numerator / overview.halfYear.workProgress.denominator,
      时间过半: '否',
      工作过半: overview.halfYear.passes ? '是' : '否',
    });
    expect(day(halfYear[0]['过半日期'])).toBe(overview.halfYear.halfwayDate);

    const cover = Object.fromEntries(rowsOf(workbook.getWorksheet('概况')).rows.map((r) => [r['项目'], r['内容']]));
    expect(cover).toMatchObject({ 活动编号: CAMPAIGN, 单位: '市政协机关', 已完成: overview.totals.done, 日志摘要: response.headers['x-ledger-digest'] });
    expect(day(cover['统计日期'])).toBe(TODAY);
    const check = await verifyAgainstDigest(store, String(cover['日志摘要']), { scope: unitScope('U1') });
    expect(check.rootMatches).toBe(true);
  });
});
