import 'reflect-metadata';
import { loadConfig } from '@campaign-ledger/runtime';
import { createApp } from './bootstrap';
import { seedDemoIfEmpty } from './demo/demo-seeder';
import { gracefulStop } from './infrastructure/graceful-shutdown';
import { ReadModelsService } from './read-models/read-models.service';

async function main() {
  const config = loadConfig();
  const app = await createApp(config);
  const stop = gracefulStop(app, { beforeDrain: () => app.get(ReadModelsService).endLiveStreams(), log: (line) => console.log(line) });
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => void stop(signal).then((code) => process.exit(code)));
  const seed = await seedDemoIfEmpty(app, config);
  await app.listen(config.port, config.host);
  // PORT=0 lets the system choose: say which port it chose.
  const port = (app.getHttpServer().address() as { port: number }).port;
  const url = `http://${config.host}:${port}`;
  const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${config.dataDir}`;
  console.log(`活动台账 Campaign Ledger is running at ${url}/  (API docs: ${url}/api/docs)`);
  console.log(
    `event store: ${config.eventStore}; read models: ${where}; projector: ${config.projector === 'thread' ? 'in a worker thread' : 'on the main thread'}`,
  );
  if (seed.seeded) {
    console.log('演示数据已创建 A demo office was seeded (10 branches, 150 members, the 2009 campaign in stage 1). Demo accounts:');
    for (const account of seed.accounts) console.log(`  ${account.username.padEnd(10)} ${account.password.padEnd(18)} ${account.note}`);
    console.warn(
      '警告 WARNING: these demo passwords are published in the README and are NOT secure. Change them (each user: 修改密码 / ' +
        'POST /api/auth/password; the administrator resets the others) or start from an empty data directory with DEMO_SEED=false ' +
        'and create the first administrator with `npm run ledger -- account create --role administrator`.',
    );
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
