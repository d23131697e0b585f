import ExcelJS from 'exceljs';
import type { EventStore } from '@campaign-ledger/event-store';
import { EVENT_STORE } from '@api/infrastructure/tokens';
import { startApiTestApp, type ApiTestApp } from '@api/testing/api-test-app';

const clock = { now: () => new Date('2009-03-16T02:00:00Z') };
const BOM = '\uFEFF';
const HEADER = '支部编号,支部名称,书记,党员编号,姓名,是否党组成员,入党或加入日期';

describe('roster import over HTTP on real PostgreSQL', () => {
  let t: ApiTestApp;
  let admin: string;
  let secretary: string;
  const as = (token: string) => `Bearer ${token}`;
  const upload = (unitId: string, content: Buffer | string, filename: string, token = admin, query = '') =>
    t.http
      .post(`/api/units/${unitId}/import${query}`)
      .set('Authorization', as(token))
      .attach('file', Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'), { filename });
  const unit = (unitId: string) => t.http.get(`/api/units/${unitId}`).set('Authorization', as(admin)).expect(200);
  const register = async (unitId: string) => {
    await t.http
      .post('/api/units')
      .set('Authorization', as(admin))
      .send({ unitId, name: `单位 ${unitId}`, code: unitId })
      .expect(201);
    await t.http
      .post(`/api/units/${unitId}/branches`)
      .set('Authorization', as(admin))
      .send({ branchId: 'B1', name: '第一支部', secretaryName: '张书记' })
      .expect(201);
  };

  beforeAll(async () => {
    t = await startApiTestApp({ clock });
    admin = await t.signIn({ username: 'admin', password: 'admin-password', role: 'administrator' });
    secretary = await t.signIn({ username: 'sec-b1', password: 'sec-b1-password', role: 'secretary', branchId: 'B1' });
  });
  afterAll(() => t?.close());

  it('imports a UTF-8 CSV with BOM and Chinese headers in one append, creating the missing branch', async () => {
    await register('CSV');
    const csv = `${BOM}${HEADER}\r\nB1,,,M1,王一,是,2009-03-01\r\nB2,第二支部,李书记,M2,李二,否,\r\nB2,第二支部,李书记,M3,"赵,三",0,2009/3/2\r\n`;
    const response = await upload('CSV', csv, '名册.csv').expect(200);
    expect(response.body).toMatchObject({
      format: 'csv',
      rows: 3,
      accepted: 3,
      unchanged: 0,
      refused: [],
      branchesCreated: ['B2'],
      membersJoined: ['M1', 'M2', 'M3'],
      events: 4,
      written: true,
      dryRun: false,
      revision: 5,
    });
    expect(response.headers.etag).toBe('"5"');

    const store = t.app.get<EventStore>(EVENT_STORE);
    const events = await store.readStream('organisation-CSV');
    const imported = events.slice(2);
    expect(imported.map((e) => e.type)).toEqual(['MemberJoined', 'BranchAdded', 'MemberJoined', 'MemberJoined']);
    // One append: one correlation id, the administrator as actor.
    expect(new Set(imported.map((e) => e.metadata.correlationId)).size).toBe(1);
    expect(imported[0].metadata).toMatchObject({ actor: { id: 'acc-admin', role: 'administrator' }, reason: expect.stringContaining('名册.csv') });

    const body = (await unit('CSV')).body;
    expect(body.members).toEqual([
      expect.objectContaining({ memberId: 'M1', name: '王一', branchId: 'B1', isLeader: true, joinedOn: '2009-03-01', status: 'active' }),
      expect.objectContaining({ memberId: 'M2', name: '李二', branchId: 'B2', isLeader: false, joinedOn: '2009-03-16' }),
      expect.objectContaining({ memberId: 'M3', name: '赵,三', branchId: 'B2', joinedOn: '2009-03-02' }),
    ]);

    // Importing the same roster again changes nothing.
    const again = await upload('CSV', csv, '名册.csv').expect(200);
    expect(again.body).toMatchObject({ accepted: 3, unchanged: 3, events: 0, written: false, revision: 5 });
  });

  it('imports an XLSX workbook made with exceljs (English headers, date and number cells)', async () => {
    await register('XLSX');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Roster');
    sheet.addRow(['branchId', 'branchName', 'secretaryName', 'memberId', 'name', 'isLeader', 'joinedOn']);
    sheet.addRow(['B1', '第一支部', '张书记', 1001, '王一', true, new Date(Date.UTC(2009, 2, 10))]);
    sheet.addRow(['B3', '第三支部', '孙书记', 1002, '孙二', '否', '2009-03-11']);
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    const response = await upload('XLSX', buffer, 'roster.xlsx').expect(200);
    expect(response.body).toMatchObject({ format: 'xlsx', accepted: 2, refused: [], branchesCreated: ['B3'], membersJoined: ['1001', '1002'], written: true });
    const members = (await unit('XLSX')).body.members;
    expect(
      members.map((m: { memberId: string; joinedOn: string; branchId: string; isLeader: boolean }) => [m.memberId, m.branchId, m.joinedOn, m.isLeader]),
    ).toEqual([
      ['1001', 'B1', '2009-03-10', true],
      ['1002', 'B3', '2009-03-11', false],
    ]);
  });

  it('refuses the whole file with 422 when one row is bad, naming the row, and writes nothing', async () => {
    await register('BAD');
    const before = (await unit('BAD')).headers.etag;
    const csv = `${HEADER}\nB1,,,M1,王一,否,2009-03-01\nB1,,,M2,李二,否,2009-02-30\nB1,,,M3,赵三,否,2009-03-01\n`;
    const response = await upload('BAD', csv, 'roster.csv').expect(422);
    expect(response.body).toMatchObject({ statusCode: 422, error: 'ROSTER_IMPORT.ROWS_REFUSED', message: expect.stringContaining('row 3') });
    expect(response.body.report).toMatchObject({ accepted: 2, written: false, events: 0 });
    expect(response.body.report.refused).toEqual([
      { row: 3, field: 'joinedOn', reason: expect.stringContaining('YYYY-MM-DD'), reasonZh: expect.stringContaining('有效日期') },
    ]);
    expect((await unit('BAD')).headers.etag).toBe(before);
    expect((await unit('BAD')).body.members).toEqual([]);
  });

  it('refuses duplicate member ids inside the file', async () => {
    const csv = `${HEADER}\nB1,,,M1,王一,否,\nB1,,,M1,王一,否,\n`;
    const response = await upload('BAD', csv, 'roster.csv').expect(422);
    expect(response.body.report.refused).toEqual([
      { row: 3, field: 'memberId', reason: expect.stringContaining('already appears on row 2'), reasonZh: expect.stringContaining('已在第 2 行出现') },
    ]);
  });

  it('only reports on a dry run', async () => {
    const before = (await unit('BAD')).headers.etag;
    const good = await upload('BAD', `${HEADER}\nB1,,,M1,王一,否,\n`, 'roster.csv', admin, '?dryRun=true').expect(200);
    expect(good.body).toMatchObject({ dryRun: true, written: false, accepted: 1, membersJoined: ['M1'], events: 1 });
    const bad = await upload('BAD', `${HEADER}\nB1,,,M1,王一,也许,\n`, 'roster.csv', admin, '?dryRun=true').expect(200);
    expect(bad.body.refused).toEqual([{ row: 2, field: 'isLeader', reason: expect.any(String), reasonZh: expect.any(String) }]);
    expect((await unit('BAD')).headers.etag).toBe(before);
    await upload('BAD', `${HEADER}\nB1,,,M1,王一,否,\n`, 'roster.csv', admin, '?dryRun=maybe').expect(400);
  });

  it('answers unreadable files with 400 and a clear message', async () => {
    const malformed = await upload('BAD', `${HEADER}\nB1,,,M1,"王一,否,\n`, 'roster.csv').expect(400);
    expect(malformed.body).toMatchObject({ error: 'ROSTER_IMPORT.FILE_UNREADABLE', message: expect.stringContaining('CSV is malformed') });
    expect((await upload('BAD', '', 'roster.csv').expect(400)).body.details.problem).toBe('empty');
    expect((await upload('BAD', `${BOM}${HEADER}\n`, 'roster.csv').expect(400)).body.details.problem).toBe('no_rows');
    expect((await upload('BAD', '%PDF-1.4 binary', 'roster.pdf').expect(400)).body.details.problem).toBe('unknown_format');
    expect((await upload('BAD', 'not a zip', 'roster.xlsx').expect(400)).body.details.problem).toBe('invalid_xlsx');
    expect((await upload('BAD', '姓名,电话\n王一,123\n', 'roster.csv').expect(400)).body.details.missing).toEqual(['branchId', 'memberId']);
    const noFile = await t.http.post('/api/units/BAD/import').set('Authorization', as(admin)).field('other', 'x').expect(400);
    expect(noFile.body.message).toContain('"file"');
    expect((await unit('BAD')).body.members).toEqual([]);
  });

  it('refuses a file over 5 MB with 413', async () => {
    const big = Buffer.alloc(5 * 1024 * 1024 + 1, 'a');
    const response = await upload('BAD', big, 'roster.csv').expect(413);
    expect(response.body.statusCode).toBe(413);
  });

  it('forbids a non-administrator (403) and answers an unknown unit with 404', async () => {
    const before = (await unit('BAD')).headers.etag;
    await upload('BAD', `${HEADER}\nB1,,,M1,王一,否,\n`, 'roster.csv', secretary).expect(403);
    expect((await unit('BAD')).headers.etag).toBe(before);
    await upload('NOPE', `${HEADER}\nB1,,,M1,王一,否,\n`, 'roster.csv').expect(404);
  });
});
