// The branch's page in one answer: the read model's dashboard, each session with every member's mark, and the titles of
// the three-ones items from the branch's own stream (for an earlier day, only what was recorded by its end).
import type { BranchDashboardAnswer } from '@campaign-ledger/api-contract';
import { branchWorkStream } from '@campaign-ledger/domain';
import { InMemoryEventStore, type RecordedEvent } from '@campaign-ledger/event-store';
import { projectInMemory, snapshotSource } from '@campaign-ledger/projections';
import { buildDemoOffice, DEMO_CAMPAIGN_ID } from '@api/demo/demo-office';
import type { ReadModelsService } from '../read-models.service';
import { GetBranchDashboardHandler, GetBranchDashboardQuery, threeOnesEntries } from './get-branch-dashboard.handler';

const TODAY = '2026-04-20';
const SYSTEM = { actor: { id: 'system:test', role: 'system' } };
const READING = '《科学发展观重要论述摘编》';

describe('GetBranchDashboardHandler', () => {
  let now = new Date('2026-04-10T02:00:00Z');
  const store = new InMemoryEventStore({ now: () => now });
  const readModels = {
    today: () => TODAY,
    sourceAsOf: async () => {
      const log: RecordedEvent[] = [];
      for (
        let page = await store.readAll({ maxCount: 1_000 });
        page.length > 0;
        page = await store.readAll({ from: log[log.length - 1].logPosition, maxCount: 1_000 })
      ) {
        log.push(...page);
      }
      return snapshotSource(projectInMemory(log));
    },
  } as unknown as ReadModelsService;
  const handler = new GetBranchDashboardHandler(readModels, store);
  const dashboard = (asOf?: string): Promise<BranchDashboardAnswer> => handler.execute(new GetBranchDashboardQuery(DEMO_CAMPAIGN_ID, 'B01', { asOf }));

  beforeAll(async () => {
    for (const batch of buildDemoOffice(TODAY).batches) await store.append(batch.streamId, batch.events, { expectedRevision: 'no_stream', metadata: SYSTEM });
    // Six days later, a talk by M001.
    now = new Date('2026-04-16T02:00:00Z');
    await store.append(
      branchWorkStream(DEMO_CAMPAIGN_ID, 'B01'),
      [
        {
          type: 'ThreeOnesRecorded',
          data: { campaignId: DEMO_CAMPAIGN_ID, branchId: 'B01', memberId: 'M001', item: 'talk', date: '2026-04-15', title: '专题党课', note: null, by: 'sec' },
        },
      ],
      { expectedRevision: 'any', metadata: SYSTEM },
    );
  });

  it("answers the read model's dashboard with every member's mark at each session, named", async () => {
    const answer = await dashboard();
    expect(answer).toMatchObject({ campaignId: DEMO_CAMPAIGN_ID, branchId: 'B01', asOf: TODAY });
    expect(answer.sessions).toHaveLength(4);
    for (const session of answer.sessions) {
      expect(session.marks.filter((m) => m.expected)).toHaveLength(session.expected);
      expect(session.marks.filter((m) => m.mark === 'present')).toHaveLength(session.present);
      expect(session.marks.filter((m) => m.mark === 'leave')).toHaveLength(session.leave);
      expect(session.marks.every((m) => m.name !== null && m.madeUpOn === null)).toBe(true);
    }
  });

  it('carries the title of every three-ones item the branch recorded, with the day the grid shows', async () => {
    const answer = await dashboard();
    expect(answer.threeOnesEntries).toEqual([
      { memberId: 'M001', item: 'reading', date: expect.any(String), title: READING },
      { memberId: 'M001', item: 'talk', date: '2026-04-15', title: '专题党课' },
      ...['M002', 'M003', 'M004', 'M005'].map((memberId) => ({ memberId, item: 'reading', date: expect.any(String), title: READING })),
    ]);
    for (const entry of answer.threeOnesEntries) {
      expect(answer.threeOnes.members.find((m) => m.memberId === entry.memberId)?.[entry.item]).toBe(entry.date);
    }
  });

  it('for an earlier day, carries only the titles recorded by its end', async () => {
    const answer = await dashboard('2026-04-12');
    expect(answer.asOf).toBe('2026-04-12');
    expect(answer.threeOnesEntries.map((e) => [e.memberId, e.item])).toEqual([
      ['M001', 'reading'],
      ['M002', 'reading'],
      ['M003', 'reading'],
      ['M004', 'reading'],
      ['M005', 'reading'],
    ]);
  });

  it('lists the items member by member, in the order reading, talk, essay', () => {
    const work = {
      campaignId: 'C1',
      branchId: 'B1',
      instances: {},
      quantities: {},
      sessions: {},
      threeOnes: {
        M2: { essay: { date: '2009-03-20', title: 'e' }, reading: { date: '2009-03-18', title: 'r' } },
        M1: { talk: { date: '2009-03-19', title: 't' } },
      },
    };
    expect(threeOnesEntries(work)).toEqual([
      { memberId: 'M1', item: 'talk', date: '2009-03-19', title: 't' },
      { memberId: 'M2', item: 'reading', date: '2009-03-18', title: 'r' },
      { memberId: 'M2', item: 'essay', date: '2009-03-20', title: 'e' },
    ]);
  });

  it('carries the note of each completed instance that has one, from the instances read model', async () => {
    const answer = await dashboard();
    const completed = [...answer.phases.flatMap((p) => p.instances), ...answer.unphased].filter((i) => i.status === 'completed');
    expect(completed.length).toBeGreaterThan(0);
    for (const [instanceKey, note] of Object.entries(answer.completionNotes)) {
      expect(completed.map((i) => i.instanceKey)).toContain(instanceKey);
      expect(note.length).toBeGreaterThan(0);
    }
    const work = await store.readStream(branchWorkStream(DEMO_CAMPAIGN_ID, 'B01'));
    const noted = work.filter((e) => e.type === 'TaskCompleted' && (e.data as { note: string }).note);
    expect(Object.keys(answer.completionNotes).length).toBeGreaterThan(0);
    for (const e of noted) {
      const d = e.data as { instanceKey: string; note: string };
      if (completed.some((i) => i.instanceKey === d.instanceKey)) expect(answer.completionNotes[d.instanceKey]).toBe(d.note);
    }
  });
});
