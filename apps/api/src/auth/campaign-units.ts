// Which unit a campaign belongs to: named by its first event (CampaignPlanned) and never changed after, so it is read
// once per campaign and kept.
import { Inject, Injectable } from '@nestjs/common';
import { campaignStream } from '@campaign-ledger/domain';
import type { EventStore } from '@campaign-ledger/event-store';
import { EVENT_STORE } from '../infrastructure/tokens';

const KEPT = 50_000;

@Injectable()
export class CampaignUnits {
  private readonly units = new Map<string, string>();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** The campaign's unit; null when it was never planned (or its id cannot name a stream). */
  async unitOf(campaignId: string): Promise<string | null> {
    const known = this.units.get(campaignId);
    if (known !== undefined) return known;
    let streamId: string;
    try {
      streamId = campaignStream(campaignId);
    } catch {
      return null;
    }
    const [first] = await this.store.readStream(streamId, { maxCount: 1 });
    const unitId = (first?.data as { unitId?: unknown } | undefined)?.unitId;
    if (typeof unitId !== 'string') return null;
    if (this.units.size >= KEPT) this.units.delete(this.units.keys().next().value as string);
    this.units.set(campaignId, unitId);
    return unitId;
  }
}
