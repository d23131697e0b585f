import { Inject, Logger, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { Pool } from 'pg';
import type { Clock } from '@campaign-ledger/event-store';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { BranchWorkModule } from './branch-work/branch-work.module';
import { CampaignsModule } from './campaigns/campaigns.module';
import { OrganisationModule } from './organisation/organisation.module';
import { ReadModelsModule } from './read-models/read-models.module';
import { AggregateStore } from './infrastructure/event-sourcing/aggregate-store';
import type { AppConfig } from '@campaign-ledger/runtime';
import { HealthHttpController } from './health/health.http.controller';
import { IdempotencyInterceptor } from './infrastructure/idempotency/idempotency.interceptor';
import { InMemoryIdempotencyStore, PostgresIdempotencyStore } from './infrastructure/idempotency/idempotency.store';
import type { Storage } from '@campaign-ledger/runtime';
import { APP_CONFIG, BLOB_STORE, CLOCK, EVENT_STORE, IDEMPOTENCY_STORE, INSTANCE_LIVENESS, READ_MODEL_POOL, STORAGE } from './infrastructure/tokens';
import { PostgresLiveness, SingleProcessLiveness, type InstanceLiveness } from './infrastructure/instance-liveness';

export interface AppModuleOptions {
  readonly config: AppConfig;
  readonly storage: Storage;
  readonly clock: Clock;
}

@Module({})
export class AppModule implements OnApplicationShutdown {
  constructor(
    @Inject(STORAGE) private readonly storage: Storage,
    @Inject(READ_MODEL_POOL) private readonly readModelPool: Pool | null,
    @Inject(INSTANCE_LIVENESS) private readonly liveness: InstanceLiveness,
  ) {}

  static register(options: AppModuleOptions): DynamicModule {
    const { storage } = options;
    return {
      module: AppModule,
      global: true,
      // Branch work first: express tries routes in the order they were registered, and these are the busiest (every
      // secretary's daily writes), so they are matched before the rest.
      imports: [CqrsModule.forRoot(), BranchWorkModule, AuthModule, OrganisationModule, CampaignsModule, ReadModelsModule, AuditModule],
      controllers: [HealthHttpController],
      providers: [
        { provide: APP_CONFIG, useValue: options.config },
        { provide: STORAGE, useValue: storage },
        { provide: EVENT_STORE, useValue: storage.eventStore },
        { provide: CLOCK, useValue: options.clock },
        {
          provide: READ_MODEL_POOL,
          useFactory: () => {
            if (!storage.readModelUrl) return null;
            const pool = new Pool({ connectionString: storage.readModelUrl, max: 10 });
            // An idle connection dropped by the server (restart, failover) must not crash the process.
            pool.on('error', (error) => new Logger('read-model-pool').warn(`idle connection lost: ${error.message}`));
            return pool;
          },
        },
        {
          provide: IDEMPOTENCY_STORE,
          inject: [READ_MODEL_POOL],
          useFactory: (pool: Pool | null) => (pool ? PostgresIdempotencyStore.create(pool) : new InMemoryIdempotencyStore()),
        },
        {
          provide: INSTANCE_LIVENESS,
          inject: [READ_MODEL_POOL],
          // Several API processes share a server database; the embedded one and the memory store have one process each.
          useFactory: (pool: Pool | null): Promise<InstanceLiveness> | InstanceLiveness =>
            pool && options.config.databaseUrl ? PostgresLiveness.start(options.config.databaseUrl, pool) : new SingleProcessLiveness(),
        },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
        { provide: BLOB_STORE, useValue: storage.blobs },
        AggregateStore,
      ],
      exports: [APP_CONFIG, STORAGE, EVENT_STORE, CLOCK, READ_MODEL_POOL, IDEMPOTENCY_STORE, BLOB_STORE, AggregateStore],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.liveness.close();
    await this.readModelPool?.end();
    await this.storage.close();
  }
}
