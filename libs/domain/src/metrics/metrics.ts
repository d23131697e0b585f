// The metrics of DOMAIN.md, as pure functions over numerators and denominators.
import { addDays, daysBetween, isAfter, isBefore, type IsoDate } from '../shared/dates';
import type { StudySession } from '../branch-work/branch-work.state';
import type { TaskInstance } from '../task-instances/expand-instances';
import { ratio, type Ratio } from './ratio';

type SessionFacts = Pick<StudySession, 'sessionId' | 'attendance' | 'expected' | 'madeUp'>;

/** 到会率: present ÷ expected for one session (exempt members are not expected). */
export function attendanceRate(session: SessionFacts): Ratio {
  return ratio(session.expected.filter((m) => session.attendance[m] === 'present').length, session.expected.length);
}

export interface ParticipationRate {
  /** Members who attended or made up every session they were expected at ÷ members expected at any session. */
  readonly byPerson: Ratio;
  /** Person-sessions (人次) attended or made up ÷ person-sessions expected. */
  readonly byPersonSession: Ratio;
}

/**
 * 参学率 = members who attended or made up ÷ members required (on the roll minus exemptions).
 * Leave keeps a member in the denominator; exemption takes them out (sessions record exempt members outside `expected`).
 */
export function participationRate(sessions: readonly SessionFacts[]): ParticipationRate {
  let took = 0;
  let required = 0;
  const members = new Map<string, boolean>();
  for (const s of sessions) {
    for (const m of s.expected) {
      const participated = s.attendance[m] === 'present' || s.madeUp[m] !== undefined;
      required += 1;
      if (participated) took += 1;
      members.set(m, (members.get(m) ?? true) && participated);
    }
  }
  return { byPerson: ratio([...members.values()].filter(Boolean).length, members.size), byPersonSession: ratio(took, required) };
}

export interface CompletionFilter {
  readonly stageId?: string;
  readonly phaseId?: string;
  readonly trackId?: string;
  readonly mandatoryOnly?: boolean;
}

/** Completion rate: completed instances ÷ applicable instances (member-scope tasks count once per member). */
export function completionRate(applicable: readonly TaskInstance[], completed: ReadonlySet<string> | readonly string[], filter: CompletionFilter = {}): Ratio {
  const done = completed instanceof Set ? completed : new Set(completed as readonly string[]);
  const scope = applicable.filter(
    (i) =>
      (filter.stageId === undefined || i.stageId === filter.stageId) &&
      (filter.phaseId === undefined || i.phaseId === filter.phaseId) &&
      (filter.trackId === undefined || i.trackId === filter.trackId) &&
      (!filter.mandatoryOnly || i.mandatory),
  );
  return ratio(scope.filter((i) => done.has(i.key)).length, scope.length);
}

export interface HalfYearCheck {
  /** Elapsed days (period start to `asOf`, both counted) ÷ days in the period. */
  readonly timeProgress: Ratio;
  /** Done ÷ planned (or actual ÷ target for quantities). */
  readonly workProgress: Ratio;
  /** The day on which at least half of the period has elapsed. */
  readonly halfwayDate: IsoDate;
  /** Work progress ≥ 50% (the speech counts exactly half as passing). */
  readonly passes: boolean;
}

/** 双过半: e.g. 2009-01-01..2009-12-31 as of 2009-06-30 gives time 181/365 (49.6%). */
export function halfYearCheck(input: { periodStart: IsoDate; periodEnd: IsoDate; asOf: IsoDate; done: number; planned: number }): HalfYearCheck {
  const days = daysBetween(input.periodStart, input.periodEnd) + 1;
  const clamped = isBefore(input.asOf, input.periodStart) ? 0 : isAfter(input.asOf, input.periodEnd) ? days : daysBetween(input.periodStart, input.asOf) + 1;
  const halfDays = Math.ceil(days / 2);
  const halfwayDate = addDays(input.periodStart, halfDays - 1);
  return {
    timeProgress: ratio(clamped, days),
    workProgress: ratio(input.done, input.planned),
    halfwayDate,
    passes: input.planned > 0 && input.done * 2 >= input.planned,
  };
}

/** 挑战值完成率 = actual ÷ challenge value; may exceed 100% (25 reports against a challenge of 18 = 139%). */
export const challengeCompletion = (actual: number, challenge: number): Ratio => ratio(actual, challenge);
/** Target completion = actual ÷ target value. */
export const targetCompletion = (actual: number, target: number): Ratio => ratio(actual, target);

export type OverdueColour = 'green' | 'amber' | 'red';

/** How many days before its due date an open instance turns amber, unless the reader asks for another window. */
export const DEFAULT_AMBER_DAYS = 7;

/**
 * Warning colour of an instance: red when past its due date and not done, amber when not done and due within
 * `amberWithinDays` days (today included; DEFAULT_AMBER_DAYS unless given), green otherwise (including everything done).
 * The one rule: the read models colour instances and count warnings with it, and the web app shows their colours.
 */
export function overdueColour(input: { dueDate: IsoDate; asOf: IsoDate; done: boolean; amberWithinDays?: number }): {
  colour: OverdueColour;
  daysLeft: number;
} {
  const daysLeft = daysBetween(input.asOf, input.dueDate);
  if (input.done) return { colour: 'green', daysLeft };
  if (daysLeft < 0) return { colour: 'red', daysLeft };
  if (daysLeft <= (input.amberWithinDays ?? DEFAULT_AMBER_DAYS)) return { colour: 'amber', daysLeft };
  return { colour: 'green', daysLeft };
}

export interface SatisfactionScale {
  /** Grades that count as valid ballots, best first, e.g. ['满意', '基本满意', '不满意']. */
  readonly grades: readonly string[];
  /** Grades counted as satisfied for the overall rate, e.g. ['满意', '基本满意']. */
  readonly positive: readonly string[];
}

/** 满意率 over valid ballots only (grades outside the scale, such as 不了解, are not valid ballots). */
export function satisfactionRate(ballots: Readonly<Record<string, number>>, scale: SatisfactionScale): { top: Ratio; overall: Ratio; validBallots: number } {
  const valid = scale.grades.reduce((sum, g) => sum + (ballots[g] ?? 0), 0);
  const positive = scale.positive.reduce((sum, g) => sum + (scale.grades.includes(g) ? (ballots[g] ?? 0) : 0), 0);
  return { top: ratio(ballots[scale.grades[0]] ?? 0, valid), overall: ratio(positive, valid), validBallots: valid };
}
