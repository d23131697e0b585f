import { Module } from '@nestjs/common';
import type { AppConfig } from '@campaign-ledger/runtime';
import { APP_CONFIG } from '../infrastructure/tokens';
import { AuthModule } from '../auth/auth.module';
import { ProjectionMetrics } from './projection-metrics';
import { GetBranchDashboardHandler } from './get-branch-dashboard/get-branch-dashboard.handler';
import { GetBranchDashboardHttpController } from './get-branch-dashboard/get-branch-dashboard.http.controller';
import { GetFreshnessHandler } from './get-freshness/get-freshness.handler';
import { GetFreshnessHttpController } from './get-freshness/get-freshness.http.controller';
import { GetHeatMapHandler } from './get-heat-map/get-heat-map.handler';
import { GetHeatMapHttpController } from './get-heat-map/get-heat-map.http.controller';
import { GetMetricsHandler } from './get-metrics/get-metrics.handler';
import { GetMetricsHttpController } from './get-metrics/get-metrics.http.controller';
import { GetOverviewHandler } from './get-overview/get-overview.handler';
import { GetOverviewHttpController } from './get-overview/get-overview.http.controller';
import { GetProjectionStatusHandler } from './get-projection-status/get-projection-status.handler';
import { GetProjectionStatusHttpController } from './get-projection-status/get-projection-status.http.controller';
import { GetWeeklyParticipationHandler } from './get-weekly-participation/get-weekly-participation.handler';
import { GetWeeklyParticipationHttpController } from './get-weekly-participation/get-weekly-participation.http.controller';
import { ListOverdueHandler } from './list-overdue/list-overdue.handler';
import { ListOverdueHttpController } from './list-overdue/list-overdue.http.controller';
import { RankBranchesHandler } from './rank-branches/rank-branches.handler';
import { RankBranchesHttpController } from './rank-branches/rank-branches.http.controller';
import { LiveOverview } from './stream-overview/live-overview';
import { StreamOverviewHttpController } from './stream-overview/stream-overview.http.controller';
import { LiveBranchDashboard } from './stream-branch-dashboard/live-branch-dashboard';
import { StreamBranchDashboardHttpController } from './stream-branch-dashboard/stream-branch-dashboard.http.controller';
import { LiveReadModel } from './shared/live-read-model';
import { READ_MODELS_SETTINGS, ReadModelsService, type ReadModelsSettings } from './read-models.service';

/** Read models: the projector that follows the log, and the queries over its tables. */
@Module({
  imports: [AuthModule],
  controllers: [
    GetFreshnessHttpController,
    GetOverviewHttpController,
    StreamOverviewHttpController,
    GetBranchDashboardHttpController,
    StreamBranchDashboardHttpController,
    ListOverdueHttpController,
    RankBranchesHttpController,
    GetHeatMapHttpController,
    GetWeeklyParticipationHttpController,
    GetProjectionStatusHttpController,
    GetMetricsHttpController,
  ],
  providers: [
    {
      provide: READ_MODELS_SETTINGS,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): ReadModelsSettings => ({
        leaseTtlMs: config.projectorLeaseTtlMs,
        minBatchIntervalMs: config.projectorBatchIntervalMs,
        poolSize: config.readModelPoolSize,
      }),
    },
    ReadModelsService,
    ProjectionMetrics,
    LiveReadModel,
    LiveOverview,
    LiveBranchDashboard,
    GetFreshnessHandler,
    GetOverviewHandler,
    GetBranchDashboardHandler,
    ListOverdueHandler,
    RankBranchesHandler,
    GetHeatMapHandler,
    GetWeeklyParticipationHandler,
    GetProjectionStatusHandler,
    GetMetricsHandler,
  ],
  exports: [ReadModelsService],
})
export class ReadModelsModule {}
