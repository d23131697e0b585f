// Which unit each event of the log belongs to, learnt while reading the log in order: an organisation stream names its
// unit, a campaign's first event (CampaignPlanned) names it and its branches' work follows it, an account's events and
// the record of what an auditor read follow the account's unit. Used to keep an auditor, a leading group or a unit
// administrator to their own unit in history, verification and digests over the whole log.
import { parseBranchWorkStream, StreamCategories } from '@campaign-ledger/domain';
import type { RecordedEvent } from '@campaign-ledger/event-store';
import { AUDITOR_READS_STREAM_PREFIX } from './auditor-reads';
import type { LogScope } from './verify-log';

const ORGANISATION = `${StreamCategories.organisation}-`;
const CAMPAIGN = `${StreamCategories.campaign}-`;
const BRANCH_WORK = `${StreamCategories.branchWork}-`;
const ACCOUNTS_STREAM = 'accounts';
const UNIT_INDEX_STREAM = 'unit-index';

type Data = Record<string, unknown> | null;

/** Learns unit memberships from events in log order and answers the unit of each (null: the installation's own). */
export class UnitClassifier {
  private readonly campaignUnits = new Map<string, string>();
  private readonly accountUnits = new Map<string, string | null>();

  unitOf(event: Pick<RecordedEvent, 'streamId' | 'type' | 'data'>): string | null {
    const { streamId } = event;
    const data = (event.data && typeof event.data === 'object' ? event.data : null) as Data;
    if (streamId.startsWith(ORGANISATION)) return streamId.slice(ORGANISATION.length);
    if (streamId.startsWith(CAMPAIGN)) {
      const campaignId = streamId.slice(CAMPAIGN.length);
      if (event.type === 'CampaignPlanned' && typeof data?.unitId === 'string') this.campaignUnits.set(campaignId, data.unitId);
      return this.campaignUnits.get(campaignId) ?? null;
    }
    if (streamId.startsWith(BRANCH_WORK)) {
      const work = parseBranchWorkStream(streamId);
      return work ? (this.campaignUnits.get(work.campaignId) ?? null) : null;
    }
    if (streamId === ACCOUNTS_STREAM) {
      const accountId = typeof data?.accountId === 'string' ? data.accountId : null;
      if (accountId === null) return null;
      if ((event.type === 'AccountCreated' || event.type === 'AccountRoleChanged') && data && 'unitId' in data) {
        this.accountUnits.set(accountId, typeof data.unitId === 'string' ? data.unitId : null);
      }
      return this.accountUnits.get(accountId) ?? null;
    }
    if (streamId.startsWith(AUDITOR_READS_STREAM_PREFIX)) return this.accountUnits.get(streamId.slice(AUDITOR_READS_STREAM_PREFIX.length)) ?? null;
    if (streamId === UNIT_INDEX_STREAM) return typeof data?.unitId === 'string' ? data.unitId : null;
    return null;
  }
}

/** Streams that hold events of every unit (one event each): the accounts and the unit registry. */
export const SHARED_STREAMS: ReadonlySet<string> = new Set([ACCOUNTS_STREAM, UNIT_INDEX_STREAM]);

/**
 * The events of one unit: its organisation, campaigns, branches' work, accounts and their auditors' reads. Chain
 * checks also link the other units' events of the streams every unit shares (a chain cannot be checked with links left
 * out), without counting, digesting or naming them: the unit's proofs change with its own events only.
 */
export function unitScope(unitId: string): LogScope {
  const classifier = new UnitClassifier();
  return {
    label: `unit.${unitId}`,
    includes: (event) => classifier.unitOf(event) === unitId,
    links: (event) => SHARED_STREAMS.has(event.streamId),
  };
}

/** Nothing at all: what an account that belongs to no unit may read of a unit's log. */
export const emptyScope: LogScope = { label: 'none', includes: () => false };
