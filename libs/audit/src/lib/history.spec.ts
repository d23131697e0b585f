import { InMemoryEventStore } from '@campaign-ledger/event-store';
import { EVIDENCE_SHA, FIXTURE_MEMBER, seedLedger } from '../testing/ledger-fixture';
import { history, InvalidHistoryFilterError } from './history';

describe('history', () => {
  let store: InMemoryEventStore;

  beforeEach(async () => {
    store = new InMemoryEventStore();
    await seedLedger(store);
  });

  it("of a campaign: its own stream and its branches' work, oldest first, without auditors' reads", async () => {
    const page = await history(store, { streams: ['campaign-c1'], streamPrefixes: ['branchWork-c1:'] });
    expect(page.items.map((e) => `${e.streamId}@${e.revision}`)).toEqual([
      'campaign-c1@0',
      'campaign-c1@1',
      'branchWork-c1:b1@0',
      'branchWork-c1:b1@1',
      'branchWork-c1:b1@2',
      'branchWork-c1:b1@3',
      'branchWork-c1:b2@0',
      'campaign-c1@2',
    ]);
    expect(page).toMatchObject({ total: 8, page: 1, pageSize: 50, pages: 1 });
  });

  it('gives actor, role, both times, reason and evidence hashes', async () => {
    const { items } = await history(store, { streams: ['branchWork-c1:b1'] });
    expect(items[0]).toMatchObject({
      type: 'TaskCompleted',
      actor: { id: 'acc-sec', role: 'secretary' },
      occurredAt: '2024-03-04T03:00:00.000Z',
      evidence: [{ sha256: EVIDENCE_SHA, fileName: '会议记录.pdf' }],
      reason: null,
    });
    expect(items[0].recordedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(items[1]).toMatchObject({ type: 'TaskReopened', reason: '材料不全', actor: { role: 'administrator' } });
  });

  it('of a member: memberId, subjectId and attendance marks across every stream', async () => {
    const { items } = await history(store, { memberId: FIXTURE_MEMBER });
    expect(items.map((e) => e.type)).toEqual(['MemberJoined', 'StudySessionRecorded', 'ThreeOnesRecorded']);
    expect((await history(store, { memberId: 'm-9' })).items.map((e) => e.type)).toEqual(['QuantityReported']);
  });

  it('filters by types and by office days (UTC+8), inclusive', async () => {
    const byType = await history(store, { types: ['TaskCompleted', 'QuantityReported'] });
    expect(byType.items.map((e) => e.streamId)).toEqual(['branchWork-c1:b1', 'branchWork-c1:b2', 'branchWork-c2:b1']);
    // 2024-03-07T05:00Z is 13:00 on the 7th in the office; 2024-03-05T03:00Z is 11:00 on the 5th.
    const days = await history(store, { from: '2024-03-05', to: '2024-03-07' });
    expect(days.items.map((e) => e.type)).toEqual(['TaskReopened', 'StudySessionRecorded', 'ThreeOnesRecorded', 'QuantityReported']);
    const instants = await history(store, { from: '2024-03-07T04:00:00Z', to: new Date('2024-03-08T03:00:00Z') });
    expect(instants.items.map((e) => e.type)).toEqual(['QuantityReported', 'TaskCompleted']);
  });

  it('pages', async () => {
    const second = await history(store, { pageSize: 4, page: 2 });
    expect(second).toMatchObject({ total: 11, pages: 3, page: 2 });
    expect(second.items.map((e) => e.type)).toEqual(['TaskCompleted', 'TaskReopened', 'StudySessionRecorded', 'ThreeOnesRecorded']);
  });

  it('pages newest first when asked: each page the reverse of the same page counted from the end', async () => {
    const all = (await history(store, {})).items.map((e) => e.eventId);
    const pages = await Promise.all([1, 2, 3].map((page) => history(store, { pageSize: 4, page, order: 'desc' })));
    expect(pages.map((p) => p.total)).toEqual([11, 11, 11]);
    expect(pages.flatMap((p) => p.items.map((e) => e.eventId))).toEqual([...all].reverse());
    expect((await history(store, { pageSize: 4, page: 4, order: 'desc' })).items).toEqual([]);
  });

  it("includes auditors' reads when asked, or when their stream is named", async () => {
    expect((await history(store, { includeAuditorReads: true })).total).toBe(12);
    expect((await history(store, { streams: ['audit-reads-acc-aud'] })).items.map((e) => e.type)).toEqual(['AuditorRead']);
  });

  it('refuses filters it cannot apply', async () => {
    await expect(history(store, { from: '2024-02-30' })).rejects.toThrow(InvalidHistoryFilterError);
    await expect(history(store, { from: 'yesterday' })).rejects.toThrow(/YYYY-MM-DD/);
    await expect(history(store, { from: '2024-03-09', to: '2024-03-01' })).rejects.toThrow(/after/);
    await expect(history(store, { pageSize: 5000 })).rejects.toThrow(/page size/);
  });
});
