import ExcelJS from 'exceljs';
import { cellText, decodeCsvText, readRosterCsv, readRosterFile, readRosterXlsx } from './roster-file.parser';

const BOM = '\uFEFF';
const csv = (text: string) => Buffer.from(text, 'utf8');

/** GBK bytes of a text, from an inverse of the platform's GB18030 decoder (no encoder ships with Node). */
function gbk(text: string): Buffer {
  const decoder = new TextDecoder('gb18030');
  const table = new Map<string, number[]>();
  for (let lead = 0x81; lead <= 0xfe; lead += 1) {
    for (let trail = 0x40; trail <= 0xfe; trail += 1) table.set(decoder.decode(Uint8Array.of(lead, trail)), [lead, trail]);
  }
  return Buffer.from([...text].flatMap((ch) => (ch.charCodeAt(0) < 0x80 ? [ch.charCodeAt(0)] : (table.get(ch) ?? []))));
}

async function xlsx(rows: unknown[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('名册');
  rows.forEach((row) => sheet.addRow(row));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('roster file parser', () => {
  it('reads a UTF-8 CSV with BOM and Chinese headers, numbering rows as the spreadsheet does', () => {
    const table = readRosterCsv(
      csv(`${BOM}支部编号,支部名称,书记,党员编号,姓名,是否党组成员,入党或加入日期\nB1,第一支部,张书记,M1,王一,是,2009-03-16\n\nB1,,,M2, 李二 ,否,\n`),
    );
    expect(table.format).toBe('csv');
    expect(table.columns).toEqual(['branchId', 'branchName', 'secretaryName', 'memberId', 'name', 'isLeader', 'joinedOn']);
    expect(table.rows).toEqual([
      {
        row: 2,
        values: { branchId: 'B1', branchName: '第一支部', secretaryName: '张书记', memberId: 'M1', name: '王一', isLeader: '是', joinedOn: '2009-03-16' },
      },
      { row: 4, values: { branchId: 'B1', branchName: '', secretaryName: '', memberId: 'M2', name: '李二', isLeader: '否', joinedOn: '' } },
    ]);
  });

  it('accepts English headers in any order and case, tabs as separators, and ignores unknown columns', () => {
    const table = readRosterCsv(csv('No.\tName\tMember_Id\tbranchId\n1\tWang\tM1\tB1\n'));
    expect(table.ignoredColumns).toEqual(['No.']);
    expect(table.rows[0].values).toEqual({ name: 'Wang', memberId: 'M1', branchId: 'B1' });
  });

  it('keeps quoted commas and line breaks inside a value', () => {
    const table = readRosterCsv(csv('branchId,memberId,name\nB1,M1,"Wang, Jr."\n'));
    expect(table.rows[0].values.name).toBe('Wang, Jr.');
  });

  it('decodes GBK (Excel on Chinese Windows) and UTF-16 with BOM', () => {
    expect(decodeCsvText(gbk('支部编号,党员编号,姓名'))).toBe('支部编号,党员编号,姓名');
    const table = readRosterCsv(gbk('支部编号,党员编号,姓名\nB1,M1,张三\n'));
    expect(table.rows[0].values).toEqual({ branchId: 'B1', memberId: 'M1', name: '张三' });
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('branchId,memberId,name\nB1,M1,张三\n', 'utf16le')]);
    expect(readRosterCsv(utf16).rows[0].values.name).toBe('张三');
  });

  it('refuses a malformed CSV (unbalanced quotes) and says where', () => {
    expect(() => readRosterCsv(csv('branchId,memberId,name\nB1,M1,"Wang\n'))).toThrow(
      expect.objectContaining({ code: 'ROSTER_IMPORT.FILE_UNREADABLE', kind: 'validation', message: expect.stringMatching(/CSV is malformed: .*quote/i) }),
    );
  });

  it('refuses empty files, header-only files and missing or doubled columns', () => {
    for (const text of ['', BOM, ' \n\n']) {
      expect(() => readRosterCsv(csv(text))).toThrow(expect.objectContaining({ details: expect.objectContaining({ problem: 'empty' }) }));
    }
    expect(() => readRosterCsv(csv('branchId,memberId,name\n'))).toThrow(expect.objectContaining({ details: expect.objectContaining({ problem: 'no_rows' }) }));
    expect(() => readRosterCsv(csv('支部编号,姓名\nB1,王\n'))).toThrow(
      expect.objectContaining({ details: expect.objectContaining({ problem: 'missing_columns', missing: ['memberId'] }) }),
    );
    expect(() => readRosterCsv(csv('姓名,name,branchId,memberId\nA,B,C,D\n'))).toThrow(
      expect.objectContaining({ details: expect.objectContaining({ problem: 'duplicate_column', field: 'name' }) }),
    );
  });

  it('tells files apart by content and name: xlsx, legacy xls, binary, unknown extension', async () => {
    await expect(readRosterFile({ buffer: Buffer.alloc(0), originalname: 'x.csv' })).rejects.toMatchObject({ details: { problem: 'empty' } });
    await expect(readRosterFile({ buffer: Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 1, 2]), originalname: 'x.xls' })).rejects.toMatchObject({
      details: { problem: 'legacy_xls' },
    });
    await expect(readRosterFile({ buffer: csv('a,b'), originalname: 'roster.pdf' })).rejects.toMatchObject({ details: { problem: 'unknown_format' } });
    await expect(readRosterFile({ buffer: csv('branchId,memberId,name'), originalname: 'roster.xlsx' })).rejects.toMatchObject({
      details: { problem: 'invalid_xlsx' },
    });
    await expect(readRosterFile({ buffer: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]), originalname: 'r.xlsx' })).rejects.toMatchObject({
      details: { problem: 'invalid_xlsx' },
    });
    await expect(readRosterFile({ buffer: Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0x01, 0x02]), originalname: 'r.csv' })).rejects.toMatchObject({
      details: { problem: 'not_text' },
    });
    const table = await readRosterFile({ buffer: csv('branchId,memberId,name\nB1,M1,A\n'), originalname: 'roster.CSV' });
    expect(table.rows).toHaveLength(1);
  });

  it('reads the first non-empty sheet of an XLSX, with dates, numbers and rich text as a person sees them', async () => {
    const buffer = await xlsx([
      ['序号', '支部编号', '党员编号', '姓名', '是否党组成员', '入党或加入日期'],
      [1, 'B1', 1001, { richText: [{ text: '王' }, { text: '一' }] }, true, new Date(Date.UTC(2009, 2, 16))],
      [2, 'B1', 'M2', '李二', '否', '2009/3/17'],
    ]);
    const table = await readRosterXlsx(buffer);
    expect(table.format).toBe('xlsx');
    expect(table.ignoredColumns).toEqual(['序号']);
    expect(table.rows).toEqual([
      { row: 2, values: { branchId: 'B1', memberId: '1001', name: '王一', isLeader: 'true', joinedOn: '2009-03-16' } },
      { row: 3, values: { branchId: 'B1', memberId: 'M2', name: '李二', isLeader: '否', joinedOn: '2009/3/17' } },
    ]);
  });

  it('turns formula results and hyperlinks into their text', () => {
    expect(cellText({ formula: 'A1', result: 'B7' } as ExcelJS.CellValue)).toBe('B7');
    expect(cellText({ text: '王五', hyperlink: 'mailto:x@y' })).toBe('王五');
    expect(cellText(null)).toBe('');
  });
});
