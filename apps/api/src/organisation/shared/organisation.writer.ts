// Runs one organisation command on the unit's stream through the aggregate store, recording who did it and why, and
// what a stale If-Match is called for a unit.
import { Injectable } from '@nestjs/common';
import type { OrganisationWriteResult } from '@campaign-ledger/api-contract';
import { organisationDecider, organisationStream, UnitNotRegistered, type OrganisationCommand } from '@campaign-ledger/domain';
import type { Actor } from '@campaign-ledger/event-store';
import { AggregateStore } from '@api/infrastructure/event-sourcing/aggregate-store';
import { UnitChangedSince } from './organisation.api-errors';

/** Who asks for a change, why, and (If-Match) at which revision they saw the unit. */
export interface WrittenBy {
  readonly actor: Actor;
  readonly reason?: string | null;
  readonly expectedRevision?: number;
}

/** The answer of every organisation write: the contract's. */
export type { OrganisationWriteResult };

@Injectable()
export class OrganisationWriter {
  constructor(private readonly aggregates: AggregateStore) {}

  async execute(unitId: string, command: OrganisationCommand, by: WrittenBy): Promise<OrganisationWriteResult> {
    const reason = by.reason?.trim();
    const { expectedRevision } = by;
    const result = await this.aggregates.handle(organisationStream(unitId), organisationDecider, command, () => undefined, {
      metadata: { actor: by.actor, ...(reason ? { reason } : {}) },
      expectedRevision,
      staleRevision: (actual) =>
        actual === 'no_stream' || expectedRevision === undefined ? UnitNotRegistered.yet() : UnitChangedSince.revision(unitId, expectedRevision, actual),
    });
    return { unitId, revision: result.revision, events: result.events };
  }
}
