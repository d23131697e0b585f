// The state of a campaign as of any moment: the log up to then, folded by the live projection's own fold and read by
// the live endpoints' own queries, so the figures are the ones the read models showed at that moment.
import type { StateAsOf } from '@campaign-ledger/api-contract';
import { campaignStream, parseBranchWorkStream, StreamCategories } from '@campaign-ledger/domain';
import { formatPosition, type EventStore, type LogPosition, type RecordedEvent } from '@campaign-ledger/event-store';
import {
  CampaignNotProjected,
  campaignOverview,
  MemoryRows,
  overdueInstances,
  participationOverTime,
  projectEvents,
  rankBranches,
  snapshotSource,
  type ReadModelSource,
} from '@campaign-ledger/projections';
import { CampaignNotInLogError, CampaignNotYetPlannedError } from './errors';
import { parseMoment } from './moment';
import { readLog } from './read-log';
import type { ProgressListener } from './verify-log';

export interface ReplayProgress {
  /** Events read from the log so far. */
  readonly events: number;
  /** Events in the whole log, when the caller knows (see `ReplayOptions.total`). */
  readonly total: number | null;
}

export interface ReplayOptions {
  /** Fold only what shapes this campaign's figures: the organisations, its plan and its branches' work. */
  readonly campaignId?: string;
  readonly pageSize?: number;
  /** Number of events in the log, only for progress display. */
  readonly total?: number | null;
}

export interface ReplayedLog {
  /** The read model as the projection had it after the last event included. */
  readonly source: ReadModelSource;
  /** Last log position included; null when nothing was recorded by then. */
  readonly position: LogPosition | null;
  /** Events read from the log up to the moment. */
  readonly eventsRead: number;
  /** Of those, the events folded into the read model. */
  readonly eventsReplayed: number;
}

/**
 * Folds the log, in log order, up to the first event recorded after `until` (that event and all after it are left out).
 * The result is always a prefix of the log, so it is a state the live projection itself passed through.
 */
export async function replayLog(
  store: EventStore,
  until: Date,
  onProgress?: ProgressListener<ReplayProgress>,
  options: ReplayOptions = {},
): Promise<ReplayedLog> {
  const cutoff = until.getTime();
  const shapes = options.campaignId === undefined ? () => true : shapesCampaign(options.campaignId);
  const total = options.total ?? null;
  const rows = new MemoryRows();
  let position: LogPosition | null = null;
  let eventsRead = 0;
  let eventsReplayed = 0;
  for await (const page of readLog(store, { pageSize: options.pageSize })) {
    const cut = page.findIndex((event) => event.recordedAt.getTime() > cutoff);
    const within = cut < 0 ? page : page.slice(0, cut);
    if (within.length > 0) {
      eventsReplayed += projectEvents(rows, within.filter(shapes));
      eventsRead += within.length;
      position = within[within.length - 1].logPosition;
      onProgress?.({ events: eventsRead, total });
    }
    if (cut >= 0) break;
  }
  return { source: snapshotSource({ rows }), position, eventsRead, eventsReplayed };
}

/** The streams whose events can change a campaign's rows: every organisation, the campaign's plan, its branches' work. */
function shapesCampaign(campaignId: string): (event: RecordedEvent) => boolean {
  const plan = campaignStream(campaignId);
  const organisations = `${StreamCategories.organisation}-`;
  return (event) => event.streamId === plan || event.streamId.startsWith(organisations) || parseBranchWorkStream(event.streamId)?.campaignId === campaignId;
}

// A campaign as of a moment is the API's answer (GET /api/campaigns/:id/as-of): declared once, in the contract.
export type { StateAsOf };

export interface StateAsOfOptions extends Omit<ReplayOptions, 'campaignId'> {
  readonly amberWithinDays?: number;
}

/**
 * Progress, participation, overdue work and ranking of a campaign as they stood at `moment` (an ISO instant, or an office
 * day meaning its end), evaluated on the office day of that moment.
 */
export async function stateAsOf(
  store: EventStore,
  campaignId: string,
  moment: string | Date,
  onProgress?: ProgressListener<ReplayProgress>,
  options: StateAsOfOptions = {},
): Promise<StateAsOf> {
  const { at, officeDate } = parseMoment(moment);
  const planned = await plannedAt(store, campaignId);
  if (planned.getTime() > at.getTime()) throw CampaignNotYetPlannedError.at(campaignId, at.toISOString(), planned.toISOString());
  const replayed = await replayLog(store, at, onProgress, { ...options, campaignId });
  const query = { asOf: officeDate, amberWithinDays: options.amberWithinDays };
  try {
    const [overview, weekly, overdue, ranking] = await Promise.all([
      campaignOverview(replayed.source, campaignId, query),
      participationOverTime(replayed.source, campaignId),
      overdueInstances(replayed.source, campaignId, query),
      rankBranches(replayed.source, campaignId, 'completion'),
    ]);
    return {
      campaignId,
      at: at.toISOString(),
      officeDate,
      position: replayed.position && formatPosition(replayed.position),
      eventsRead: replayed.eventsRead,
      eventsReplayed: replayed.eventsReplayed,
      overview,
      participation: { overall: overview.participation, weekly },
      overdue,
      ranking,
    };
  } catch (error) {
    // Recorded before the moment but written after a later-recorded event: not in the prefix of the log.
    if (error instanceof CampaignNotProjected) throw CampaignNotYetPlannedError.at(campaignId, at.toISOString(), planned.toISOString());
    throw error;
  }
}

/** When the campaign's first event was recorded; a campaign with no stream is not in the log at all. */
async function plannedAt(store: EventStore, campaignId: string): Promise<Date> {
  const [first] = await store.readStream(campaignStream(campaignId), { maxCount: 1 });
  if (!first) throw CampaignNotInLogError.withId(campaignId);
  return first.recordedAt;
}
