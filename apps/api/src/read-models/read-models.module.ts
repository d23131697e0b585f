import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { ProjectionMetrics } from './projection-metrics';
import { ProjectionsHttpController, ReadModelsHttpController } from './read-models.http.controller';
import { READ_MODELS_SETTINGS, ReadModelsService, type ReadModelsSettings } from './read-models.service';

/** Read models: the projector that follows the log, and the queries over its tables. */
@Module({
  imports: [AuthModule],
  controllers: [ReadModelsHttpController, ProjectionsHttpController],
  providers: [
    {
      provide: READ_MODELS_SETTINGS,
      useFactory: (): ReadModelsSettings => ({
        leaseTtlMs: Number(process.env.PROJECTOR_LEASE_TTL_MS ?? 10_000),
        minBatchIntervalMs: Number(process.env.PROJECTOR_BATCH_INTERVAL_MS ?? 50),
        // The embedded PGlite socket is one shared session: a small pool is all it can use.
        poolSize: Number(process.env.READ_MODEL_POOL_SIZE ?? (process.env.DATABASE_URL ? 4 : 2)),
      }),
    },
    ReadModelsService,
    ProjectionMetrics,
  ],
  exports: [ReadModelsService],
})
export class ReadModelsModule {}
