// The shared event-store contract against a real KurrentDB (KURRENTDB_URL); skipped, and says why, without one.
// The suite is '@campaign-ledger/event-store/testing'; inside this project the lint rule wants the relative path.
import type * as ContractSuite from '../../testing';
import { KurrentDbEventStore } from './kurrentdb-event-store';

const url = process.env['KURRENTDB_URL'];
const SKIP_REASON = 'KurrentDB contract suite skipped: KURRENTDB_URL is not set (start one with docker compose -f docker/compose.yaml up kurrentdb)';

if (!url) {
  console.warn(SKIP_REASON);
  // Jest drops the console of a suite that runs no test when several workers run: say it on stderr as well.
  process.stderr.write(`${SKIP_REASON}\n`);
  describe.skip(SKIP_REASON, () => {
    it.skip(SKIP_REASON, () => undefined);
  });
} else {
  // Loaded only here so that the skip above never depends on the suite's module.
  const { describeEventStoreContract, contractClock } = require('../../testing') as typeof ContractSuite;
  const timeoutMs = Number(process.env['KURRENTDB_TIMEOUT_MS'] ?? 5000);

  // The server may be shared: the suite names every stream and idempotency key after a unique run id,
  // and filters what it reads from $all by that prefix.
  describeEventStoreContract('KurrentDbEventStore', async () => {
    const opened: KurrentDbEventStore[] = [];
    const open = () => {
      const store = new KurrentDbEventStore(url, contractClock, { timeoutMs });
      opened.push(store);
      return store;
    };
    return {
      store: open(),
      // No `tamper`: KurrentDB events are immutable, there is no way to alter one in place.
      reopen: async () => open(),
      close: async () => {
        await Promise.all(opened.map((store) => store.close()));
      },
    };
  });
}
