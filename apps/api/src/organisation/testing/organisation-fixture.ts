// Given-state for the organisation use-case specs: unit U1 of seed-office (division D1; branch B1 with M1 leader, M2, and
// M3 exempt since 2009-03-01; branch B2 with M4) in an in-memory store, with the organisation writer and the handlers a
// spec names. Today is 2009-04-01 in the office.
import type { Provider, Type } from '@nestjs/common';
import { organisationDecider, organisationStream, type OrganisationCommand } from '@campaign-ledger/domain';
import { seedOffice } from '@api/branch-work/testing/seed-office';
import { actorOf, type Principal } from '@api/auth/principal';
import { AggregateStore } from '@api/infrastructure/event-sourcing/aggregate-store';
import { routeOf } from '@api/testing/route-access';
import { principalOf, startUseCases, type UseCaseHarness } from '@api/testing/use-case-harness';
import { OrganisationWriter, type WrittenBy } from '../shared/organisation.writer';

export const TODAY = '2009-04-01';
/** U1's revision as seeded: registered, one division, two branches, four members joined, one exempted. */
export const SEEDED_REVISION = 8;

export const ADMIN = principalOf('administrator');
export const ROOT = principalOf('administrator', { unitId: null });
export const OTHER_UNIT_ADMIN = principalOf('administrator', { unitId: 'U2' });

/** Who asks for an organisation change, as the controllers pass it on: the unit's administrator unless named. */
export const writtenBy = (options: { reason?: string; expectedRevision?: number; principal?: Principal } = {}): WrittenBy => ({
  actor: actorOf(options.principal ?? ADMIN),
  reason: options.reason,
  expectedRevision: options.expectedRevision,
});

export interface OrganisationFixture extends UseCaseHarness {
  /** Runs commands on U1 (or another unit) as its administrator; what a spec then checks starts after them. */
  given(commands: readonly OrganisationCommand[], unitId?: string): Promise<void>;
  /** The unit stream's revision as stored (-1 when it does not exist). */
  revision(unitId?: string): Promise<number>;
}

/** The organisation context with the handlers named, over the seeded unit U1. */
export async function organisationFixture(handlers: readonly Provider[]): Promise<OrganisationFixture> {
  const harness = await startUseCases([OrganisationWriter, ...handlers]);
  await seedOffice(harness.store);
  await harness.mark();
  return {
    ...harness,
    async given(commands, unitId = 'U1') {
      for (const command of commands) await harness.get(OrganisationWriter).execute(unitId, command, writtenBy());
      await harness.mark();
    },
    async revision(unitId = 'U1') {
      return (await harness.get(AggregateStore).load(organisationStream(unitId), organisationDecider)).revision;
    },
  };
}

/**
 * The route of an organisation change: administrators only (roles), and only of the unit in its path — another unit's
 * administrator is told the unit is not registered, an installation administrator may act on any unit.
 */
export async function expectUnitAdministratorsOnly<T>(
  fx: UseCaseHarness,
  controller: Type<T>,
  method: keyof T & string,
  params: Record<string, string> = {},
): Promise<void> {
  const route = routeOf(controller, method);
  expect(route.roles).toEqual(['administrator']);
  await expect(route.scopeCheck(fx.store, OTHER_UNIT_ADMIN, { unitId: 'U1', ...params })).rejects.toMatchObject({
    code: 'UNIT.NOT_REGISTERED',
    kind: 'not_found',
  });
  await expect(route.scopeCheck(fx.store, ROOT, { unitId: 'U1', ...params })).resolves.toBeUndefined();
}
