import 'reflect-metadata';
import { loadConfig } from '@campaign-ledger/runtime';
import { createApp } from './bootstrap';
import { seedDemoIfEmpty } from './demo/demo-seeder';

async function main() {
  const config = loadConfig();
  const app = await createApp(config);
  const seed = await seedDemoIfEmpty(app, config);
  await app.listen(config.port, config.host);
  const url = `http://${config.host}:${config.port}`;
  const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${config.dataDir}`;
  console.log(`活动台账 Campaign Ledger is running at ${url}/  (API docs: ${url}/api/docs)`);
  console.log(`event store: ${config.eventStore}; read models: ${where}; projector: ${config.projector === 'thread' ? 'in a worker thread' : 'on the main thread'}`);
  if (seed.seeded) {
    console.log('演示数据已创建 A demo office was seeded (10 branches, 150 members, the 2009 campaign in stage 1). Demo accounts:');
    for (const account of seed.accounts) console.log(`  ${account.username.padEnd(10)} ${account.password.padEnd(18)} ${account.note}`);
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
