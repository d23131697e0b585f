// Queries of the study-sessions read model: each session's figures, and participation over a branch, a campaign or by week.
import type { ParticipationFigures, SessionFigures, WeeklyParticipation } from '@campaign-ledger/api-contract';
import { ratio } from '@campaign-ledger/domain';
import type { ReadModelSource } from '../../queries/source';
import { campaignOrThrow } from '../plan-counters/plan-counters.queries';
import { byText } from '../query-options';

function participationOf(
  sessions: readonly { expected: number; present: number; made_up: number; count: number }[],
  people: readonly { complete: boolean; count: number }[],
): ParticipationFigures {
  let expected = 0;
  let present = 0;
  let madeUp = 0;
  let count = 0;
  for (const s of sessions) {
    expected += s.expected;
    present += s.present;
    madeUp += s.made_up;
    count += s.count;
  }
  const members = people.reduce((sum, p) => sum + p.count, 0);
  const complete = people.reduce((sum, p) => sum + (p.complete ? p.count : 0), 0);
  return { byPerson: ratio(complete, members), byPersonSession: ratio(present + madeUp, expected), attendance: ratio(present, expected), sessions: count };
}

export async function sessionFigures(source: ReadModelSource, campaignId: string, branchId: string): Promise<SessionFigures[]> {
  const sessions = await source.rows('session', { campaign_id: campaignId, branch_id: branchId });
  return sessions
    .sort((a, b) => byText(a.date, b.date) || byText(a.session_id, b.session_id))
    .map((s) => ({
      sessionId: s.session_id, date: s.date, topic: s.topic, expected: s.expected, present: s.present, leave: s.leave, absent: s.absent,
      madeUp: s.made_up, attendance: ratio(s.present, s.expected), participation: ratio(s.present + s.made_up, s.expected),
    }));
}

/** Participation over a whole campaign, or over one of its branches. */
export async function participationFigures(source: ReadModelSource, where: { campaign_id: string; branch_id?: string }): Promise<ParticipationFigures> {
  const [sessions, people] = await Promise.all([
    source.aggregate('session', where, [], ['expected', 'present', 'made_up']),
    source.aggregate('participation', where, ['complete'], []),
  ]);
  return participationOf(sessions, people);
}

export const branchParticipation = (source: ReadModelSource, campaignId: string, branchId: string): Promise<ParticipationFigures> =>
  participationFigures(source, { campaign_id: campaignId, branch_id: branchId });

/** Participation of every branch of a campaign, from one grouped sum per table: a lookup by branch id. */
export async function participationByBranch(source: ReadModelSource, campaignId: string): Promise<(branchId: string) => ParticipationFigures> {
  const [sessions, people] = await Promise.all([
    source.aggregate('session', { campaign_id: campaignId }, ['branch_id'], ['expected', 'present', 'made_up']),
    source.aggregate('participation', { campaign_id: campaignId }, ['branch_id', 'complete'], []),
  ]);
  return (branchId) => participationOf(sessions.filter((s) => s.branch_id === branchId), people.filter((p) => p.branch_id === branchId));
}

/** Participation and attendance per week (Monday of the session's week), over the campaign or one branch. */
export async function participationOverTime(source: ReadModelSource, campaignId: string, branchId?: string): Promise<WeeklyParticipation[]> {
  await campaignOrThrow(source, campaignId);
  const where = branchId === undefined ? { campaign_id: campaignId } : { campaign_id: campaignId, branch_id: branchId };
  const weeks = await source.aggregate('session', where, ['week_of'], ['expected', 'present', 'made_up']);
  return weeks
    .sort((a, b) => byText(a.week_of, b.week_of))
    .map((w) => ({ weekOf: w.week_of, sessions: w.count, participation: ratio(w.present + w.made_up, w.expected), attendance: ratio(w.present, w.expected) }));
}
