import { InMemoryEventStore } from './in-memory-event-store';
import { ConcurrencyError } from '../errors';

const metadata = { actor: { id: 'u1', role: 'administrator' } };

describe('InMemoryEventStore', () => {
  it('appends with expected revision and refuses a stale one', async () => {
    const store = new InMemoryEventStore();
    const first = await store.append('s-1', [{ type: 'A', data: { n: 1 } }], { expectedRevision: 'no_stream', metadata });
    expect(first.nextRevision).toBe(0);
    await expect(store.append('s-1', [{ type: 'A', data: {} }], { expectedRevision: 'no_stream', metadata })).rejects.toBeInstanceOf(ConcurrencyError);
    const verify = await store.verifyStream('s-1');
    expect(verify.ok).toBe(true);
  });
});
