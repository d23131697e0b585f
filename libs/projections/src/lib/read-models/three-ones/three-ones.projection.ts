// The three-ones read model: per member, the day each item (reading, talk, essay) was recorded.
import type { Rows } from '../../rows/row-set';
import type { ProjectedEvent } from '../projected-event';

export function evolveThreeOnes(rows: Rows, event: ProjectedEvent): void {
  switch (event.type) {
    case 'ThreeOnesRecorded': {
      const d = event.data;
      const existing = rows.get('three_ones', { campaign_id: d.campaignId, member_id: d.memberId }) ?? {
        campaign_id: d.campaignId,
        member_id: d.memberId,
        branch_id: d.branchId,
        reading_on: null,
        talk_on: null,
        essay_on: null,
      };
      const column = d.item === 'reading' ? 'reading_on' : d.item === 'talk' ? 'talk_on' : 'essay_on';
      rows.put('three_ones', { ...existing, branch_id: d.branchId, [column]: d.date });
      return;
    }
    default:
      return;
  }
}
