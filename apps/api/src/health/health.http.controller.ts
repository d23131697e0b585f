import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { EventStore } from '@campaign-ledger/event-store';
import { Public } from '../auth/principal';
import { EVENT_STORE } from '../infrastructure/tokens';

@ApiTags('health')
@Public()
@Controller()
export class HealthHttpController {
  private readonly startedAt = Date.now();

  constructor(@Inject(EVENT_STORE) private readonly eventStore: EventStore) {}

  @Get('health')
  @ApiOkResponse({ description: 'Liveness and the event store status' })
  async health() {
    const eventStore = await this.eventStore.status().catch((error: Error) => ({
      backend: this.eventStore.backend, ok: false, detail: error.message,
    }));
    return { status: eventStore.ok ? 'ok' : 'degraded', uptimeSeconds: Math.round((Date.now() - this.startedAt) / 1000), eventStore };
  }

  @Get('event-store/status')
  @ApiOkResponse({ description: 'Which event store backend is in use and whether it answers' })
  async eventStoreStatus() {
    return this.eventStore.status();
  }
}
