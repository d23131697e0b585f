import { describeEventStoreContract, contractClock } from '../../testing';
import { InMemoryEventStore } from './in-memory-event-store';

describeEventStoreContract('InMemoryEventStore', async () => {
  const store = new InMemoryEventStore(contractClock);
  return {
    store,
    tamper: async (streamId, revision) => store.tamper(streamId, revision, (event) => ({ ...event, data: { tampered: true } })),
    tamperRecordedAt: async (streamId, revision, recordedAt) => store.tamper(streamId, revision, (event) => ({ ...event, recordedAt })),
    close: () => store.close(),
  };
});
