import { Module, type DynamicModule, type OnApplicationShutdown, Inject } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import type { Clock } from '@campaign-ledger/event-store';
import type { AppConfig } from './config/app-config';
import type { Storage } from './infrastructure/storage';
import { APP_CONFIG, CLOCK, EVENT_STORE, STORAGE } from './infrastructure/tokens';
import { HealthHttpController } from './health/health.http.controller';

export interface AppModuleOptions {
  readonly config: AppConfig;
  readonly storage: Storage;
  readonly clock: Clock;
}

@Module({})
export class AppModule implements OnApplicationShutdown {
  constructor(@Inject(STORAGE) private readonly storage: Storage) {}

  static register(options: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [CqrsModule.forRoot()],
      controllers: [HealthHttpController],
      providers: [
        { provide: APP_CONFIG, useValue: options.config },
        { provide: STORAGE, useValue: options.storage },
        { provide: EVENT_STORE, useValue: options.storage.eventStore },
        { provide: CLOCK, useValue: options.clock },
      ],
      exports: [APP_CONFIG, STORAGE, EVENT_STORE, CLOCK],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.storage.close();
  }
}
