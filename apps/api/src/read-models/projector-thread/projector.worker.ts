// The projector's worker thread (see projector-thread.ts): its own connections to the event store and the read
// models, the same Projector the main thread would run (lease, rows and checkpoint in one transaction), and a port
// to report checkpoints and answer status requests.
import 'reflect-metadata';
import { parentPort, workerData } from 'node:worker_threads';
import { createReadModelDataSource, Projector, typeOrmSql } from '@campaign-ledger/projections';
import { openStorage } from '@campaign-ledger/runtime';
import type { FromProjectorThread, ProjectorWorkerData, ToProjectorThread } from './messages';

if (!parentPort) throw new Error('projector.worker runs as a worker thread of the API (see projector-thread.ts)');
const port = parentPort;
const say = (message: FromProjectorThread) => port.postMessage(message);
const text = (error: unknown) => (error instanceof Error ? error.message : String(error));

async function main(data: ProjectorWorkerData): Promise<void> {
  if (!data.config.databaseUrl) throw new Error('the projector thread needs DATABASE_URL');
  const storage = await openStorage(data.config);
  const dataSource = createReadModelDataSource({ url: data.config.databaseUrl, poolSize: data.poolSize });
  try {
    await dataSource.initialize();
  } catch (error) {
    await storage.close();
    throw error;
  }
  const projector = new Projector({
    eventStore: storage.eventStore,
    db: typeOrmSql(dataSource),
    owner: data.owner,
    leaseTtlMs: data.leaseTtlMs,
    minBatchIntervalMs: data.minBatchIntervalMs,
    onError: (error) => say({ type: 'error', message: text(error) }),
  });
  projector.onCheckpoint((moved) => say({ type: 'checkpoint', moved }));
  let stopping: Promise<void> | null = null;
  port.on('message', (message: ToProjectorThread) => {
    if (message.type === 'status') {
      projector.status().then(
        (status) => say({ type: 'status', id: message.id, status }),
        (error: unknown) => say({ type: 'status', id: message.id, error: text(error) }),
      );
    } else if (message.type === 'stop') {
      stopping ??= (async () => {
        await projector.stop();
        await dataSource.destroy().catch(() => undefined);
        await storage.close().catch(() => undefined);
        say({ type: 'stopped' });
        port.close();
      })();
    }
  });
  await projector.start();
  say({ type: 'started' });
}

main(workerData as ProjectorWorkerData).catch((error: unknown) => {
  say({ type: 'failed', message: text(error) });
  port.close();
});
