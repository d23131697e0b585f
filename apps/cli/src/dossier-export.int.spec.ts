// `ledger export --dossier` on a real PostgreSQL, without the API: the workbook read back with exceljs shows the live read model's figures.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { officeDateOf } from '@campaign-ledger/audit';
import { UNIT_LEVEL_BRANCH_ID } from '@campaign-ledger/domain';
import { PostgresEventStore } from '@campaign-ledger/event-store';
import {
  branchDashboard,
  campaignOverview,
  databaseSource,
  openReadModelDataSource,
  typeOrmSql,
  type BranchDashboard,
  type CampaignOverview,
} from '@campaign-ledger/projections';
import { createTestDatabase, type TestDatabase } from '@campaign-ledger/testing-support';
import { projectLive, runLedger, seedOffice, sha256Of, untilVisible } from './testing/cli-harness';

jest.setTimeout(90_000);

type Row = Record<string, ExcelJS.CellValue>;

/** A sheet as objects keyed by its (Chinese) header row. */
function rowsOf(ws: ExcelJS.Worksheet | undefined): { headers: string[]; rows: Row[] } {
  if (!ws) throw new Error('missing sheet');
  const headers = (ws.getRow(1).values as ExcelJS.CellValue[]).slice(1).map(String);
  const rows: Row[] = [];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    rows.push(Object.fromEntries(headers.map((h, i) => [h, row.getCell(i + 1).value ?? null])));
  });
  return { headers, rows };
}

function found<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`no ${what}`);
  return value;
}

const day = (value: ExcelJS.CellValue) => (value instanceof Date ? value.toISOString().slice(0, 10) : value);

describe('ledger export --dossier', () => {
  let database: TestDatabase;
  let dir: string;
  let events: number;
  let live: { overview: CampaignOverview; dashboards: BranchDashboard[] };
  const env = () => ({ EVENT_STORE: 'postgres', DATABASE_URL: database.url, DATA_DIR: join(dir, 'data') });
  const ledger = (args: string[]) => runLedger(args, env(), dir);
  const asOf = () => officeDateOf(new Date());

  beforeAll(async () => {
    database = await createTestDatabase('cl_dossier');
    dir = mkdtempSync(join(tmpdir(), 'cl-dossier-'));
    const store = await PostgresEventStore.connect(database.url);
    events = await seedOffice(store);
    await untilVisible(database.url, events);
    // What the API would answer: the live projector's tables, asked by the live endpoints' queries.
    await projectLive(database.url, store);
    await store.close();
    const dataSource = await openReadModelDataSource({ url: database.url, poolSize: 2 });
    const source = databaseSource(typeOrmSql(dataSource));
    live = {
      overview: await campaignOverview(source, 'C1', { asOf: asOf() }),
      dashboards: await Promise.all([UNIT_LEVEL_BRANCH_ID, 'B1', 'B2'].map((b) => branchDashboard(source, 'C1', b, { asOf: asOf() }))),
    };
    await dataSource.destroy();
  });

  afterAll(async () => {
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes the workbook with its four sheets, Chinese headers and frozen header rows; progress on stderr', async () => {
    const outcome = await ledger(['export', '--dossier', 'C1', '--out', '台账.xlsx']);
    expect(outcome.code).toBe(0);
    expect(outcome.stderr).toMatch(new RegExp(`^dossier: ${events}/${events} events \\(100%\\)$`, 'm'));
    expect(outcome.stdout).toMatch(
      new RegExp(
        `^exported the dossier of campaign C1 \\(深入学习实践科学发展观活动\\) as of ${asOf()} to 台账.xlsx: ` +
          `${live.overview.totals.applicable + 2} task instances \\(${live.overview.totals.done} completed\\), 1 study sessions$`,
        'm',
      ),
    );

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(dir, '台账.xlsx'));
    expect(workbook.worksheets.map((ws) => ws.name)).toEqual(['概况', '任务台账', '学习参与', '半年检查']);
    for (const ws of workbook.worksheets) expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(rowsOf(workbook.getWorksheet('任务台账')).headers).toEqual([
      '阶段',
      '环节',
      '任务',
      '范围',
      '支部',
      '成员',
      '截止日期',
      '状态',
      '完成人',
      '完成时间',
      '说明',
      '证据 SHA-256',
    ]);
    expect(rowsOf(workbook.getWorksheet('学习参与')).headers).toEqual(['支部', '日期', '主题', '应到', '实到', '请假', '缺席', '补学', '参与率', '到会率']);
    expect(rowsOf(workbook.getWorksheet('半年检查')).headers).toEqual(expect.arrayContaining(['时间进度', '工作进度', '应完成', '已完成']));
    expect(rowsOf(workbook.getWorksheet('概况')).headers).toEqual(['项目', '内容', '说明']);
    expect(workbook.getWorksheet('任务台账')?.getColumn(3).width).toBeGreaterThan(20);
  });

  it("has the live figures: counts, a completed instance's completer, dates and evidence hash, cancellations, sessions, the half-year check", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(dir, '台账.xlsx'));
    const tasks = rowsOf(workbook.getWorksheet('任务台账')).rows;
    const { totals } = live.overview;
    expect(tasks.filter((r) => r['状态'] !== '已取消')).toHaveLength(totals.applicable);
    expect(tasks.filter((r) => r['状态'] === '已完成')).toHaveLength(totals.done);
    expect(tasks.filter((r) => r['状态'] === '已逾期')).toHaveLength(totals.overdue);
    const liveInstances = live.dashboards.flatMap((d) => [...d.phases.flatMap((p) => p.instances), ...d.unphased].map((i) => ({ ...i, branch: d.name })));
    expect(
      tasks
        .filter((r) => r['状态'] !== '已取消')
        .map((r) => `${r['支部']} ${r['任务']}`)
        .sort(),
    ).toEqual(liveInstances.map((i) => `${i.branch} ${i.title}`).sort());

    const t05 = found(
      liveInstances.find((i) => i.instanceKey === 'T05:branch:B1'),
      'live T05 of B1',
    );
    expect(t05).toMatchObject({ status: 'completed', completedBy: 'acc-sec-b1', evidence: [sha256Of('a')] });
    const row = found(
      tasks.find((r) => r['支部'] === '机关第一支部' && r['任务'] === t05.title && r['状态'] === '已完成'),
      'row of T05',
    );
    expect(row['完成人']).toBe(t05.completedBy);
    expect(row['证据 SHA-256']).toBe(t05.evidence.join('\n'));
    expect(row['完成时间']).toBeInstanceOf(Date);
    expect(day(row['完成时间'])).toBe('2009-03-27');
    expect(day(row['截止日期'])).toBe(t05.dueDate);
    expect(row['说明']).toBe('已制定支部学习计划');
    expect(row['范围']).toBe('支部');
    const memberRow = found(
      tasks.find((r) => r['成员'] === '王一' && r['状态'] === '已完成'),
      'row of M1',
    );
    expect(memberRow).toMatchObject({ 范围: '党员', 支部: '机关第一支部', 完成人: 'acc-sec-b1' });

    const cancelled = tasks.filter((r) => r['状态'] === '已取消');
    // T11, a branch task, was cancelled: listed for both branches, counted nowhere.
    expect(cancelled.map((r) => r['支部'])).toEqual(['机关第一支部', '机关第二支部']);
    expect(cancelled.every((r) => String(r['说明']).startsWith('任务已取消：与集中学习合并'))).toBe(true);

    const study = rowsOf(workbook.getWorksheet('学习参与')).rows;
    const liveSession = live.dashboards[1].sessions[0];
    expect(study[0]).toMatchObject({
      支部: '机关第一支部',
      主题: liveSession.topic,
      应到: liveSession.expected,
      实到: liveSession.present,
      请假: liveSession.leave,
      缺席: liveSession.absent,
      补学: liveSession.madeUp,
      参与率: 1,
      到会率: 0.5,
    });
    expect(day(study[0]['日期'])).toBe('2009-03-25');
    expect(study.at(-1)).toMatchObject({ 支部: '合计', 应到: 2, 实到: 1, 补学: 1 });

    const halfYear = rowsOf(workbook.getWorksheet('半年检查')).rows;
    expect(halfYear[0]).toMatchObject({
      层级: '全活动',
      应完成: totals.applicable,
      已完成: totals.done,
      逾期未完成: totals.overdue,
      已过天数: live.overview.halfYear.timeProgress.numerator,
      总天数: live.overview.halfYear.timeProgress.denominator,
      时间过半: '是',
      工作过半: live.overview.halfYear.passes ? '是' : '否',
    });
    expect(halfYear.filter((r) => r['层级'] === '阶段').map((r) => r['名称'])).toEqual(live.overview.stages.map((s) => s.name));
    expect(halfYear.filter((r) => r['层级'] === '支部').map((r) => [r['名称'], r['应完成'], r['已完成']])).toEqual(
      live.dashboards.map((d) => [d.name, d.totals.applicable, d.totals.done]),
    );
  });

  it('names the digest of the log it was built from, the one `ledger digest` prints', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(dir, '台账.xlsx'));
    const overview = Object.fromEntries(rowsOf(workbook.getWorksheet('概况')).rows.map((r) => [r['项目'], r['内容']]));
    const digest = (await ledger(['digest'])).stdout.trim();
    expect(overview['日志摘要']).toBe(digest);
    expect(overview).toMatchObject({
      活动名称: '深入学习实践科学发展观活动',
      活动编号: 'C1',
      单位: '市政协机关',
      应完成任务实例: live.overview.totals.applicable,
    });
    expect(day(overview['统计日期'])).toBe(asOf());
    expect(overview['导出时间（北京时间）']).toBeInstanceOf(Date);
    expect((await ledger(['verify', '--against', digest])).code).toBe(0);
  });

  it('refuses to overwrite without --force, and says what is wrong with a campaign, a day or an option', async () => {
    const exists = await ledger(['export', '--dossier', 'C1', '--out', '台账.xlsx']);
    expect(exists).toMatchObject({ code: 2, stderr: 'ledger: 台账.xlsx exists; choose another file or add --force\n' });
    expect((await ledger(['export', '--dossier', 'C1', '--out', '台账.xlsx', '--force'])).code).toBe(0);
    const cases: [string[], RegExp][] = [
      [['export', '--dossier', 'C404', '--out', 'x.xlsx'], /there is no campaign C404 in the log/],
      [['export', '--dossier', 'C1', '--out', 'x.xlsx', '--as-of', '2009-13-01'], /--as-of must be a day written YYYY-MM-DD/],
      [['export', '--dossier', 'C1', '--out', 'x.xlsx', '--as-of', '2000-01-01'], /there is no campaign C1 in the log/],
      [['export', '--out', 'x.ndjson', '--as-of', '2024-01-01'], /--as-of goes with --dossier/],
      [['export', '--dossier', 'C1'], /required option '--out <file>'/],
    ];
    for (const [args, message] of cases) {
      const outcome = await ledger(args);
      expect({ args, code: outcome.code }).toEqual({ args, code: 2 });
      expect(outcome.stderr).toMatch(message);
    }
    expect(existsSync(join(dir, 'x.xlsx'))).toBe(false);
    expect((await ledger(['export', '--help'])).stdout).toContain('--dossier <campaignId>');
  });
});
