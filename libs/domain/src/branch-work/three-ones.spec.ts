import { DeciderSpecification } from '../testing';
import { C, context } from '../testing/branch-work-fixtures';
import { DateOutsideCampaign } from '../campaign/campaign.errors';
import { branchWorkDecider } from './branch-work.decider';
import type { RecordThreeOnes } from './branch-work.commands';
import type { BranchWorkEvent } from './branch-work.events';
import { MemberIsExempt, MemberNotInBranch, ThreeOnesAlreadyRecorded } from './branch-work.errors';

const spec = DeciderSpecification.for(branchWorkDecider);
const record = (over: Partial<RecordThreeOnes['data']> = {}): RecordThreeOnes => ({
  type: 'RecordThreeOnes',
  data: { ...C, memberId: 'M2', item: 'essay', date: '2009-05-15', title: '学习实践科学发展观心得', by: 'sec', ...over },
});
const essay: BranchWorkEvent = {
  type: 'ThreeOnesRecorded',
  data: { ...C, memberId: 'M2', item: 'essay', date: '2009-05-15', title: '学习实践科学发展观心得', note: null, by: 'sec' },
};

describe('branch work: RecordThreeOnes (三个一)', () => {
  it('records one of the three ones for a member', () => spec.given([]).when(record(), context()).then([essay]));
  it('records the other items independently', () => {
    const [e] = spec
      .given([essay])
      .when(record({ item: 'talk', title: '交流发言' }), context())
      .events();
    expect(e.data).toMatchObject({ item: 'talk' });
  });
  it('refuses recording the same item twice', () =>
    spec
      .given([essay])
      .when(record({ date: '2009-05-16' }), context())
      .thenThrows(ThreeOnesAlreadyRecorded));
  it('refuses a member outside the branch or exempt', () => {
    spec
      .given([])
      .when(record({ memberId: 'M9' }), context())
      .thenThrows(MemberNotInBranch);
    spec
      .given([])
      .when(record({ memberId: 'M3' }), context())
      .thenThrows(MemberIsExempt);
  });
  it('refuses an unknown item, a missing title, and a date outside the campaign', () => {
    spec
      .given([])
      .when(record({ item: 'poem' as never }), context())
      .thenThrows('COMMAND.INVALID');
    spec
      .given([])
      .when(record({ title: '' }), context())
      .thenThrows('COMMAND.INVALID');
    spec
      .given([])
      .when(record({ date: '2010-01-01' }), context())
      .thenThrows(DateOutsideCampaign);
  });
});
