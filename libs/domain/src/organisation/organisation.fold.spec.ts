// The batch fold is an optimisation of evolve: it must give the same state and leave its input untouched.
import { evolveEach } from '../shared/decider';
import type { OrganisationEvent } from './organisation.events';
import { evolveOrganisation, evolveOrganisationAll, organisationDecider } from './organisation.decider';
import { initialOrganisationState } from './organisation.state';
import { rosterOn } from './roster';

const U = 'U1';

function history(members: number): OrganisationEvent[] {
  const events: OrganisationEvent[] = [
    { type: 'UnitRegistered', data: { unitId: U, name: '市政协机关', code: 'WHZX' } },
    { type: 'DivisionAdded', data: { unitId: U, divisionId: 'D1', name: '秘书处' } },
  ];
  for (let b = 1; b <= 5; b += 1) events.push({ type: 'BranchAdded', data: { unitId: U, branchId: `B${b}`, name: `第${b}支部`, secretaryName: `书记${b}` } });
  for (let m = 1; m <= members; m += 1) {
    events.push({
      type: 'MemberJoined',
      data: { unitId: U, memberId: `M${m}`, name: `党员${m}`, branchId: `B${(m % 5) + 1}`, isLeader: m % 7 === 0, joinedOn: '2009-01-05' },
    });
    if (m % 3 === 0)
      events.push({
        type: 'MemberTransferred',
        data: { unitId: U, memberId: `M${m}`, fromBranchId: `B${(m % 5) + 1}`, toBranchId: `B${((m + 1) % 5) + 1}`, on: '2009-03-01' },
      } as OrganisationEvent);
    if (m % 4 === 0)
      events.push({
        type: 'MemberExempted',
        data: { unitId: U, memberId: `M${m}`, from: '2009-03-10', until: '2009-04-10', reason: '病假' },
      } as OrganisationEvent);
    if (m % 8 === 0) events.push({ type: 'MemberReinstated', data: { unitId: U, memberId: `M${m}`, on: '2009-04-01', note: '病愈' } } as OrganisationEvent);
    if (m % 11 === 0) events.push({ type: 'MemberLeft', data: { unitId: U, memberId: `M${m}`, on: '2009-05-01', reason: '调离' } } as OrganisationEvent);
  }
  events.push({ type: 'BranchRenamed', data: { unitId: U, branchId: 'B2', name: '第二党支部' } } as OrganisationEvent);
  events.push({ type: 'BranchSecretaryChanged', data: { unitId: U, branchId: 'B3', secretaryName: '新书记' } } as OrganisationEvent);
  return events;
}

describe('organisation batch fold', () => {
  const events = history(200);
  const oneByOne = events.reduce(evolveOrganisation, initialOrganisationState());

  it('gives the same state as evolving one event at a time', () => {
    expect(evolveOrganisationAll(initialOrganisationState(), events)).toEqual(oneByOne);
    expect(evolveEach(organisationDecider, initialOrganisationState(), events)).toEqual(oneByOne);
  });

  it('gives the same state when the history arrives in several batches', () => {
    let state = initialOrganisationState();
    for (let i = 0; i < events.length; i += 37) state = evolveOrganisationAll(state, events.slice(i, i + 37));
    expect(state).toEqual(oneByOne);
  });

  it('never changes the state it starts from', () => {
    const half = evolveOrganisationAll(initialOrganisationState(), events.slice(0, 300));
    const snapshot = JSON.parse(JSON.stringify(half));
    evolveOrganisationAll(half, events.slice(300));
    expect(half).toEqual(snapshot);
  });

  it('keeps rosters equal to a scan of every member', () => {
    const state = evolveOrganisationAll(initialOrganisationState(), events);
    if (state.status !== 'registered') throw new Error('not registered');
    for (const day of ['2009-02-01', '2009-03-15', '2009-06-01']) {
      for (const branchId of ['B1', 'B2', 'B3', 'B4', 'B5']) {
        const roster = rosterOn(state, branchId, day);
        const byScan = Object.values(state.members)
          .map((m) => ({ m, on: [...m.branchHistory].reverse().find((p) => p.from <= day) }))
          .filter(({ on }) => on?.branchId === branchId);
        expect(roster.members.map((r) => r.memberId).sort()).toEqual(
          byScan
            .filter(({ m }) => [...m.statusHistory].reverse().find((p) => p.from <= day)?.status !== 'left')
            .map(({ m }) => m.memberId)
            .sort(),
        );
      }
    }
  });
});
