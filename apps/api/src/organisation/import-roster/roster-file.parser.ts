// Reads an uploaded roster (CSV or XLSX) into header-mapped text rows; refuses what is not a readable table (400).
import type { RosterField } from '@campaign-ledger/api-contract';
import { CsvError, parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { RosterFileUnreadable } from '../shared/organisation.api-errors';

/** The columns of a roster file (the contract's RosterField), in the order a template lists them. */
export const ROSTER_FIELDS = ['branchId', 'branchName', 'secretaryName', 'memberId', 'name', 'isLeader', 'joinedOn'] as const satisfies readonly RosterField[];
export type { RosterField };
export const REQUIRED_COLUMNS: readonly RosterField[] = ['branchId', 'memberId', 'name'];
/** Each import is one append: at most 2 events a row (branch + member) under the store's 10,000-event limit. */
export const MAX_ROSTER_ROWS = 5000;

/** Header spellings accepted for each field, compared after trimming, lower-casing and dropping spaces, "_" and "-". */
const HEADER_ALIASES: Readonly<Record<RosterField, readonly string[]>> = {
  branchId: ['支部编号', '支部代码', '支部id', 'branchid'],
  branchName: ['支部名称', 'branchname'],
  secretaryName: ['书记', '支部书记', 'secretaryname', 'secretary'],
  memberId: ['党员编号', '编号', '党员id', 'memberid'],
  name: ['姓名', '党员姓名', 'name', 'membername'],
  isLeader: ['是否党组成员', '党组成员', 'isleader', 'leader'],
  joinedOn: ['入党或加入日期', '加入日期', '入党日期', 'joinedon', 'joineddate'],
};

const normaliseHeader = (header: string): string =>
  header
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/[\s_\-（）()]/g, '');
const FIELD_BY_HEADER = new Map<string, RosterField>(
  ROSTER_FIELDS.flatMap((field) => HEADER_ALIASES[field].map((alias) => [normaliseHeader(alias), field] as const)),
);

export interface RosterFileRow {
  /** Row number as the spreadsheet shows it (the header is usually row 1). */
  readonly row: number;
  readonly values: Readonly<Partial<Record<RosterField, string>>>;
}

export interface RosterTable {
  readonly format: 'csv' | 'xlsx';
  readonly columns: readonly RosterField[];
  /** Headers that name none of the known fields (e.g. 序号); their cells are not read. */
  readonly ignoredColumns: readonly string[];
  readonly rows: readonly RosterFileRow[];
}

export interface UploadedRosterFile {
  readonly buffer: Buffer;
  readonly originalname?: string;
  readonly mimetype?: string;
}

const startsWith = (buffer: Buffer, bytes: number[]): boolean => bytes.every((byte, i) => buffer[i] === byte);
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0];

export async function readRosterFile(file: UploadedRosterFile): Promise<RosterTable> {
  const { buffer } = file;
  const name = file.originalname ?? 'upload';
  const extension = /\.([^.]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';
  if (buffer.length === 0) throw RosterFileUnreadable.empty();
  if (startsWith(buffer, ZIP)) return readRosterXlsx(buffer);
  if (startsWith(buffer, OLE)) throw RosterFileUnreadable.legacyXls();
  if (extension === 'xlsx') throw RosterFileUnreadable.invalidXlsx('it is not a zip package');
  if (!['', 'csv', 'txt', 'tsv'].includes(extension)) throw RosterFileUnreadable.unknownFormat(name);
  return readRosterCsv(buffer);
}

/** UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030/GBK as saved by Excel on Chinese Windows. */
export function decodeCsvText(buffer: Buffer): string {
  if (startsWith(buffer, [0xff, 0xfe])) return new TextDecoder('utf-16le').decode(buffer.subarray(2));
  if (startsWith(buffer, [0xfe, 0xff])) return new TextDecoder('utf-16be').decode(buffer.subarray(2));
  for (const encoding of ['utf-8', 'gb18030']) {
    try {
      return new TextDecoder(encoding, { fatal: true, ignoreBOM: false }).decode(buffer);
    } catch {
      // try the next encoding
    }
  }
  throw RosterFileUnreadable.badEncoding();
}

const TEXT_CONTROLS = new Set([0x09, 0x0a, 0x0c, 0x0d]);
const hasBinaryControl = (text: string): boolean => {
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 0x20 && !TEXT_CONTROLS.has(code)) return true;
  }
  return false;
};

export function readRosterCsv(buffer: Buffer): RosterTable {
  const text = decodeCsvText(buffer);
  // Control characters other than tab and line ends mean binary content (a PDF or image renamed .csv).
  if (hasBinaryControl(text)) throw RosterFileUnreadable.notText();
  if (text.replace(/^\uFEFF/, '').trim() === '') throw RosterFileUnreadable.empty();
  let records: string[][];
  try {
    records = parse(text, { bom: true, delimiter: [',', '\t'], relax_column_count: true, skip_empty_lines: false });
  } catch (error) {
    if (error instanceof CsvError) throw RosterFileUnreadable.malformedCsv(error.message);
    throw error;
  }
  return tableOf(
    'csv',
    records.map((cells, index) => ({ row: index + 1, cells })),
  );
}

export async function readRosterXlsx(buffer: Buffer): Promise<RosterTable> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  } catch {
    // The library's own message names its internals ("Cannot set properties of undefined"): say what is wrong instead.
    throw RosterFileUnreadable.invalidXlsx('its sheets cannot be read');
  }
  const sheet = workbook.worksheets.find((ws) => ws.actualRowCount > 0);
  if (!sheet) throw RosterFileUnreadable.empty();
  const rows: { row: number; cells: string[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      cells[column - 1] = cellText(cell.value);
    });
    rows.push({ row: rowNumber, cells: Array.from(cells, (c) => c ?? '') });
  });
  return tableOf('xlsx', rows);
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** The text a person sees in a cell; a date cell becomes YYYY-MM-DD (Excel dates carry no time zone: read as UTC). */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return cellText((value as { result?: ExcelJS.CellValue }).result ?? null);
  if ('hyperlink' in value) return String(value.text ?? '');
  if ('error' in value) return String(value.error);
  return String(value);
}

function tableOf(format: RosterTable['format'], records: readonly { row: number; cells: readonly string[] }[]): RosterTable {
  const nonEmpty = records.filter((r) => r.cells.some((cell) => cell.trim() !== ''));
  const [header, ...data] = nonEmpty;
  if (!header) throw RosterFileUnreadable.empty();
  const columnFields: (RosterField | null)[] = [];
  const ignoredColumns: string[] = [];
  const headersOf = new Map<RosterField, string[]>();
  header.cells.forEach((raw, index) => {
    const field = FIELD_BY_HEADER.get(normaliseHeader(raw)) ?? null;
    columnFields[index] = field;
    if (field) headersOf.set(field, [...(headersOf.get(field) ?? []), raw.trim()]);
    else if (raw.trim() !== '') ignoredColumns.push(raw.trim());
  });
  for (const [field, headers] of headersOf) if (headers.length > 1) throw RosterFileUnreadable.duplicateColumn(field, headers);
  const missing = REQUIRED_COLUMNS.filter((field) => !headersOf.has(field));
  if (missing.length > 0) throw RosterFileUnreadable.missingColumns(missing, header.cells.map((c) => c.trim()).filter(Boolean));
  if (data.length === 0) throw RosterFileUnreadable.noRows();
  if (data.length > MAX_ROSTER_ROWS) throw RosterFileUnreadable.tooManyRows(data.length, MAX_ROSTER_ROWS);
  const rows = data.map(({ row, cells }) => {
    const values: Partial<Record<RosterField, string>> = {};
    columnFields.forEach((field, index) => {
      if (field) values[field] = (cells[index] ?? '').trim();
    });
    return { row, values };
  });
  return { format, columns: ROSTER_FIELDS.filter((field) => headersOf.has(field)), ignoredColumns, rows };
}
