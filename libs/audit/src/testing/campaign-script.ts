// Test script: a campaign's life written through the domain's own deciders, each step at a chosen time on a settable clock,
// so specs can ask for the state at any moment between steps.
import {
  branchWorkDecider,
  branchWorkStream,
  campaignDecider,
  campaignStream,
  findBuiltinTemplate,
  foldEvents,
  organisationDecider,
  organisationStream,
  rosterOn,
  type BranchWorkCommand,
  type CampaignCommand,
  type IsoDate,
  type OrganisationCommand,
} from '@campaign-ledger/domain';
import { InMemoryEventStore, type Actor, type Clock, type EventStore } from '@campaign-ledger/event-store';

export const SCRIPT_UNIT = 'U1';
export const SCRIPT_CAMPAIGN = 'C1';
export const SCRIPT_START = '2009-03-16';
export const SCRIPT_END = '2009-08-30';

export const LEADER: Actor = { id: 'acc-leader', role: 'leading_group' };
export const secretaryOf = (branchId: string): Actor => ({ id: `acc-sec-${branchId}`, role: 'secretary' });

export class SettableClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  set(instant: string): void {
    this.current = new Date(instant);
  }
}

export class CampaignScript {
  readonly clock: SettableClock;
  readonly store: EventStore;

  constructor(store?: EventStore, clock = new SettableClock(new Date('2009-03-01T00:00:00Z'))) {
    this.clock = clock;
    this.store = store ?? new InMemoryEventStore(clock);
  }

  /** Sets the clock: what is written next is recorded at this instant. */
  at(instant: string): this {
    this.clock.set(instant);
    return this;
  }

  async organisation(commands: OrganisationCommand[], unitId = SCRIPT_UNIT, actor: Actor = LEADER): Promise<void> {
    await this.write(organisationStream(unitId), organisationDecider, commands, () => undefined, actor);
  }

  async campaign(commands: CampaignCommand[], campaignId = SCRIPT_CAMPAIGN, actor: Actor = LEADER, reason?: string): Promise<void> {
    await this.write(campaignStream(campaignId), campaignDecider, commands, () => undefined, actor, reason);
  }

  /** Branch work, decided against the plan now and the branch's roster on `on`. */
  async branch(
    branchId: string,
    on: IsoDate,
    commands: BranchWorkCommand[],
    options: { campaignId?: string; unitId?: string; actor?: Actor; reason?: string } = {},
  ): Promise<void> {
    const campaignId = options.campaignId ?? SCRIPT_CAMPAIGN;
    const plan = foldEvents(campaignDecider, await this.events(campaignStream(campaignId)));
    const organisation = foldEvents(organisationDecider, await this.events(organisationStream(options.unitId ?? SCRIPT_UNIT)));
    const roster = rosterOn(organisation, branchId, on);
    await this.write(
      branchWorkStream(campaignId, branchId),
      branchWorkDecider,
      commands,
      () => ({ plan, roster }),
      options.actor ?? secretaryOf(branchId),
      options.reason,
    );
  }

  /** Unit U1 with branches B1 (M1 leader, M2, M3) and B2 (M4, M5); campaign C1 from the 2009 template, stage S1 open. */
  async office(campaignId = SCRIPT_CAMPAIGN): Promise<void> {
    await this.organisation([
      { type: 'RegisterUnit', data: { unitId: SCRIPT_UNIT, name: '市政协机关', code: 'ZX' } },
      { type: 'AddDivision', data: { divisionId: 'D1', name: '秘书处' } },
      { type: 'AddBranch', data: { branchId: 'B1', name: '机关第一支部', secretaryName: '张书记' } },
      { type: 'AddBranch', data: { branchId: 'B2', name: '机关第二支部', secretaryName: '李书记' } },
      { type: 'JoinMember', data: { memberId: 'M1', name: '王一', branchId: 'B1', isLeader: true, joinedOn: '2008-01-02' } },
      { type: 'JoinMember', data: { memberId: 'M2', name: '赵二', branchId: 'B1', joinedOn: '2008-01-02' } },
      { type: 'JoinMember', data: { memberId: 'M3', name: '孙三', branchId: 'B1', joinedOn: '2008-01-02' } },
      { type: 'JoinMember', data: { memberId: 'M4', name: '周四', branchId: 'B2', joinedOn: '2008-01-02' } },
      { type: 'JoinMember', data: { memberId: 'M5', name: '吴五', branchId: 'B2', joinedOn: '2008-01-02' } },
    ]);
    await this.plan(campaignId);
    await this.campaign([{ type: 'OpenStage', data: { stageId: 'S1', on: SCRIPT_START, by: 'office' } }], campaignId);
  }

  /** A campaign of unit U1 from the 2009 template. */
  async plan(campaignId: string, name = '深入学习实践科学发展观活动'): Promise<void> {
    const template = findBuiltinTemplate('sdp-2009')?.load();
    if (!template) throw new Error('the built-in sdp-2009 template is missing');
    await this.campaign(
      [{ type: 'PlanCampaign', data: { campaignId, name, unitId: SCRIPT_UNIT, template, startDate: SCRIPT_START, endDate: SCRIPT_END, createdBy: 'office' } }],
      campaignId,
    );
  }

  private async events(streamId: string): Promise<never[]> {
    return (await this.store.readStream(streamId)).map(({ type, data }) => ({ type, data }) as never);
  }

  private async write<C, S, E extends { type: string; data: unknown }, X>(
    streamId: string,
    decider: { decide(command: C, state: S, context: X): E[]; evolve(state: S, event: E): S; initialState(): S },
    commands: C[],
    context: (state: S) => X,
    actor: Actor,
    reason?: string,
  ): Promise<void> {
    const stored = (await this.store.readStream(streamId)).map(({ type, data }) => ({ type, data }) as E);
    let state = foldEvents(decider, stored);
    const events: E[] = [];
    for (const command of commands) {
      for (const event of decider.decide(command, state, context(state))) {
        state = decider.evolve(state, event);
        events.push(event);
      }
    }
    if (events.length === 0) return;
    await this.store.append(streamId, events, {
      expectedRevision: stored.length === 0 ? 'no_stream' : stored.length - 1,
      metadata: { actor, occurredAt: this.clock.now().toISOString(), ...(reason ? { reason } : {}) },
    });
  }
}
