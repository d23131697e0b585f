// Queries of the study-sessions read model: each session's figures and marks, and participation over a branch, a campaign
// or by week.
import type { BranchSession, ParticipationFigures, SessionFigures, SessionMark, WeeklyParticipation } from '@campaign-ledger/api-contract';
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
      sessionId: s.session_id,
      date: s.date,
      topic: s.topic,
      expected: s.expected,
      present: s.present,
      leave: s.leave,
      absent: s.absent,
      madeUp: s.made_up,
      attendance: ratio(s.present, s.expected),
      participation: ratio(s.present + s.made_up, s.expected),
    }));
}

/** Each session of a branch by date, with every member's mark and make-up; members named as the roster names them. */
export async function branchSessions(source: ReadModelSource, campaignId: string, branchId: string): Promise<BranchSession[]> {
  const campaign = await campaignOrThrow(source, campaignId);
  const [figures, marks, members] = await Promise.all([
    sessionFigures(source, campaignId, branchId),
    source.rows('attendance', { campaign_id: campaignId, branch_id: branchId }),
    source.rows('member', { unit_id: campaign.unit_id, branch_id: branchId }),
  ]);
  const names = new Map(members.map((m) => [m.member_id, m.name]));
  // Members who have since left the branch for another are still named.
  const elsewhere = [...new Set(marks.map((m) => m.member_id).filter((id) => !names.has(id)))];
  for (const rows of await Promise.all(elsewhere.map((memberId) => source.rows('member', { unit_id: campaign.unit_id, member_id: memberId })))) {
    for (const m of rows) names.set(m.member_id, m.name);
  }
  const bySession = new Map<string, SessionMark[]>();
  for (const m of [...marks].sort((a, b) => byText(a.member_id, b.member_id))) {
    const list = bySession.get(m.session_id) ?? [];
    list.push({ memberId: m.member_id, name: names.get(m.member_id) ?? null, mark: m.mark, expected: m.expected, madeUpOn: m.made_up_on });
    bySession.set(m.session_id, list);
  }
  return figures.map((s) => ({ ...s, marks: bySession.get(s.sessionId) ?? [] }));
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
  return (branchId) =>
    participationOf(
      sessions.filter((s) => s.branch_id === branchId),
      people.filter((p) => p.branch_id === branchId),
    );
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
