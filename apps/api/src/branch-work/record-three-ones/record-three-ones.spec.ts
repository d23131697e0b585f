import type { ThreeOnesItem } from '@campaign-ledger/domain';
import { routeOf } from '@api/testing/route-access';
import { AUDITOR, branchWorkFixture, SECRETARY_B1, SECRETARY_B2, type BranchWorkFixture } from '../testing/branch-work-fixture';
import { RecordThreeOnesCommand, RecordThreeOnesHandler } from './record-three-ones.handler';
import { RecordThreeOnesHttpController } from './record-three-ones.http.controller';

describe("record a member's 三个一 (a book read, a talk given, an essay written)", () => {
  let fx: BranchWorkFixture;
  const record = (memberId: string, item: ThreeOnesItem, principal = SECRETARY_B1, date = '2009-03-27') =>
    fx.get(RecordThreeOnesHandler).execute(new RecordThreeOnesCommand(principal, 'C1', 'B1', { memberId, item, date, title: '《科学发展观学习读本》' }));

  beforeEach(async () => {
    fx = await branchWorkFixture([RecordThreeOnesHandler]);
  });
  afterEach(() => fx.close());

  it('records each item once per member', async () => {
    await expect(record('M1', 'reading')).resolves.toEqual({ memberId: 'M1', item: 'reading', alreadyDone: false, revision: 0 });
    await expect(record('M1', 'essay')).resolves.toMatchObject({ item: 'essay', revision: 1 });
    expect((await fx.appended()).map((e) => [e.type, e.data.memberId, e.data.item, e.data.title])).toEqual([
      ['ThreeOnesRecorded', 'M1', 'reading', '《科学发展观学习读本》'],
      ['ThreeOnesRecorded', 'M1', 'essay', '《科学发展观学习读本》'],
    ]);
    await expect(record('M1', 'reading')).rejects.toMatchObject({ code: 'THREE_ONES.ALREADY_RECORDED', kind: 'conflict' });
  });

  it('refuses an item that is not one of the three, a member of another branch, an exempt member and an unknown one', async () => {
    await expect(record('M1', 'poem' as ThreeOnesItem)).rejects.toMatchObject({ code: 'COMMAND.INVALID', kind: 'validation', details: { path: 'item' } });
    await expect(record('M4', 'talk')).rejects.toMatchObject({ code: 'MEMBER.NOT_IN_BRANCH', kind: 'forbidden' });
    await expect(record('M3', 'talk')).rejects.toMatchObject({ code: 'MEMBER.EXEMPT' });
    await expect(record('M99', 'talk')).rejects.toMatchObject({ code: 'MEMBER.NOT_FOUND', kind: 'not_found' });
    await expect(record('M1', 'talk', SECRETARY_B1, '2009-09-01')).rejects.toMatchObject({ code: 'CAMPAIGN.DATE_OUTSIDE', kind: 'validation' });
    expect(await fx.appended()).toEqual([]);
  });

  it("is refused to another branch's secretary and to an auditor", async () => {
    await expect(record('M1', 'talk', SECRETARY_B2)).rejects.toMatchObject({ code: 'ACCESS.FORBIDDEN', kind: 'forbidden' });
    await expect(record('M1', 'talk', AUDITOR)).rejects.toMatchObject({ code: 'ACCESS.FORBIDDEN', kind: 'forbidden' });
    expect(routeOf(RecordThreeOnesHttpController, 'record').roles).not.toContain('auditor');
  });
});
