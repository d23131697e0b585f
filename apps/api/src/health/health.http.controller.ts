import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { EventStore } from '@campaign-ledger/event-store';
import { Public } from '../auth/principal';
import { EVENT_STORE } from '../infrastructure/tokens';
import { ReadModelsService } from '../read-models/read-models.service';

@ApiTags('health')
@Public()
@Controller()
export class HealthHttpController {
  private readonly startedAt = Date.now();

  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    private readonly readModels: ReadModelsService,
  ) {}

  @Get('health')
  @ApiOkResponse({ description: 'Liveness, the event store, and whether the figures are current (status "degraded" and why when not)' })
  async health() {
    const eventStore = await this.eventStore.status().catch((error: Error) => ({ backend: this.eventStore.backend, ok: false, detail: error.message }));
    const freshness = await this.readModels.freshness();
    return {
      status: eventStore.ok && freshness.ok && !freshness.delayed ? 'ok' : 'degraded',
      uptimeSeconds: Math.round((Date.now() - this.startedAt) / 1000),
      eventStore: { backend: eventStore.backend, ok: eventStore.ok },
      projections: freshness,
    };
  }

  @Get('event-store/status')
  @ApiOkResponse({ description: 'Which event store backend is in use and whether it answers' })
  async eventStoreStatus() {
    const status = await this.eventStore.status();
    return { backend: status.backend, ok: status.ok, schemaVersion: status.schemaVersion };
  }
}
