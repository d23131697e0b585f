// The use-case specs' harness: one context's handlers with their real providers (aggregate store, writers) resolved by
// Nest's injector over an in-memory event store, a settable clock and in-memory evidence files. No HTTP, no database:
// a spec builds one in a few milliseconds and calls `handler.execute(new SomeCommand(...))` directly.
import { Module, type INestApplicationContext, type Provider, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Role } from '@campaign-ledger/domain';
import { InMemoryEventStore, type Clock, type LogPosition } from '@campaign-ledger/event-store';
import { InMemoryBlobStore, loadConfig, type AppConfig } from '@campaign-ledger/runtime';
import type { Principal } from '@api/auth/principal';
import { AggregateStore } from '@api/infrastructure/event-sourcing/aggregate-store';
import { APP_CONFIG, BLOB_STORE, CLOCK, EVENT_STORE } from '@api/infrastructure/tokens';

/** A clock that stands still until it is set: what is written is recorded at that instant. */
export class TestClock implements Clock {
  private current: Date;

  constructor(instant: string) {
    this.current = new Date(instant);
  }

  now(): Date {
    return new Date(this.current);
  }

  set(instant: string): void {
    this.current = new Date(instant);
  }
}

export interface UseCaseHarnessOptions {
  /** The instant the clock shows (default 2009-04-01 10:00 in the office, Asia/Shanghai). */
  readonly now?: string;
  /** Configuration variables besides EVENT_STORE=memory (e.g. PUBLIC_METRICS). */
  readonly env?: Record<string, string>;
}

/** An event as a spec checks it: where it went, what it says, who recorded it and why. */
export interface AppendedEvent {
  readonly streamId: string;
  readonly type: string;
  readonly data: Record<string, unknown>;
  readonly actorId: string;
  readonly reason: string | null;
}

export interface UseCaseHarness {
  readonly store: InMemoryEventStore;
  readonly clock: TestClock;
  readonly blobs: InMemoryBlobStore;
  readonly config: AppConfig;
  /** A provider of the context (a handler, a writer, the aggregate store). */
  get<T>(type: Type<T>): T;
  /** From now on `appended()` lists only what is written after this point (call it once the given state is seeded). */
  mark(): Promise<void>;
  /** The events appended since `mark()` (since the start without one), in log order. */
  appended(): Promise<AppendedEvent[]>;
  close(): Promise<void>;
}

/** Starts the providers (handlers and what they need) with an in-memory store; close it after the spec. */
export async function startUseCases(providers: readonly Provider[], options: UseCaseHarnessOptions = {}): Promise<UseCaseHarness> {
  const clock = new TestClock(options.now ?? '2009-04-01T02:00:00Z');
  const store = new InMemoryEventStore(clock);
  const blobs = new InMemoryBlobStore();
  const config = loadConfig({ EVENT_STORE: 'memory', ...options.env });

  @Module({
    providers: [
      { provide: EVENT_STORE, useValue: store },
      { provide: CLOCK, useValue: clock },
      { provide: BLOB_STORE, useValue: blobs },
      { provide: APP_CONFIG, useValue: config },
      AggregateStore,
      ...providers,
    ],
  })
  class UseCaseTestModule {}

  const context: INestApplicationContext = await NestFactory.createApplicationContext(UseCaseTestModule, { logger: false });
  let since: LogPosition | null = null;
  return {
    store,
    clock,
    blobs,
    config,
    get: (type) => context.get(type),
    async mark() {
      since = (await store.readAll()).at(-1)?.logPosition ?? null;
    },
    async appended() {
      const events = await store.readAll(since ? { from: since } : {});
      return events.map((event) => ({
        streamId: event.streamId,
        type: event.type,
        data: event.data as Record<string, unknown>,
        actorId: event.metadata.actor.id,
        reason: event.metadata.reason ?? null,
      }));
    },
    close: () => context.close(),
  };
}

/** A signed-in account as the guards hand it to a handler; the unit is U1 unless given (null: installation-wide). */
export function principalOf(
  role: Role,
  scope: { readonly unitId?: string | null; readonly branchId?: string | null; readonly accountId?: string } = {},
): Principal {
  const branchId = scope.branchId ?? null;
  const accountId = scope.accountId ?? `acc-${role}${branchId ? `-${branchId}` : ''}`;
  return { accountId, username: accountId, role, unitId: scope.unitId === undefined ? 'U1' : scope.unitId, branchId };
}
