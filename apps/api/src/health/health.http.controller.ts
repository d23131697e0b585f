import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { EventStore } from '@campaign-ledger/event-store';
import { Public } from '../auth/principal';
import { EVENT_STORE } from '../infrastructure/tokens';
import { projectionHealth, ReadModelsService } from '../read-models/read-models.service';

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
  @ApiOkResponse({ description: 'Liveness and the event store status' })
  async health() {
    const eventStore = await this.eventStore.status().catch((error: Error) => ({
      backend: this.eventStore.backend, ok: false, detail: error.message,
    }));
    const projections = await projectionHealth(this.readModels);
    return {
      status: eventStore.ok && projections.ok ? 'ok' : 'degraded',
      uptimeSeconds: Math.round((Date.now() - this.startedAt) / 1000),
      eventStore,
      projections,
    };
  }

  @Get('event-store/status')
  @ApiOkResponse({ description: 'Which event store backend is in use and whether it answers' })
  async eventStoreStatus() {
    return this.eventStore.status();
  }
}
