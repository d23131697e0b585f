import 'reflect-metadata';
import { loadConfig } from './config/app-config';
import { createApp } from './bootstrap';

async function main() {
  const config = loadConfig();
  const app = await createApp(config);
  await app.listen(config.port, config.host);
  const url = `http://${config.host}:${config.port}`;
  const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${config.dataDir}`;
  console.log(`活动台账 Campaign Ledger is running at ${url}/  (API docs: ${url}/api/docs)`);
  console.log(`event store: ${config.eventStore}; read models: ${where}`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
