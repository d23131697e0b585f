import { sourceOf, workedExample } from '../../../testing/given-events';
import { branchThreeOnes } from './three-ones.queries';

describe('three-ones queries', () => {
  it('branchThreeOnes gives every active member of the branch with what was recorded', async () => {
    expect(await branchThreeOnes(sourceOf(workedExample()), 'C1', 'B1')).toEqual({
      members: [
        { memberId: 'M1', name: 'Wang', reading: '2009-03-18', talk: null, essay: null, complete: false },
        { memberId: 'M2', name: 'Li', reading: null, talk: null, essay: null, complete: false },
        { memberId: 'M3', name: 'Zhang', reading: null, talk: null, essay: null, complete: false },
      ],
      complete: { numerator: 0, denominator: 3 },
    });
  });
});
