// Seeds the demo office once, on an empty embedded installation; real data is never touched.
import type { INestApplication } from '@nestjs/common';
import { ACCOUNTS_STREAM, type Role } from '@campaign-ledger/domain';
import type { Clock, EventStore } from '@campaign-ledger/event-store';
import { AccountsService } from '../auth/accounts.service';
import type { AppConfig } from '@campaign-ledger/runtime';
import { officeToday } from '../infrastructure/office-today';
import { CLOCK, EVENT_STORE } from '../infrastructure/tokens';
import { indexUnit } from '../organisation/shared/unit-index';
import { buildDemoOffice, DEMO_UNIT_ID } from './demo-office';

export interface DemoAccount {
  readonly username: string;
  readonly password: string;
  readonly role: string;
  readonly note: string;
  readonly unitId: string | null;
  readonly branchId: string | null;
}

export type SeedOutcome = { seeded: true; accounts: DemoAccount[] } | { seeded: false; why: string };

const SYSTEM = { actor: { id: 'system:demo-seed', role: 'system' }, reason: '首次运行的演示数据 demo data on first run' };

/** Seeds when DEMO_SEED=true, or by default when the embedded store is empty (never on DATABASE_URL unless asked). */
export async function seedDemoIfEmpty(app: INestApplication, config: Pick<AppConfig, 'demoSeed'>): Promise<SeedOutcome> {
  if (!config.demoSeed) return { seeded: false, why: 'DEMO_SEED is off for this configuration' };
  const store = app.get<EventStore>(EVENT_STORE);
  const clock = app.get<Clock>(CLOCK);
  // Any account or any visible event means the installation is in use (readAll alone can lag behind open transactions).
  const existing = (await store.streamHead(ACCOUNTS_STREAM)) ?? (await store.readAll({ maxCount: 1 }))[0];
  if (existing) return { seeded: false, why: 'the event store already holds data' };

  const today = officeToday(clock);
  const demo = buildDemoOffice(today);
  for (const batch of demo.batches) {
    await store.append(batch.streamId, batch.events, { expectedRevision: 'no_stream', metadata: SYSTEM });
  }
  await indexUnit(store, { unitId: DEMO_UNIT_ID, name: demo.unitName, code: 'DEMO' }, SYSTEM.actor);
  const accounts: DemoAccount[] = [
    // The installation's administrator (no unit): registers units and runs every account.
    { username: 'admin', password: 'admin-demo-2009', role: 'administrator', note: '系统管理员 administrator', unitId: null, branchId: null },
    { username: 'leader', password: 'leader-demo-2009', role: 'leading_group', note: '领导小组 leading group', unitId: DEMO_UNIT_ID, branchId: null },
    { username: 'auditor', password: 'auditor-demo-2009', role: 'auditor', note: '指导检查组 auditor', unitId: DEMO_UNIT_ID, branchId: null },
    ...demo.branches.map((branch) => ({
      username: `sec-${branch.branchId.toLowerCase()}`,
      password: `sec-demo-2009`,
      role: 'secretary',
      note: `${branch.name}书记 secretary of ${branch.branchId}`,
      unitId: DEMO_UNIT_ID,
      branchId: branch.branchId,
    })),
  ];
  const service = app.get(AccountsService);
  for (const account of accounts) {
    await service.execute(
      {
        type: 'CreateAccount',
        data: {
          accountId: `demo-${account.username}`,
          username: account.username,
          displayName: account.note,
          role: account.role as Role,
          unitId: account.unitId,
          branchId: account.branchId,
        },
      },
      SYSTEM,
      { password: account.password },
    );
  }
  return { seeded: true, accounts };
}
