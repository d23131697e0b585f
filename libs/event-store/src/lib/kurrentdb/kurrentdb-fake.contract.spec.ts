// The shared contract over the fake client: checks the adapter's logic here; says nothing about the real server.
import { contractClock, describeEventStoreContract } from '../../testing';
import { FakeKurrentDbClient } from './fake-kurrentdb-client.testing';
import { KurrentDbEventStore } from './kurrentdb-event-store';

describeEventStoreContract('KurrentDbEventStore over a fake client', async () => {
  const fake = new FakeKurrentDbClient();
  const opened: KurrentDbEventStore[] = [];
  const open = () => {
    const store = new KurrentDbEventStore(fake.asClient(), contractClock, { timeoutMs: 2000 });
    opened.push(store);
    return store;
  };
  return {
    store: open(),
    reopen: async () => open(),
    close: async () => {
      await Promise.all(opened.map((store) => store.close()));
    },
  };
});
