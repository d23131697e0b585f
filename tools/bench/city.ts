// A city-scale ledger for the projections benchmark: units, branches and members, the built-in 2009 plan in every unit,
// and each branch's work week by week (study sessions with attendance, make-ups, three ones, completions, reopens), all
// decided by the real domain deciders and appended through the event store in large batches.
import {
  addDays,
  branchWorkDecider,
  branchWorkStream,
  campaignDecider,
  campaignStream,
  expandInstances,
  findBuiltinTemplate,
  mondayOf,
  organisationDecider,
  organisationStream,
  rosterOn,
  UNIT_LEVEL_BRANCH_ID,
  weekMonday,
  weekSunday,
  type BranchWorkCommand,
  type BranchWorkEvent,
  type BranchWorkState,
  type CampaignCommand,
  type CampaignEvent,
  type CampaignState,
  type IsoDate,
  type OrganisationCommand,
  type OrganisationEvent,
  type OrganisationState,
  type PlannedCampaign,
  type Roster,
  type TaskInstance,
  type UnfinishedInstance,
} from '@campaign-ledger/domain';
import type { EventStore, MetadataInput, NewEvent } from '@campaign-ledger/event-store';

export interface CitySize {
  readonly units: number;
  readonly branches: number;
  readonly members: number;
  /** Generation stops after the first campaign week that brings the log to at least this many events. */
  readonly eventsTarget: number;
  readonly seed: number;
}

export interface GenerateOptions {
  readonly store: EventStore;
  /** Appends in flight at once (each to its own stream). */
  readonly concurrency: number;
  /** A branch's decided events are appended once this many are waiting (and at every stage transition). */
  readonly batchEvents: number;
  /** Office "today": the campaign started CAMPAIGN_WEEKS_BEFORE_TODAY weeks before its Monday. */
  readonly today: IsoDate;
  readonly onProgress?: (progress: GenerateProgress) => void;
}

export interface GenerateProgress {
  readonly week: number;
  readonly decided: number;
  readonly appended: number;
  readonly appends: number;
}

export interface CityBranch {
  readonly unit: CityUnit;
  readonly branchId: string;
  readonly streamId: string;
  readonly memberIds: readonly string[];
  state: BranchWorkState;
  /** Revision of the last event handed to the store (appends of one stream are chained). */
  revision: number;
  pending: BranchWorkEvent[];
  chain: Promise<void>;
  /** Which weekday (0 = Monday) this branch does its week's work on. */
  readonly workday: number;
  readonly threeOnesWeeks: Map<string, { reading: number; talk: number; essay: number }>;
}

export interface CityUnit {
  readonly index: number;
  readonly unitId: string;
  readonly campaignId: string;
  org: OrganisationState;
  orgRevision: number;
  plan: PlannedCampaign;
  campaignRevision: number;
  readonly branches: CityBranch[];
  readonly office: CityBranch;
}

export interface City {
  readonly units: CityUnit[];
  /** Real branches (not the unit-level office streams). */
  readonly branches: CityBranch[];
  readonly startDate: IsoDate;
  readonly endDate: IsoDate;
  readonly weeks: number;
  readonly events: number;
  readonly appends: number;
  readonly counts: Record<string, number>;
}

/** The campaign started this many weeks before the current week: generated work fills weeks 1..n, today is part-way. */
export const CAMPAIGN_WEEKS_BEFORE_TODAY = 14;
const CAMPAIGN_WEEKS = 24;
const LEADERS_PER_UNIT = 5;
const DIVISIONS_PER_UNIT = 3;

const pad = (n: number, width: number) => String(n).padStart(width, '0');
export const unitIdOf = (u: number) => `U${pad(u + 1, 3)}`;
export const branchIdOf = (b: number) => `B${pad(b + 1, 5)}`;
export const memberIdOf = (m: number) => `M${pad(m + 1, 6)}`;
export const campaignIdOf = (u: number) => `sdp2009-${unitIdOf(u)}`;

/** mulberry32: a small seeded generator, so that two runs with one seed generate the same ledger. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const hex64 = (random: () => number) => {
  let out = '';
  while (out.length < 64)
    out += Math.floor(random() * 0x100000000)
      .toString(16)
      .padStart(8, '0');
  return out.slice(0, 64);
};

/**
 * `evolveOrganisation` copies the unit's whole `members` / `branches` maps on every event (O(members) per event, so a
 * 100,000-member unit takes hours to fold). The generator gives it a state whose maps hold only the entry the event
 * touches and merges the result back: the same state, in O(1) per event.
 */
function evolveOrganisationInPlace(state: OrganisationState, event: OrganisationEvent): OrganisationState {
  if (state.status !== 'registered') return organisationDecider.evolve(state, event);
  const data = event.data as { divisionId?: string; branchId?: string; memberId?: string };
  const pick = <T>(map: Readonly<Record<string, T>>, key: string | undefined): Record<string, T> =>
    key !== undefined && map[key] !== undefined ? { [key]: map[key] } : {};
  const scratch = {
    ...state,
    divisions: pick(state.divisions, data.divisionId),
    branches: pick(state.branches, data.branchId),
    members: pick(state.members, data.memberId),
  };
  const next = organisationDecider.evolve(scratch, event);
  if (next.status !== 'registered') return next;
  Object.assign(state.divisions as Record<string, unknown>, next.divisions);
  Object.assign(state.branches as Record<string, unknown>, next.branches);
  Object.assign(state.members as Record<string, unknown>, next.members);
  return state;
}

const SYSTEM: MetadataInput = { actor: { id: 'bench-generator', role: 'system' } };

/** Generates the city and appends it; resolves when every event is stored. */
export async function generateCity(size: CitySize, options: GenerateOptions): Promise<City> {
  const random = seededRandom(size.seed);
  const { store } = options;
  const startDate = addDays(mondayOf(options.today), -7 * CAMPAIGN_WEEKS_BEFORE_TODAY);
  const endDate = addDays(startDate, 7 * CAMPAIGN_WEEKS - 1);
  const template = findBuiltinTemplate('sdp-2009');
  if (!template) throw new Error('the built-in sdp-2009 template is missing');
  const counts: Record<string, number> = {};
  let decided = 0;
  let appended = 0;
  let appends = 0;
  let week = 0;
  const count = (events: readonly { type: string }[]) => {
    for (const e of events) counts[e.type] = (counts[e.type] ?? 0) + 1;
    decided += events.length;
  };

  // Appends: a semaphore over the store, chained per stream so that each append knows its expected revision.
  let inFlight = 0;
  const waiting: (() => void)[] = [];
  const acquire = async () => {
    while (inFlight >= options.concurrency) await new Promise<void>((resolve) => waiting.push(resolve));
    inFlight += 1;
  };
  const release = () => {
    inFlight -= 1;
    waiting.shift()?.();
    if (waiting.length <= options.concurrency * 2) for (const resolve of drained.splice(0)) resolve();
  };
  // Deciding is as fast as appending: the generator waits for the queue to drain now and then.
  const drained: (() => void)[] = [];
  const backpressure = async () => {
    if (waiting.length > options.concurrency * 4) await new Promise<void>((resolve) => drained.push(resolve));
    await new Promise<void>((resolve) => setImmediate(resolve));
  };
  let failure: unknown = null;
  const appendChunked = async (streamId: string, events: readonly NewEvent[], firstRevision: number, metadata: MetadataInput) => {
    for (let i = 0; i < events.length; i += 2_000) {
      const chunk = events.slice(i, i + 2_000);
      const expected = firstRevision + i - 1;
      await acquire();
      try {
        await store.append(streamId, chunk, { expectedRevision: expected < 0 ? 'no_stream' : expected, metadata });
      } finally {
        release();
      }
      appended += chunk.length;
      appends += 1;
      options.onProgress?.({ week, decided, appended, appends });
    }
  };
  const flush = (branch: CityBranch) => {
    if (branch.pending.length === 0) return;
    const events = branch.pending;
    branch.pending = [];
    const first = branch.revision + 1;
    branch.revision += events.length;
    const metadata: MetadataInput = { actor: { id: `sec-${branch.branchId}`, role: branch.branchId === UNIT_LEVEL_BRANCH_ID ? 'leading_group' : 'secretary' } };
    branch.chain = branch.chain
      .then(() => appendChunked(branch.streamId, events, first, metadata))
      .catch((error: unknown) => {
        failure ??= error;
      });
  };
  const settle = async (all: CityBranch[]) => {
    await Promise.all(all.map((b) => b.chain));
    if (failure) throw failure;
  };

  // ---- Organisation: units, divisions, branches, members (each unit its own stream).
  const units: CityUnit[] = [];
  const branches: CityBranch[] = [];
  const branchUnit = (b: number) => Math.floor((b * size.units) / size.branches);
  const membersOf = new Map<number, string[]>();
  for (let m = 0; m < size.members; m += 1) {
    const b = m % size.branches;
    const list = membersOf.get(b) ?? [];
    list.push(memberIdOf(m));
    membersOf.set(b, list);
  }
  const joinedOn = addDays(startDate, -365);
  const unitOrgEvents: OrganisationEvent[][] = [];
  for (let u = 0; u < size.units; u += 1) {
    const unitId = unitIdOf(u);
    let org = organisationDecider.initialState();
    const events: OrganisationEvent[] = [];
    const run = (command: OrganisationCommand) => {
      for (const event of organisationDecider.decide(command, org)) {
        org = evolveOrganisationInPlace(org, event);
        events.push(event);
      }
    };
    run({ type: 'RegisterUnit', data: { unitId, name: `第${u + 1}单位`, code: unitId } });
    for (let d = 0; d < DIVISIONS_PER_UNIT; d += 1) run({ type: 'AddDivision', data: { divisionId: `D${d + 1}`, name: `第${d + 1}处室` } });
    const unit: CityUnit = {
      index: u,
      unitId,
      campaignId: campaignIdOf(u),
      org,
      orgRevision: -1,
      plan: undefined as unknown as PlannedCampaign,
      campaignRevision: -1,
      branches: [],
      office: undefined as unknown as CityBranch,
    };
    units.push(unit);
    unitOrgEvents.push(events);
    let leaders = 0;
    for (let b = 0; b < size.branches; b += 1) {
      if (branchUnit(b) !== u) continue;
      const branchId = branchIdOf(b);
      run({ type: 'AddBranch', data: { branchId, name: `第${b + 1}党支部`, secretaryName: `书记${b + 1}` } });
      const memberIds = membersOf.get(b) ?? [];
      for (const memberId of memberIds) {
        run({
          type: 'JoinMember',
          data: { memberId, name: `党员${memberId.slice(1)}`, branchId, isLeader: leaders < LEADERS_PER_UNIT && memberId === memberIds[0], joinedOn },
        });
        if (memberId === memberIds[0] && leaders < LEADERS_PER_UNIT) leaders += 1;
      }
      const branch: CityBranch = {
        unit,
        branchId,
        streamId: branchWorkStream(unit.campaignId, branchId),
        memberIds,
        state: branchWorkDecider.initialState(),
        revision: -1,
        pending: [],
        chain: Promise.resolve(),
        workday: 1 + Math.floor(random() * 4),
        threeOnesWeeks: new Map(),
      };
      for (const memberId of memberIds) {
        branch.threeOnesWeeks.set(memberId, {
          reading: 2 + Math.floor(random() * 7),
          talk: 5 + Math.floor(random() * 8),
          essay: 8 + Math.floor(random() * 11),
        });
      }
      unit.branches.push(branch);
      branches.push(branch);
    }
    (unit as { office: CityBranch }).office = {
      unit,
      branchId: UNIT_LEVEL_BRANCH_ID,
      streamId: branchWorkStream(unit.campaignId, UNIT_LEVEL_BRANCH_ID),
      memberIds: [],
      state: branchWorkDecider.initialState(),
      revision: -1,
      pending: [],
      chain: Promise.resolve(),
      workday: 4,
      threeOnesWeeks: new Map(),
    };
    unit.org = org;
    count(events);
  }
  const orgChains = new Map<CityUnit, Promise<void>>();
  const appendOrg = (unit: CityUnit, events: readonly OrganisationEvent[]) => {
    if (events.length === 0) return;
    const first = unit.orgRevision + 1;
    unit.orgRevision += events.length;
    const chain = (orgChains.get(unit) ?? Promise.resolve()).then(() => appendChunked(organisationStream(unit.unitId), events, first, SYSTEM));
    orgChains.set(unit, chain);
  };
  const settleOrg = async () => {
    await Promise.all(orgChains.values());
  };
  units.forEach((unit, u) => appendOrg(unit, unitOrgEvents[u]));
  await settleOrg();

  // ---- Campaigns: the 2009 plan in every unit, stage 1 open from week 1.
  const runCampaign = (unit: CityUnit, commands: CampaignCommand[]) => {
    let state: CampaignState = unit.plan ?? campaignDecider.initialState();
    const events: CampaignEvent[] = [];
    for (const command of commands) {
      for (const event of campaignDecider.decide(command, state)) {
        state = campaignDecider.evolve(state, event);
        events.push(event);
      }
    }
    unit.plan = state as PlannedCampaign;
    count(events);
    const first = unit.campaignRevision + 1;
    unit.campaignRevision += events.length;
    return appendChunked(campaignStream(unit.campaignId), events, first, SYSTEM);
  };
  await Promise.all(
    units.map((unit) =>
      runCampaign(unit, [
        {
          type: 'PlanCampaign',
          data: {
            campaignId: unit.campaignId,
            name: `深入学习实践科学发展观活动（${unit.unitId}）`,
            unitId: unit.unitId,
            template: template.load(),
            startDate,
            endDate,
            createdBy: 'bench',
          },
        },
        { type: 'OpenStage', data: { stageId: 'S1', on: startDate, by: 'bench' } },
      ]),
    ),
  );

  // ---- The branches' rosters: rosterOn over the unit state narrowed to the branch's members (the same answer).
  const rosterOf = (branch: CityBranch, date: IsoDate): Roster => {
    const org = branch.unit.org;
    if (org.status !== 'registered') throw new Error('unit not registered');
    if (branch.branchId === UNIT_LEVEL_BRANCH_ID) return rosterOn({ ...org, members: {} }, UNIT_LEVEL_BRANCH_ID, date);
    const members: Record<string, (typeof org.members)[string]> = {};
    for (const id of branch.memberIds) members[id] = org.members[id];
    return rosterOn({ ...org, members }, branch.branchId, date);
  };

  const decide = (branch: CityBranch, command: BranchWorkCommand, roster: Roster) => {
    const events = branchWorkDecider.decide(command, branch.state, { plan: planFor(branch), roster });
    for (const event of events) branch.state = branchWorkDecider.evolve(branch.state, event);
    branch.pending.push(...events);
    count(events);
  };

  const notes = ['已按要求完成，材料已归档。', '支部委员会专题研究后落实。', '结合本支部实际开展，群众反映良好。', '按期完成，附会议记录及照片。'];
  const completeDue = (branch: CityBranch, roster: Roster, date: IsoDate, dueBy: IsoDate, chance: number, overdueChance: number) => {
    for (const instance of expandInstances(planFor(branch), roster, branch.branchId)) {
      if (instance.kind === 'quantity' || instance.dueDate > dueBy) continue;
      const work = branch.state.instances[instance.key];
      if (work?.status === 'completed') continue;
      const p = instance.dueDate >= addDays(dueBy, -6) && !work ? chance : overdueChance;
      if (random() >= p) continue;
      const evidence =
        random() < 0.3
          ? [{ fileName: `${instance.taskId}-记录.pdf`, sha256: hex64(random), size: 20_000 + Math.floor(random() * 500_000), contentType: 'application/pdf' }]
          : [];
      decide(
        branch,
        {
          type: 'CompleteTaskInstance',
          data: {
            campaignId: branch.unit.campaignId,
            branchId: branch.branchId,
            instanceKey: instance.key,
            note: notes[Math.floor(random() * notes.length)],
            evidence,
            completedOn: date,
            by: `sec-${branch.branchId}`,
          },
        },
        roster,
      );
    }
  };

  const branchWeek = (branch: CityBranch, w: number) => {
    const date = addDays(weekMonday(startDate, w), branch.workday);
    const roster = rosterOf(branch, date);
    const campaignId = branch.unit.campaignId;
    const by = `sec-${branch.branchId}`;
    // 1. This week's collective study, with every member on the sheet.
    const attendance: Record<string, 'present' | 'leave' | 'absent'> = {};
    for (const m of roster.members) {
      if (m.status !== 'active') continue;
      const r = random();
      attendance[m.memberId] = r < 0.85 ? 'present' : r < 0.95 ? 'leave' : 'absent';
    }
    decide(
      branch,
      {
        type: 'RecordStudySession',
        data: { campaignId, branchId: branch.branchId, sessionId: `W${pad(w, 2)}`, date, topic: `第${w}周集中学习：科学发展观专题`, attendance, by },
      },
      roster,
    );
    // 2. Make-ups for last week's session.
    const last = branch.state.sessions[`W${pad(w - 1, 2)}`];
    if (last) {
      for (const [memberId, mark] of Object.entries(last.attendance)) {
        if ((mark === 'leave' || mark === 'absent') && !last.madeUp[memberId] && random() < 0.6) {
          decide(
            branch,
            { type: 'RecordMakeUp', data: { campaignId, branchId: branch.branchId, sessionId: last.sessionId, memberId, date, note: '补学', by } },
            roster,
          );
        }
      }
    }
    // 3. Three ones, each member in the weeks drawn for them.
    for (const m of roster.members) {
      if (m.status !== 'active') continue;
      const plan = branch.threeOnesWeeks.get(m.memberId);
      if (!plan) continue;
      for (const item of ['reading', 'talk', 'essay'] as const) {
        if (plan[item] !== w || branch.state.threeOnes[m.memberId]?.[item]) continue;
        decide(
          branch,
          {
            type: 'RecordThreeOnes',
            data: {
              campaignId,
              branchId: branch.branchId,
              memberId: m.memberId,
              item,
              date,
              title: `${item === 'reading' ? '通读' : item === 'talk' ? '发言' : '心得'}（${m.memberId}）`,
              by,
            },
          },
          roster,
        );
      }
    }
    // 4. Reopen a little of last weeks' work (found lacking), then complete what is due.
    for (const [key, work] of Object.entries(branch.state.instances)) {
      if (work.status === 'completed' && work.completion.completedOn < date && random() < 0.004) {
        decide(
          branch,
          { type: 'ReopenTaskInstance', data: { campaignId, branchId: branch.branchId, instanceKey: key, reason: '材料不全，退回补充', on: date, by } },
          roster,
        );
      }
    }
    completeDue(branch, roster, date, weekSunday(startDate, w), 0.9, 0.5);
    if (branch.pending.length >= options.batchEvents) flush(branch);
  };

  const officeWeek = (unit: CityUnit, w: number) => {
    const date = addDays(weekMonday(startDate, w), unit.office.workday);
    completeDue(unit.office, rosterOf(unit.office, date), date, weekSunday(startDate, w), 0.95, 0.7);
    if (unit.office.pending.length >= options.batchEvents) flush(unit.office);
  };

  const everyStream = () => [...branches, ...units.map((u) => u.office)];
  const unfinishedOf = (unit: CityUnit, stageId: string, date: IsoDate): UnfinishedInstance[] => {
    const out: UnfinishedInstance[] = [];
    for (const branch of [...unit.branches, unit.office]) {
      for (const i of expandInstances(planFor(branch), rosterOf(branch, date), branch.branchId)) {
        if (i.stageId === stageId && i.mandatory && branch.state.instances[i.key]?.status !== 'completed')
          out.push({ instanceKey: i.key, taskId: i.taskId, branchId: branch.branchId });
      }
    }
    return out;
  };

  // Members' status changes: 1% exempted in week 4, half of them back in week 10 (the unit's stream, in between the work).
  const exemptions = new Map<CityUnit, string[]>();
  const memberChanges = (unit: CityUnit, w: number) => {
    const events: OrganisationEvent[] = [];
    const run = (command: OrganisationCommand) => {
      for (const event of organisationDecider.decide(command, unit.org)) {
        unit.org = evolveOrganisationInPlace(unit.org, event);
        events.push(event);
      }
    };
    if (w === 4) {
      const chosen: string[] = [];
      for (const branch of unit.branches) for (const memberId of branch.memberIds) if (random() < 0.01) chosen.push(memberId);
      for (const memberId of chosen) run({ type: 'ExemptMember', data: { memberId, reason: '长期病假', from: weekMonday(startDate, w) } });
      exemptions.set(unit, chosen);
    }
    if (w === 10) {
      for (const memberId of (exemptions.get(unit) ?? []).filter((_, i) => i % 2 === 0))
        run({ type: 'ReinstateMember', data: { memberId, on: weekMonday(startDate, w), note: '病愈返岗' } });
    }
    count(events);
    appendOrg(unit, events);
  };

  // ---- The campaign, week by week, until the log holds the target.
  for (week = 1; week <= CAMPAIGN_WEEKS; week += 1) {
    for (const unit of units) memberChanges(unit, week);
    for (const unit of units) {
      for (const branch of unit.branches) branchWeek(branch, week);
      officeWeek(unit, week);
      await backpressure();
    }
    if (week === 9) {
      // Stage transition: everything decided so far is in the log first, then stage 1 closes (carrying its
      // unfinished work over) and stage 2 opens.
      for (const b of everyStream()) flush(b);
      await settle(everyStream());
      await settleOrg();
      await Promise.all(
        units.map((unit) => {
          const closeOn = weekSunday(startDate, 9);
          return runCampaign(unit, [
            {
              type: 'CloseStage',
              data: {
                stageId: 'S1',
                on: closeOn,
                by: 'bench',
                unfinished: unfinishedOf(unit, 'S1', closeOn),
                carryOver: true,
                note: '转段：未完成事项转入下一阶段',
              },
            },
            { type: 'OpenStage', data: { stageId: 'S2', on: weekMonday(startDate, 10), by: 'bench' } },
          ]);
        }),
      );
    }
    if (week === 6) {
      // A plan change in one unit in ten: a deadline moved for everyone.
      await Promise.all(
        units
          .filter((u) => u.index % 10 === 0)
          .map((unit) =>
            runCampaign(unit, [{ type: 'MoveTaskDeadline', data: { taskId: 'T15', dueDate: weekSunday(startDate, 10), reason: '上级通知延期', by: 'bench' } }]),
          ),
      );
    }
    if (decided >= size.eventsTarget) break;
  }
  const lastWeek = Math.min(week, CAMPAIGN_WEEKS);
  for (const b of everyStream()) flush(b);
  await settle(everyStream());
  await settleOrg();
  options.onProgress?.({ week: lastWeek, decided, appended, appends });
  return { units, branches, startDate, endDate, weeks: lastWeek, events: appended, appends, counts };
}

/**
 * The plan as a branch's decisions see it. expandInstances filters the campaign's whole carried-over list on every call;
 * in a one-unit city that list holds every branch's unfinished work, so each decision would scan it: the branch gets the
 * plan with its own entries only (the decider reads no others), kept until the plan changes.
 */
const narrowedPlans = new WeakMap<CityBranch, { plan: PlannedCampaign; narrowed: PlannedCampaign }>();
export function planFor(branch: CityBranch): PlannedCampaign {
  const plan = branch.unit.plan;
  const known = narrowedPlans.get(branch);
  if (known && known.plan === plan) return known.narrowed;
  const narrowed = { ...plan, carriedOver: plan.carriedOver.filter((c) => c.branchId === branch.branchId) };
  narrowedPlans.set(branch, { plan, narrowed });
  return narrowed;
}

/** Instances of a branch still open on `date` (not completed), for the load generator. */
export function openInstances(branch: CityBranch, date: IsoDate): TaskInstance[] {
  const org = branch.unit.org;
  if (org.status !== 'registered') return [];
  const members: Record<string, (typeof org.members)[string]> = {};
  for (const id of branch.memberIds) members[id] = org.members[id];
  const roster = rosterOn({ ...org, members }, branch.branchId, date);
  return expandInstances(planFor(branch), roster, branch.branchId).filter(
    (i) => i.kind !== 'quantity' && branch.state.instances[i.key]?.status !== 'completed',
  );
}

/** The roster the load generator decides with (same narrowing as the generator). */
export function branchRoster(branch: CityBranch, date: IsoDate): Roster {
  const org = branch.unit.org;
  if (org.status !== 'registered') throw new Error('unit not registered');
  const members: Record<string, (typeof org.members)[string]> = {};
  for (const id of branch.memberIds) members[id] = org.members[id];
  return rosterOn({ ...org, members }, branch.branchId, date);
}
