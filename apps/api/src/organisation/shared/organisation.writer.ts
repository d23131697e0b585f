// Runs one organisation command on the unit's stream through the aggregate store, recording who did it and why.
import { Injectable } from '@nestjs/common';
import { organisationDecider, organisationStream, type OrganisationCommand, type OrganisationEvent } from '@campaign-ledger/domain';
import { ConcurrencyError, type Actor } from '@campaign-ledger/event-store';
import { AggregateStore } from '@api/infrastructure/event-sourcing/aggregate-store';
import { UnitChangedSince } from './organisation.api-errors';

/** Who asks for a change, why, and (If-Match) at which revision they saw the unit. */
export interface WrittenBy {
  readonly actor: Actor;
  readonly reason?: string | null;
  readonly expectedRevision?: number;
}

export interface OrganisationWriteResult {
  readonly unitId: string;
  /** Revision of the organisation stream after the command (unchanged when nothing was recorded). */
  readonly revision: number;
  /** The facts recorded; empty when the command changed nothing (e.g. renaming to the same name). */
  readonly events: OrganisationEvent[];
}

@Injectable()
export class OrganisationWriter {
  constructor(private readonly aggregates: AggregateStore) {}

  async execute(unitId: string, command: OrganisationCommand, by: WrittenBy): Promise<OrganisationWriteResult> {
    const reason = by.reason?.trim();
    try {
      const result = await this.aggregates.handle(organisationStream(unitId), organisationDecider, command, () => undefined, {
        metadata: { actor: by.actor, ...(reason ? { reason } : {}) },
        expectedRevision: by.expectedRevision,
      });
      return { unitId, revision: result.revision, events: result.events };
    } catch (error) {
      if (error instanceof ConcurrencyError && by.expectedRevision !== undefined) {
        throw UnitChangedSince.revision(unitId, by.expectedRevision, String(error.actual));
      }
      throw error;
    }
  }
}
