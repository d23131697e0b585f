import { base, given, row } from '../../../testing/given-events';

describe('three-ones read model: branch-work events', () => {
  it("ThreeOnesRecorded fills the member's items", () => {
    const rows = given(
      ...base(),
      {
        type: 'ThreeOnesRecorded',
        data: { campaignId: 'C1', branchId: 'B1', memberId: 'M1', item: 'reading', date: '2009-03-18', title: 'book', note: null, by: 'Wang' },
      },
      {
        type: 'ThreeOnesRecorded',
        data: { campaignId: 'C1', branchId: 'B1', memberId: 'M1', item: 'essay', date: '2009-03-25', title: 'essay', note: null, by: 'Wang' },
      },
    );
    expect(row(rows, 'three_ones', { campaign_id: 'C1', member_id: 'M1' })).toEqual({
      campaign_id: 'C1',
      member_id: 'M1',
      branch_id: 'B1',
      reading_on: '2009-03-18',
      talk_on: null,
      essay_on: '2009-03-25',
    });
  });
});
