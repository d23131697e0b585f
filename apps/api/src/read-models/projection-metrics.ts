// Prometheus metrics of the projection, in a registry of their own (one per application instance).
import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Registry } from 'prom-client';
import { ReadModelsService } from './read-models.service';

@Injectable()
export class ProjectionMetrics {
  readonly registry = new Registry();

  constructor(service: ReadModelsService) {
    // Registered first: its collect measures the lag once per scrape and sets the gauges after it.
    const up = new Gauge({
      name: 'campaign_ledger_projection_up',
      help: '1 when the projection lag could be measured',
      registers: [this.registry],
      async collect() {
        try {
          const status = await service.status();
          lagEvents.set(status.eventsBehind);
          lagSeconds.set(status.secondsBehind);
          this.set(1);
        } catch {
          this.set(0);
        }
      },
    });
    const lagEvents = new Gauge({
      name: 'campaign_ledger_projection_lag_events',
      help: 'Events in the log not yet applied to the read model',
      registers: [this.registry],
    });
    const lagSeconds = new Gauge({
      name: 'campaign_ledger_projection_lag_seconds',
      help: 'Seconds since the last applied event was recorded, while behind (0 when caught up)',
      registers: [this.registry],
    });
    new Counter({
      name: 'campaign_ledger_projection_events_total',
      help: 'Events applied to the read model by this process',
      registers: [this.registry],
      collect() {
        this.reset();
        this.inc(service.eventsProjected);
      },
    });
    void up;
  }

  async text(): Promise<string> {
    return this.registry.metrics();
  }
}
