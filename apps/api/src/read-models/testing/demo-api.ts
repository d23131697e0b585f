// The API over real HTTP on a real PostgreSQL with the demo office projected, and a token for each role that reads it.
import { branchWorkStream } from '@campaign-ledger/domain';
import { comparePositions, parsePosition, systemClock, type EventStore } from '@campaign-ledger/event-store';
import { buildDemoOffice, DEMO_CAMPAIGN_ID, DEMO_UNIT_ID } from '@api/demo/demo-office';
import { officeToday } from '@api/infrastructure/office-today';
import { EVENT_STORE } from '@api/infrastructure/tokens';
import { startApiTestApp, type ApiTestApp } from '@api/testing/api-test-app';
import { appendDemo, SYSTEM } from './read-model-fixtures';

/** leader, auditor, admin (of the demo unit), root (installation-wide), b01 and b02 (secretaries of those branches). */
export type DemoAccount = 'leader' | 'auditor' | 'admin' | 'root' | 'b01' | 'b02';

export interface DemoApi {
  readonly api: ApiTestApp;
  readonly store: EventStore;
  readonly today: string;
  readonly tokens: Readonly<Record<DemoAccount, string>>;
  /** A GET with the account's token. */
  get(path: string, who: DemoAccount): ReturnType<ApiTestApp['http']['get']>;
  /** Appends the completion of an open branch-level instance of the branch, as the branch-work decider records it. */
  completeOpenBranchTask(branchId: string): Promise<{ instanceKey: string; appendedAt: number }>;
  close(): Promise<void>;
}

/** Starts once the read model has caught up with the whole demo office. */
export async function startDemoApi(): Promise<DemoApi> {
  const today = officeToday(systemClock);
  const api = await startApiTestApp();
  try {
    const store: EventStore = api.app.get(EVENT_STORE);
    const demoHead = await appendDemo(store, buildDemoOffice(today));
    const tokens: Record<DemoAccount, string> = {
      leader: await api.signIn({ username: 'leader', password: 'leader-pass-1', role: 'leading_group', unitId: DEMO_UNIT_ID }),
      auditor: await api.signIn({ username: 'auditor', password: 'auditor-pass-1', role: 'auditor', unitId: DEMO_UNIT_ID }),
      admin: await api.signIn({ username: 'admin', password: 'admin-pass-1', role: 'administrator', unitId: DEMO_UNIT_ID }),
      root: await api.signIn({ username: 'root', password: 'root-pass-1', role: 'administrator' }),
      b01: await api.signIn({ username: 'sec-b01', password: 'sec-pass-1', role: 'secretary', unitId: DEMO_UNIT_ID, branchId: 'B01' }),
      b02: await api.signIn({ username: 'sec-b02', password: 'sec-pass-1', role: 'secretary', unitId: DEMO_UNIT_ID, branchId: 'B02' }),
    };
    const deadline = Date.now() + 20_000;
    for (;;) {
      const status = await api.http.get('/api/projections/status').set('Authorization', `Bearer ${tokens.admin}`);
      const at = status.body?.checkpoint ? parsePosition(status.body.checkpoint) : null;
      if (status.status === 200 && at && comparePositions(at, demoHead) >= 0) break;
      if (Date.now() > deadline) throw new Error(`projection did not catch up: ${JSON.stringify(status.body)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const get = (path: string, who: DemoAccount) => api.http.get(path).set('Authorization', `Bearer ${tokens[who]}`);
    return {
      api,
      store,
      today,
      tokens,
      get,
      async completeOpenBranchTask(branchId) {
        const dashboard = await get(`/api/campaigns/${DEMO_CAMPAIGN_ID}/branches/${branchId}/dashboard`, 'leader').expect(200);
        const open = [...dashboard.body.phases.flatMap((p: { instances: unknown[] }) => p.instances), ...dashboard.body.unphased].find(
          (i: { status: string; scope: string }) => i.status === 'open' && i.scope === 'branch',
        );
        await store.append(
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
                onTime: false,
                by: `sec-${branchId}`,
                note: 'done',
                evidence: [],
                commandId: null,
              },
            },
          ],
          { expectedRevision: 'any', metadata: SYSTEM },
        );
        return { instanceKey: open.instanceKey as string, appendedAt: Date.now() };
      },
      close: () => api.close(),
    };
  } catch (error) {
    await api.close();
    throw error;
  }
}
