// The read models on a real PostgreSQL: live projector vs in-memory fold, crash recovery, rebuild swap, lease.
import { addDays, branchWorkStream, UNIT_LEVEL_BRANCH_ID } from '@campaign-ledger/domain';
import type { EventStore } from '@campaign-ledger/event-store';
import { waitUntilReadable } from './testing/read-model-fixtures';
import {
  branchDashboard,
  branchPhaseHeatMap,
  campaignOverview,
  databaseSource,
  overdueInstances,
  participationOverTime,
  projectInMemory,
  Projector,
  ProjectorLease,
  LeaseLost,
  rankBranches,
  rebuildReadModels,
  snapshotSource,
  type ReadModelSource,
  type RebuildProgress,
} from '@campaign-ledger/projections';
import { DEMO_CAMPAIGN_ID } from '../demo/demo-office';
import {
  appendTrickle,
  databaseTables,
  demoTestBed,
  memoryTables,
  readWholeLog,
  SYSTEM,
  waitForCheckpoint,
  type ReadModelTestBed,
} from './testing/read-model-fixtures';

async function allFigures(source: ReadModelSource, branchIds: string[], asOf: string) {
  return {
    overview: await campaignOverview(source, DEMO_CAMPAIGN_ID, { asOf }),
    dashboards: await Promise.all(branchIds.map((b) => branchDashboard(source, DEMO_CAMPAIGN_ID, b, { asOf }))),
    byCompletion: await rankBranches(source, DEMO_CAMPAIGN_ID, 'completion'),
    byParticipation: await rankBranches(source, DEMO_CAMPAIGN_ID, 'participation'),
    heatMap: await branchPhaseHeatMap(source, DEMO_CAMPAIGN_ID),
    weekly: await participationOverTime(source, DEMO_CAMPAIGN_ID),
    overdue: await overdueInstances(source, DEMO_CAMPAIGN_ID, { asOf, limit: 50 }),
  };
}

/** A completion of an open instance of branch B01, as the branch-work decider would record it. */
async function completeOpenInstance(store: EventStore, source: ReadModelSource, today: string, branchId = 'B01') {
  const dashboard = await branchDashboard(source, DEMO_CAMPAIGN_ID, branchId, { asOf: today });
  const open = dashboard.phases.flatMap((p) => p.instances).find((i) => i.status === 'open' && i.scope === 'branch')!;
  const appended = await store.append(
    branchWorkStream(DEMO_CAMPAIGN_ID, branchId),
    [
      {
        type: 'TaskCompleted',
        data: {
          campaignId: DEMO_CAMPAIGN_ID,
          branchId,
          instanceKey: open.instanceKey,
          taskId: open.taskId,
          stageId: open.stageId,
          phaseId: open.phaseId,
          trackId: null,
          scope: open.scope,
          subjectId: open.subjectId,
          weekOf: open.weekOf,
          dueDate: open.dueDate,
          mandatory: open.mandatory,
          completedOn: today,
          onTime: true,
          by: 'sec',
          note: 'late but done',
          evidence: [],
          commandId: null,
        },
      },
    ],
    { expectedRevision: 'any', metadata: SYSTEM },
  );
  await waitUntilReadable(store, appended.logPosition);
  return open;
}

describe('read models on PostgreSQL (demo office)', () => {
  let bed: ReadModelTestBed;
  const branchIds = () => [UNIT_LEVEL_BRANCH_ID, ...bed.demo.branches.map((b) => b.branchId)];

  beforeEach(async () => {
    bed = await demoTestBed();
  });
  afterEach(async () => {
    await bed.close();
  });

  it('the live projector gives the same rows and the same figures as projectInMemory of the same events', async () => {
    const projector = new Projector({ eventStore: bed.store, db: bed.sql, leaseTtlMs: 5_000, batchSize: 250 });
    const started = Date.now();
    await projector.start();
    await waitForCheckpoint(bed.sql, bed.store);
    const projectMs = Date.now() - started;
    await projector.stop();

    const events = await readWholeLog(bed.store);
    const snapshot = projectInMemory(events);
    expect(await databaseTables(bed.sql)).toEqual(memoryTables(snapshot));

    const live = await allFigures(databaseSource(bed.sql), branchIds(), bed.today);
    const memory = await allFigures(snapshotSource(snapshot), branchIds(), bed.today);
    expect(live).toEqual(memory);

    // The figures make sense for the demo: 10 branches of 15, two exempt, work left open, four study sessions per branch.
    expect(live.overview.totals.applicable).toBeGreaterThan(0);
    expect(live.overview.totals.done).toBeLessThan(live.overview.totals.applicable);
    expect(live.overview.totals.overdue).toBeGreaterThan(0);
    expect(live.overview.participation.sessions).toBe(40);
    expect(live.overview.participation.byPersonSession.denominator).toBe(4 * 148);
    const dashboardB01 = live.dashboards[1];
    const instances = dashboardB01.phases.flatMap((p) => p.instances).concat(dashboardB01.unphased);
    expect(instances.length).toBe(dashboardB01.totals.applicable);
    expect(instances.filter((i) => i.status === 'completed').length).toBe(dashboardB01.totals.done);
    expect(instances.filter((i) => i.colour === 'red').length).toBe(dashboardB01.totals.overdue);
    console.log(`projected ${events.length} demo events live in ${projectMs} ms`);
  });

  it('a projector killed between writing its rows and committing leaves a read model that, after restart, equals a rebuild from scratch', async () => {
    let batches = 0;
    const crashing = new Projector({
      eventStore: bed.store,
      db: bed.sql,
      leaseTtlMs: 300,
      batchSize: 50,
      beforeCommit: () => {
        batches += 1;
        if (batches === 3) throw new Error('simulated crash after the rows were written');
      },
    });
    await crashing.start();
    const deadline = Date.now() + 10_000;
    while (!(crashing.error instanceof Error) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect((crashing.error as Error).message).toContain('simulated crash');
    await crashing.stop({ release: false });
    const afterCrash = await databaseTables(bed.sql);
    expect((afterCrash.checkpoint[0] as { events_applied: number }).events_applied).toBe(100);

    const restarted = new Projector({ eventStore: bed.store, db: bed.sql, leaseTtlMs: 300, batchSize: 50 });
    await restarted.start();
    await waitForCheckpoint(bed.sql, bed.store);
    await restarted.stop();
    const recovered = await databaseTables(bed.sql);

    await rebuildReadModels({ eventStore: bed.store, db: bed.sql });
    expect(await databaseTables(bed.sql)).toEqual(recovered);
    expect(recovered).toEqual(memoryTables(projectInMemory(await readWholeLog(bed.store))));
  });

  it('during a rebuild queries answer from the old, complete read model; after the swap from the new one', async () => {
    const projector = new Projector({ eventStore: bed.store, db: bed.sql, leaseTtlMs: 400 });
    await projector.start();
    await waitForCheckpoint(bed.sql, bed.store);
    await projector.stop();
    const source = databaseSource(bed.sql);
    const before = await campaignOverview(source, DEMO_CAMPAIGN_ID, { asOf: bed.today });
    // Appended while no projector runs: only the rebuild will see it.
    await completeOpenInstance(bed.store, source, bed.today);

    const seen: number[] = [];
    const progress: RebuildProgress[] = [];
    const report = await rebuildReadModels(
      {
        eventStore: bed.store,
        db: bed.sql,
        pageSize: 300,
        beforeSwap: async (fresh) => {
          seen.push((await campaignOverview(source, DEMO_CAMPAIGN_ID, { asOf: bed.today })).totals.done);
          const inFresh = await campaignOverview(databaseSource(bed.sql, fresh), DEMO_CAMPAIGN_ID, { asOf: bed.today });
          expect(inFresh.totals.done).toBe(before.totals.done + 1);
        },
      },
      (p) => {
        progress.push(p);
      },
    );
    expect(seen).toEqual([before.totals.done]);
    expect(progress.some((p) => p.phase === 'reading' && p.total !== null && p.done < p.total)).toBe(true);
    expect(progress[progress.length - 1]).toMatchObject({ phase: 'swapped', done: report.events, total: report.events });
    const after = await campaignOverview(source, DEMO_CAMPAIGN_ID, { asOf: bed.today });
    expect(after.totals.done).toBe(before.totals.done + 1);
    const schemas = await bed.sql.query<{ nspname: string }>(`SELECT nspname FROM pg_namespace WHERE nspname LIKE 'rm%' ORDER BY 1`);
    expect(schemas.rows.map((r) => r.nspname)).toEqual(['rm', 'rm_control']);

    // The live projector carries on from the rebuilt checkpoint.
    const next = new Projector({ eventStore: bed.store, db: bed.sql, leaseTtlMs: 400 });
    await next.start();
    await completeOpenInstance(bed.store, source, bed.today, 'B02');
    await waitForCheckpoint(bed.sql, bed.store);
    await next.stop();
    expect((await campaignOverview(source, DEMO_CAMPAIGN_ID, { asOf: bed.today })).totals.done).toBe(before.totals.done + 2);
    console.log(`rebuild: ${report.events} events, ${report.rows} rows in ${report.seconds.toFixed(2)} s (${Math.round(report.eventsPerSecond)} events/s)`);
  });

  it('two projectors on one database: only the lease holder writes; the other takes over when renewals stop', async () => {
    const commits: Record<string, number> = { first: 0, second: 0 };
    const make = (name: string) =>
      new Projector({ eventStore: bed.store, db: bed.sql, owner: name, leaseTtlMs: 600, batchSize: 100, beforeCommit: () => void (commits[name] += 1) });
    const first = make('first');
    const second = make('second');
    await first.start();
    await new Promise((r) => setTimeout(r, 100));
    await second.start();
    await waitForCheckpoint(bed.sql, bed.store);
    expect(first.state).toBe('active');
    expect(second.state).toBe('standby');
    expect(commits.first).toBeGreaterThan(0);
    expect(commits.second).toBe(0);
    expect((await second.status()).lease?.owner).toBe('first');

    // The first process stops renewing without releasing (as if it hung); the second takes over after expiry.
    await first.stop({ release: false });
    const firstCommits = commits.first;
    await completeOpenInstance(bed.store, databaseSource(bed.sql), bed.today);
    await waitForCheckpoint(bed.sql, bed.store, { timeoutMs: 10_000 });
    expect(commits.second).toBeGreaterThan(0);
    expect(commits.first).toBe(firstCommits);
    expect(second.state).toBe('active');
    expect((await second.status()).lease?.owner).toBe('second');
    await second.stop();
    expect(await databaseTables(bed.sql)).toEqual(memoryTables(projectInMemory(await readWholeLog(bed.store))));
  });

  it('a writer whose lease was taken over cannot commit: the fencing token no longer matches', async () => {
    await ProjectorLease.ensureTable(bed.sql);
    const stale = new ProjectorLease(bed.sql, 'stale', 60_000);
    const usurper = new ProjectorLease(bed.sql, 'usurper', 60_000);
    expect(await stale.acquire()).toBe(true);
    expect(await usurper.acquire()).toBe(false);
    expect(await usurper.acquire({ steal: true })).toBe(true);
    await expect(bed.sql.transaction((tx) => stale.verify(tx))).rejects.toBeInstanceOf(LeaseLost);
    await expect(bed.sql.transaction((tx) => usurper.verify(tx))).resolves.toBeUndefined();
  });

  it('with minBatchIntervalMs, a steady stream of small appends is projected in fewer, larger batches, to the same rows', async () => {
    const batchesFor = async (minBatchIntervalMs: number, from: number) => {
      const projector = new Projector({ eventStore: bed.store, db: bed.sql, leaseTtlMs: 5_000, minBatchIntervalMs });
      await projector.start();
      await waitForCheckpoint(bed.sql, bed.store);
      let batches = 0;
      projector.onCheckpoint(() => void (batches += 1));
      const started = Date.now();
      const reached = await appendTrickle(bed.store, bed.today, 30, { from, gapMs: 10 });
      await waitForCheckpoint(bed.sql, bed.store, { reached });
      const elapsedMs = Date.now() - started;
      await projector.stop();
      return { batches, elapsedMs };
    };
    const eager = await batchesFor(0, 0);
    const paced = await batchesFor(400, 100);
    // At most one batch per interval from the first append until all is projected (about 0.5 s; longer on a loaded
    // machine, or while other suites' open transactions keep the newest events from readAll), and the last one.
    expect(paced.batches).toBeLessThanOrEqual(Math.ceil(paced.elapsedMs / 400) + 1);
    expect(eager.batches).toBeGreaterThan(paced.batches);
    expect(await databaseTables(bed.sql)).toEqual(memoryTables(projectInMemory(await readWholeLog(bed.store))));
  });

  it('the live projector analyses the tables it grows (planned lookups on a fresh schema), not the small ones', async () => {
    const projector = new Projector({ eventStore: bed.store, db: bed.sql, leaseTtlMs: 5_000, analyzeMinRows: 100 });
    await projector.start();
    await waitForCheckpoint(bed.sql, bed.store);
    await projector.stop();
    // Manual ANALYZE counts in analyze_count (autovacuum's in autoanalyze_count); the figures reach the view within a second or so.
    const counts = async () => {
      await bed.sql.query('SELECT pg_stat_clear_snapshot()');
      const { rows } = await bed.sql.query<{ relname: string; n: string; rows: string }>(
        `SELECT s.relname, s.analyze_count::text AS n, c.reltuples::text AS rows FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
         WHERE s.schemaname = 'rm'`,
      );
      return new Map(rows.map((r) => [r.relname, { analysed: Number(r.n), estimate: Number(r.rows) }]));
    };
    let stats = await counts();
    for (const deadline = Date.now() + 5_000; (stats.get('counter')?.analysed ?? 0) === 0 && Date.now() < deadline;) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      stats = await counts();
    }
    const {
      rows: [{ n }],
    } = await bed.sql.query<{ n: string }>('SELECT count(*)::text AS n FROM rm.counter');
    expect(Number(n)).toBeGreaterThan(100);
    expect(stats.get('counter')?.analysed).toBeGreaterThanOrEqual(1);
    expect(stats.get('counter')?.estimate).toBeGreaterThan(0);
    expect(stats.get('unit')?.analysed).toBe(0);
    expect(stats.get('checkpoint')?.analysed).toBe(0);
  });

  it('a projector started again under its own name takes its lease back at once; the earlier holder is fenced', async () => {
    await ProjectorLease.ensureTable(bed.sql);
    const crashed = new ProjectorLease(bed.sql, 'api-projector-1', 60_000);
    expect(await crashed.acquire()).toBe(true);
    expect(await new ProjectorLease(bed.sql, 'someone-else', 60_000).acquire()).toBe(false);
    const restarted = new ProjectorLease(bed.sql, 'api-projector-1', 60_000);
    expect(await restarted.acquire()).toBe(true);
    await expect(bed.sql.transaction((tx) => crashed.verify(tx))).rejects.toBeInstanceOf(LeaseLost);
    await expect(bed.sql.transaction((tx) => restarted.verify(tx))).resolves.toBeUndefined();
  });

  it('reports lag in events and seconds while behind, and none when caught up', async () => {
    const projector = new Projector({ eventStore: bed.store, db: bed.sql, leaseTtlMs: 400, clock: { now: () => new Date(Date.now() + 60_000) } });
    const behind = await projector.status();
    expect(behind.eventsBehind).toBe((await readWholeLog(bed.store)).length);
    expect(behind.checkpoint).toBeNull();
    expect(behind.secondsBehind).toBeGreaterThanOrEqual(59);
    await projector.start();
    const head = await waitForCheckpoint(bed.sql, bed.store);
    const caughtUp = await projector.status();
    await projector.stop();
    expect(caughtUp).toMatchObject({ eventsBehind: 0, secondsBehind: 0, checkpoint: head, state: 'active' });
    expect(caughtUp.lease?.owner).toBe(projector.me);
  });

  it('answers "as of" an earlier date in memory with the same query functions', async () => {
    const events = await readWholeLog(bed.store);
    const snapshot = snapshotSource(projectInMemory(events));
    const early = addDays(bed.demo.startDate, 7);
    const overview = await campaignOverview(snapshot, DEMO_CAMPAIGN_ID, { asOf: early });
    expect(overview.asOf).toBe(early);
    expect(overview.halfYear.timeProgress).toEqual({ numerator: 8, denominator: 168 });
    expect(overview.halfYear.workProgress).toEqual(overview.totals.completion);
  });
});
