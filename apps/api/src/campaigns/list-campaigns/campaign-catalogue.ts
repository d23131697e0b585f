// The campaign list before a durable projection exists: an in-process fold over the global log, caught up on every read.
import { Inject, Injectable } from '@nestjs/common';
import type { CampaignSummary } from '@campaign-ledger/api-contract';
import { StreamCategories, type CampaignEvent } from '@campaign-ledger/domain';
import type { EventStore, LogPosition, RecordedEvent } from '@campaign-ledger/event-store';
import { EVENT_STORE } from '@api/infrastructure/tokens';

/** A campaign as the list shows it: the contract's. */
export type { CampaignSummary };

export type Catalogue = ReadonlyMap<string, CampaignSummary>;

const CAMPAIGN_PREFIX = `${StreamCategories.campaign}-`;

/** Pure fold of one campaign event into the catalogue (idempotent per event: it only ever sets values the event states). */
export function foldCatalogue(catalogue: Map<string, CampaignSummary>, event: CampaignEvent): void {
  if (event.type === 'CampaignPlanned') {
    const d = event.data;
    catalogue.set(d.campaignId, {
      campaignId: d.campaignId,
      unitId: d.unitId,
      name: d.name,
      templateCode: d.templateCode,
      startDate: d.startDate,
      endDate: d.endDate,
      status: 'planned',
      currentStageId: null,
      closedOn: null,
    });
    return;
  }
  const existing = catalogue.get(event.data.campaignId);
  if (!existing) return;
  switch (event.type) {
    case 'StageOpened':
      catalogue.set(existing.campaignId, { ...existing, currentStageId: event.data.stageId });
      return;
    case 'StageClosed':
      if (existing.currentStageId === event.data.stageId) catalogue.set(existing.campaignId, { ...existing, currentStageId: null });
      return;
    case 'CampaignClosed':
      catalogue.set(existing.campaignId, { ...existing, status: 'closed', closedOn: event.data.closedOn });
      return;
    case 'TaskAdded':
    case 'TaskDeadlineMoved':
    case 'TaskCancelled':
      return;
    default: {
      const never: never = event;
      return never;
    }
  }
}

/**
 * Reads only what was appended since the last read (the position is the checkpoint), so the cost after the first read is the
 * new events. The first read scans the whole log: right for one office, not for a city; a durable `campaigns` read-model
 * table fed by a subscription should replace this (same fold).
 */
@Injectable()
export class CampaignCatalogue {
  private readonly catalogue = new Map<string, CampaignSummary>();
  private position: LogPosition | null = null;
  private running: Promise<void> = Promise.resolve();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async current(): Promise<Catalogue> {
    // One catch-up at a time: concurrent readers wait for the same pass instead of folding the same events twice.
    this.running = this.running.then(
      () => this.catchUp(),
      () => this.catchUp(),
    );
    await this.running;
    return this.catalogue;
  }

  private async catchUp(): Promise<void> {
    const pageSize = 1000;
    for (;;) {
      const page: RecordedEvent[] = await this.store.readAll({ from: this.position, maxCount: pageSize });
      for (const event of page) {
        if (event.streamId.startsWith(CAMPAIGN_PREFIX)) foldCatalogue(this.catalogue, { type: event.type, data: event.data } as CampaignEvent);
        this.position = event.logPosition;
      }
      if (page.length < pageSize) return;
    }
  }
}
