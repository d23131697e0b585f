// The events the read models fold: what the organisation, campaign and branch-work streams record.
import type { BranchWorkEvent, CampaignEvent, OrganisationEvent } from '@campaign-ledger/domain';

export type ProjectedEvent = OrganisationEvent | CampaignEvent | BranchWorkEvent;
