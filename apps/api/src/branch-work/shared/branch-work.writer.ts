// Runs one branch-work command: who may write, the plan and the roster on the command's date, then decide and append.
import { Inject, Injectable } from '@nestjs/common';
import {
  branchWorkDecider,
  branchWorkStream,
  campaignDecider,
  campaignStream,
  MemberNotFound,
  organisationDecider,
  organisationStream,
  memberOfInstanceKey,
  rosterOn,
  type BranchWorkCommand,
  type BranchWorkContext,
  type BranchWorkEvent,
  type BranchWorkState,
  type CampaignState,
  type IsoDate,
  type OrganisationState,
  type Roster,
} from '@campaign-ledger/domain';
import type { Clock, StreamCondition } from '@campaign-ledger/event-store';
import { assertCanWriteBranchWork } from '@api/auth/access-policy';
import { actorOf, type Principal } from '@api/auth/principal';
import { AggregateStore, type Loaded } from '@api/infrastructure/event-sourcing/aggregate-store';
import { CLOCK } from '@api/infrastructure/tokens';
import { officeToday } from '@api/infrastructure/office-today';

export interface WriteOptions {
  /** The command's own date: the roster is taken on it. */
  readonly asOf: IsoDate;
  /** Members the command names: one missing from the unit's roll is "not found", not "not in this branch". */
  readonly memberIds?: readonly string[];
  readonly idempotencyKey?: string;
  /** Why, as the user said it (kept in the event metadata for the auditor). */
  readonly reason?: string;
  /** Runs once the command is accepted, before its events are appended (see HandleOptions.beforeAppend). */
  readonly beforeAppend?: () => Promise<void>;
}

interface FirstLook {
  readonly work: Loaded<BranchWorkState>;
  readonly plan: Loaded<CampaignState> | null;
  readonly organisation: Loaded<OrganisationState> | null;
  /** True when taken from memory without a read. */
  readonly optimistic: boolean;
}

export interface WriteOutcome {
  readonly streamId: string;
  /** The stream's revision after the command. */
  readonly revision: number;
  /** True when the command repeated one already recorded: nothing was written. */
  readonly alreadyDone: boolean;
  readonly events: readonly BranchWorkEvent[];
}

/** Member ids an instance key names (`T07:member:M42` → M42). */
export function membersOfInstanceKey(instanceKey: string | null | undefined): string[] {
  const memberId = instanceKey ? memberOfInstanceKey(instanceKey) : null;
  return memberId === null ? [] : [memberId];
}

@Injectable()
export class BranchWorkWriter {
  constructor(
    private readonly aggregates: AggregateStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  today(): IsoDate {
    return officeToday(this.clock);
  }

  async write(principal: Principal, command: BranchWorkCommand, options: WriteOptions): Promise<WriteOutcome> {
    const { campaignId, branchId } = command.data;
    // The one place branch work is authorised: before anything is read or decided on the caller's behalf.
    assertCanWriteBranchWork(principal, branchId);
    const streamId = branchWorkStream(campaignId, branchId);
    const memberIds = options.memberIds ?? [];
    // The decision rests on three streams: the branch's own work, the plan and the unit's roster. The append is made
    // conditional on the plan and the roster still being at the revisions the decision saw, so a deadline moved or a
    // member transferred a moment earlier (by any process) sends the command round again on fresh copies.
    let basis: StreamCondition[] = [];
    const onBasis = (plan: Loaded<CampaignState>, organisation: Loaded<OrganisationState> | null) => {
      basis = [{ streamId: campaignStream(campaignId), revision: plan.revision }];
      if (organisation && plan.state.status !== 'not_planned') basis.push({ streamId: organisationStream(plan.state.unitId), revision: organisation.revision });
    };
    const first = this.fromMemory(streamId, campaignId) ?? (await this.readTogether(streamId, campaignId));
    const result = await this.aggregates.handle(
      streamId,
      branchWorkDecider,
      command,
      (attempt) => {
        if (attempt === 1 && first.plan && first.organisation) {
          onBasis(first.plan, first.organisation);
          return this.contextFrom(first.plan.state, first.organisation.state, branchId, options.asOf, memberIds);
        }
        return this.context(campaignId, branchId, options.asOf, memberIds, onBasis);
      },
      {
        metadata: { actor: actorOf(principal), ...(options.reason ? { reason: options.reason } : {}) },
        idempotencyKey: options.idempotencyKey,
        beforeAppend: options.beforeAppend,
        preloaded: first.work,
        optimistic: first.optimistic,
        conditions: () => basis,
      },
    );
    return {
      streamId,
      revision: result.revision,
      alreadyDone: result.events.length === 0 || result.append?.replayed === true,
      events: result.events,
    };
  }

  /** The three streams as this process last folded them, without a read; null unless it holds all three. */
  private fromMemory(streamId: string, campaignId: string): FirstLook | null {
    const plan = this.aggregates.peek(campaignStream(campaignId), campaignDecider);
    if (!plan || plan.state.status === 'not_planned') return null;
    const organisation = this.aggregates.peek(organisationStream(plan.state.unitId), organisationDecider);
    const work = this.aggregates.peek(streamId, branchWorkDecider);
    return organisation && work ? { work, plan, organisation, optimistic: true } : null;
  }

  /** The branch's stream, the plan and the roster in one read (the roster only when the plan's unit is known here). */
  private async readTogether(streamId: string, campaignId: string): Promise<FirstLook> {
    const planStream = campaignStream(campaignId);
    const knownPlan = this.aggregates.peek(planStream, campaignDecider)?.state;
    const knownUnit = knownPlan && knownPlan.status !== 'not_planned' ? knownPlan.unitId : null;
    const [work, plan, organisation] = (await this.aggregates.loadMany([
      { streamId, decider: branchWorkDecider },
      { streamId: planStream, decider: campaignDecider },
      ...(knownUnit ? [{ streamId: organisationStream(knownUnit), decider: organisationDecider }] : []),
    ])) as [Loaded<BranchWorkState>, Loaded<CampaignState>, Loaded<OrganisationState> | undefined];
    const sameUnit = organisation && plan.state.status !== 'not_planned' && plan.state.unitId === knownUnit;
    return { work, plan, organisation: sameUnit ? organisation : null, optimistic: false };
  }

  private async context(
    campaignId: string,
    branchId: string,
    asOf: IsoDate,
    memberIds: readonly string[],
    onBasis: (plan: Loaded<CampaignState>, organisation: Loaded<OrganisationState> | null) => void,
  ): Promise<BranchWorkContext> {
    const plan = await this.aggregates.load(campaignStream(campaignId), campaignDecider);
    // An unplanned campaign is refused by the decider itself (CAMPAIGN.NOT_FOUND); it has no unit to take a roster from.
    if (plan.state.status === 'not_planned') {
      onBasis(plan, null);
      return { plan: plan.state, roster: { branchId, asOf, members: [], divisions: [] } };
    }
    const organisation = await this.aggregates.load(organisationStream(plan.state.unitId), organisationDecider);
    onBasis(plan, organisation);
    return this.contextFrom(plan.state, organisation.state, branchId, asOf, memberIds);
  }

  private contextFrom(plan: CampaignState, organisation: OrganisationState, branchId: string, asOf: IsoDate, memberIds: readonly string[]): BranchWorkContext {
    if (plan.status === 'not_planned') return { plan, roster: { branchId, asOf, members: [], divisions: [] } };
    if (organisation.status === 'registered') {
      for (const memberId of memberIds) if (!organisation.members[memberId]) throw MemberNotFound.withId(memberId);
    }
    return { plan, roster: this.rosterOf(organisation, branchId, asOf) };
  }

  // A roster depends only on the (immutable) organisation state, the branch and the date: compute it once.
  private readonly rosters = new WeakMap<object, Map<string, Roster>>();

  private rosterOf(organisation: OrganisationState, branchId: string, asOf: IsoDate): Roster {
    let byKey = this.rosters.get(organisation);
    if (!byKey) this.rosters.set(organisation, (byKey = new Map()));
    const key = `${branchId}\u0000${asOf}`;
    let roster = byKey.get(key);
    if (!roster) {
      roster = rosterOn(organisation, branchId, asOf);
      byKey.set(key, roster);
      if (byKey.size > 10_000) byKey.delete(byKey.keys().next().value as string);
    }
    return roster;
  }
}
