// The dossier as an Excel workbook with Chinese headers: 概况, 任务台账, 学习参与, 半年检查.
import ExcelJS from 'exceljs';
import { fraction, type HalfYearCheck, type Ratio } from '@campaign-ledger/domain';
import { DEFAULT_OFFICE_TIME_ZONE, officeCalendar } from '@campaign-ledger/office-time';
import type { Dossier, DossierInstanceStatus, DossierProgress } from './dossier';

export const DOSSIER_SHEETS = { overview: '概况', tasks: '任务台账', study: '学习参与', halfYear: '半年检查' } as const;

export const TASK_LEDGER_HEADERS = ['阶段', '环节', '任务', '范围', '支部', '成员', '截止日期', '状态', '完成人', '完成时间', '说明', '证据 SHA-256'] as const;
export const STUDY_HEADERS = ['支部', '日期', '主题', '应到', '实到', '请假', '缺席', '补学', '参与率', '到会率'] as const;
export const HALF_YEAR_HEADERS = [
  '层级',
  '名称',
  '期间开始',
  '期间结束',
  '检查日期',
  '已过天数',
  '总天数',
  '时间进度',
  '应完成',
  '已完成',
  '逾期未完成',
  '工作进度',
  '过半日期',
  '时间过半',
  '工作过半',
] as const;
export const OVERVIEW_HEADERS = ['项目', '内容', '说明'] as const;

export const STATUS_LABELS: Readonly<Record<DossierInstanceStatus, string>> = {
  completed: '已完成',
  open: '未完成',
  overdue: '已逾期',
  cancelled: '已取消',
  carried_over: '结转',
};

export const SCOPE_LABELS: Readonly<Record<string, string>> = {
  unit: '单位',
  division: '处室',
  branch: '支部',
  branch_recurring_weekly: '支部（每周）',
  member: '党员',
  leader: '领导干部',
};

const LEVEL_LABELS: Readonly<Record<DossierProgress['level'], string>> = { campaign: '全活动', stage: '阶段', branch: '支部' };
const CAMPAIGN_STATUS: Readonly<Record<string, string>> = { planned: '进行中', closed: '已结束' };

const DATE = 'yyyy-mm-dd';
const DATE_TIME = 'yyyy-mm-dd hh:mm:ss';
const PERCENT = '0.0%';

/** A calendar day as an Excel date (midnight UTC: Excel dates have no time zone). */
const asDate = (day: string | null): Date | null => (day ? new Date(`${day}T00:00:00.000Z`) : null);
/** An instant shown as the office's wall-clock time (OFFICE_TIME_ZONE). */
const asOfficeTime = (at: Date | string | null): Date | null => (at === null ? null : officeCalendar().wallClockDate(new Date(at)));
/** How the headings name that time: 北京时间 in the default zone, else the zone itself. */
const officeTimeName = (): string => (officeCalendar().timeZone === DEFAULT_OFFICE_TIME_ZONE ? '北京时间' : `${officeCalendar().timeZone} 时间`);
const share = (r: Ratio): number | null => fraction(r);
const counts = (r: Ratio): string => `${r.numerator}/${r.denominator}`;
const yesNo = (value: boolean | null): string => (value === null ? '' : value ? '是' : '否');

interface ColumnSpec {
  readonly header: string;
  readonly width: number;
  readonly numFmt?: string;
  readonly wrap?: boolean;
}

function sheet(workbook: ExcelJS.Workbook, name: string, columns: readonly ColumnSpec[]): ExcelJS.Worksheet {
  const ws = workbook.addWorksheet(name, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
  ws.columns = columns.map((c) => ({
    header: c.header,
    width: c.width,
    style: { ...(c.numFmt ? { numFmt: c.numFmt } : {}), alignment: { vertical: 'top', wrapText: c.wrap ?? false } },
  }));
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center' };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
  return ws;
}

export function dossierWorkbook(dossier: Dossier): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '活动台账 Campaign Ledger';
  workbook.created = dossier.exportedAt;
  workbook.title = `${dossier.campaign.name} 台账`;
  addOverview(workbook, dossier);
  addTasks(workbook, dossier);
  addStudy(workbook, dossier);
  addHalfYear(workbook, dossier);
  return workbook;
}

export async function dossierXlsx(dossier: Dossier): Promise<Buffer> {
  return Buffer.from(await dossierWorkbook(dossier).xlsx.writeBuffer());
}

/** `活动台账-<campaign>-<day>.xlsx`: for Content-Disposition and the CLI's default name. */
export const dossierFileName = (dossier: Dossier): string => `活动台账-${dossier.campaign.name}-${dossier.asOf}.xlsx`.replace(/[\\/:*?"<>|\r\n]/g, '_');

function addOverview(workbook: ExcelJS.Workbook, d: Dossier): void {
  const ws = sheet(workbook, DOSSIER_SHEETS.overview, [
    { header: OVERVIEW_HEADERS[0], width: 22 },
    { header: OVERVIEW_HEADERS[1], width: 60, wrap: true },
    { header: OVERVIEW_HEADERS[2], width: 60, wrap: true },
  ]);
  const { campaign, overview, basis } = d;
  const row = (label: string, value: ExcelJS.CellValue, note = '', numFmt?: string) => {
    const added = ws.addRow([label, value, note]);
    if (numFmt) added.getCell(2).numFmt = numFmt;
    added.getCell(2).alignment = { horizontal: 'left', vertical: 'top', wrapText: true };
  };
  row('活动名称', campaign.name);
  row('活动编号', campaign.campaignId);
  row('单位', campaign.unitName ?? campaign.unitId, campaign.unitName ? `单位编号 ${campaign.unitId}` : '');
  row('模板', campaign.templateCode ?? '', '');
  row('开始日期', asDate(campaign.startDate), '', DATE);
  row('结束日期', asDate(campaign.endDate), '', DATE);
  row('活动状态', CAMPAIGN_STATUS[campaign.status] ?? campaign.status, campaign.closedOn ? `${campaign.closedOn} 结束` : '');
  row('统计日期', asDate(d.asOf), '逾期、时间进度按此日计算', DATE);
  row(`导出时间（${officeTimeName()}）`, asOfficeTime(d.exportedAt), '', DATE_TIME);
  row('应完成任务实例', overview.totals.applicable, '不含已取消的任务');
  row('已完成', overview.totals.done);
  row('逾期未完成', overview.totals.overdue);
  row('完成率', share(overview.totals.completion), counts(overview.totals.completion), PERCENT);
  row('红色预警 / 黄色预警', `${overview.warnings.red} / ${overview.warnings.amber}`, `黄色：${overview.warnings.amberWithinDays} 天内到期`);
  row('集中学习次数', overview.participation.sessions);
  row(
    '参学率（按人次）',
    share(overview.participation.byPersonSession),
    `${counts(overview.participation.byPersonSession)} 人次（实到与补学 ÷ 应到）`,
    PERCENT,
  );
  row('参学率（按人）', share(overview.participation.byPerson), `${counts(overview.participation.byPerson)} 人（每次应到均参加或补学）`, PERCENT);
  row('到会率', share(overview.participation.attendance), counts(overview.participation.attendance), PERCENT);
  row('依据的日志位置', basis.position, `共 ${basis.events} 个事件${basis.recordedUntil ? `，截至 ${basis.recordedUntil} 记录的事件` : ''}`);
  row('日志摘要', basis.digest, `核验：ledger verify --against ${basis.digest}`);
  row(`最后事件记录时间（${officeTimeName()}）`, asOfficeTime(basis.lastRecordedAt), '', DATE_TIME);
}

function addTasks(workbook: ExcelJS.Workbook, d: Dossier): void {
  const widths = [14, 16, 36, 12, 18, 12, 12, 8, 14, 12, 40, 68];
  const formats: Record<number, string> = { 6: DATE, 9: DATE };
  const ws = sheet(
    workbook,
    DOSSIER_SHEETS.tasks,
    TASK_LEDGER_HEADERS.map((header, i) => ({
      header,
      width: widths[i],
      numFmt: formats[i],
      wrap: i === 2 || i === 10 || i === 11,
    })),
  );
  for (const i of d.instances) {
    const added = ws.addRow([
      i.stageName ?? '',
      i.phaseName ?? '',
      i.title,
      SCOPE_LABELS[i.scope] ?? i.scope,
      i.branchName,
      i.subjectName ?? '',
      asDate(i.dueDate),
      STATUS_LABELS[i.status],
      i.completedBy ?? '',
      asDate(i.completedOn),
      i.note,
      i.evidence.join('\n'),
    ]);
    if (i.status === 'overdue') added.getCell(8).font = { color: { argb: 'FFC00000' }, bold: true };
    if (i.status === 'cancelled') added.getCell(8).font = { color: { argb: 'FF808080' } };
  }
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, d.instances.length + 1), column: TASK_LEDGER_HEADERS.length } };
}

function addStudy(workbook: ExcelJS.Workbook, d: Dossier): void {
  const widths = [18, 12, 36, 8, 8, 8, 8, 8, 10, 10];
  const ws = sheet(
    workbook,
    DOSSIER_SHEETS.study,
    STUDY_HEADERS.map((header, i) => ({
      header,
      width: widths[i],
      numFmt: i === 1 ? DATE : i >= 8 ? PERCENT : undefined,
      wrap: i === 2,
    })),
  );
  const totals = { expected: 0, present: 0, leave: 0, absent: 0, madeUp: 0 };
  for (const s of d.sessions) {
    ws.addRow([s.branchName, asDate(s.date), s.topic, s.expected, s.present, s.leave, s.absent, s.madeUp, share(s.participation), share(s.attendance)]);
    totals.expected += s.expected;
    totals.present += s.present;
    totals.leave += s.leave;
    totals.absent += s.absent;
    totals.madeUp += s.madeUp;
  }
  const p = d.overview.participation;
  const total = ws.addRow([
    '合计',
    null,
    `${p.sessions} 次集中学习`,
    totals.expected,
    totals.present,
    totals.leave,
    totals.absent,
    totals.madeUp,
    share(p.byPersonSession),
    share(p.attendance),
  ]);
  total.font = { bold: true };
}

function addHalfYear(workbook: ExcelJS.Workbook, d: Dossier): void {
  const widths = [8, 24, 12, 12, 12, 10, 8, 10, 8, 8, 10, 10, 12, 8, 8];
  const formats: Record<number, string> = { 2: DATE, 3: DATE, 4: DATE, 7: PERCENT, 11: PERCENT, 12: DATE };
  const ws = sheet(
    workbook,
    DOSSIER_SHEETS.halfYear,
    HALF_YEAR_HEADERS.map((header, i) => ({ header, width: widths[i], numFmt: formats[i] })),
  );
  for (const p of d.progress) {
    const h: HalfYearCheck | null = p.halfYear;
    const added = ws.addRow([
      LEVEL_LABELS[p.level],
      p.name,
      asDate(p.period?.start ?? null),
      asDate(p.period?.end ?? null),
      asDate(d.asOf),
      h ? h.timeProgress.numerator : null,
      h ? h.timeProgress.denominator : null,
      h ? share(h.timeProgress) : null,
      p.applicable,
      p.done,
      p.overdue,
      share(p.completion),
      h ? asDate(h.halfwayDate) : null,
      yesNo(h ? h.timeProgress.numerator * 2 >= h.timeProgress.denominator : null),
      yesNo(h && h.workProgress.denominator > 0 ? h.passes : null),
    ]);
    if (p.level === 'campaign') added.font = { bold: true };
  }
}
