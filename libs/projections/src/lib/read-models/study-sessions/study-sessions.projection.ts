// The study-sessions read model: each session's figures, every member's mark and make-up, and each member's participation.
import { mondayOf } from '@campaign-ledger/domain';
import type { Rows } from '../../rows/row-set';
import type { ProjectedEvent } from '../projected-event';

export function evolveStudySessions(rows: Rows, event: ProjectedEvent): void {
  switch (event.type) {
    case 'StudySessionRecorded': {
      const d = event.data;
      if (rows.get('session', { campaign_id: d.campaignId, branch_id: d.branchId, session_id: d.sessionId })) return;
      const expected = new Set(d.expected);
      let present = 0;
      let leave = 0;
      let absent = 0;
      for (const memberId of d.expected) {
        const mark = d.attendance[memberId];
        if (mark === 'present') present += 1;
        else if (mark === 'leave') leave += 1;
        else if (mark === 'absent') absent += 1;
      }
      rows.put('session', {
        campaign_id: d.campaignId,
        branch_id: d.branchId,
        session_id: d.sessionId,
        date: d.date,
        week_of: mondayOf(d.date),
        topic: d.topic,
        expected: d.expected.length,
        present,
        leave,
        absent,
        made_up: 0,
      });
      const marked = new Set([...Object.keys(d.attendance), ...d.expected]);
      for (const memberId of [...marked].sort()) {
        const isExpected = expected.has(memberId);
        const mark = d.attendance[memberId] ?? 'absent';
        rows.put('attendance', {
          campaign_id: d.campaignId,
          branch_id: d.branchId,
          session_id: d.sessionId,
          member_id: memberId,
          mark,
          expected: isExpected,
          made_up_on: null,
        });
        if (isExpected) addParticipation(rows, d.campaignId, d.branchId, memberId, 1, mark === 'present' ? 1 : 0);
      }
      return;
    }
    case 'StudyMakeUpRecorded': {
      const d = event.data;
      const key = { campaign_id: d.campaignId, branch_id: d.branchId, session_id: d.sessionId, member_id: d.memberId };
      const attendance = rows.get('attendance', key);
      if (!attendance || attendance.made_up_on !== null || attendance.mark === 'present') return;
      rows.put('attendance', { ...attendance, made_up_on: d.date });
      if (!attendance.expected) return;
      const session = rows.get('session', { campaign_id: d.campaignId, branch_id: d.branchId, session_id: d.sessionId });
      if (session) rows.put('session', { ...session, made_up: session.made_up + 1 });
      addParticipation(rows, d.campaignId, d.branchId, d.memberId, 0, 1);
      return;
    }
    default:
      return;
  }
}

function addParticipation(rows: Rows, campaignId: string, branchId: string, memberId: string, expected: number, participated: number): void {
  const row = rows.get('participation', { campaign_id: campaignId, branch_id: branchId, member_id: memberId });
  const e = (row?.expected ?? 0) + expected;
  const p = (row?.participated ?? 0) + participated;
  rows.put('participation', { campaign_id: campaignId, branch_id: branchId, member_id: memberId, expected: e, participated: p, complete: e > 0 && p >= e });
}
