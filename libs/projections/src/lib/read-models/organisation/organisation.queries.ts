// Queries of the organisation read model: a branch's roster in the domain's shape, and the unit level as a branch.
import { UNIT_LEVEL_BRANCH_ID, type IsoDate, type Roster } from '@campaign-ledger/domain';
import type { ReadModelSource } from '../../queries/source';
import { byText } from '../query-options';
import type { BranchRow } from './organisation.tables';

/** The unit level shown as a branch where it keeps the office work. */
export const unitLevelBranch = (unitId: string): BranchRow => ({
  unit_id: unitId,
  branch_id: UNIT_LEVEL_BRANCH_ID,
  name: '机关（单位层面）',
  secretary_name: '',
});

/**
 * A branch's members as the read model holds them now (those who left are not listed), by id, and the unit's divisions
 * when asked for: what `expandInstances` needs. `asOf` only labels it.
 */
export async function branchRoster(
  source: ReadModelSource,
  unitId: string,
  branchId: string,
  options: { asOf: IsoDate; withDivisions: boolean },
): Promise<Roster> {
  const [members, divisions] = await Promise.all([
    source.rows('member', { unit_id: unitId, branch_id: branchId }),
    options.withDivisions ? source.rows('division', { unit_id: unitId }) : Promise.resolve([]),
  ]);
  return {
    branchId,
    asOf: options.asOf,
    members: members
      .filter((m) => m.status !== 'left')
      .sort((a, b) => byText(a.member_id, b.member_id))
      .map((m) => ({ memberId: m.member_id, name: m.name, isLeader: m.is_leader, status: m.status === 'active' ? 'active' : 'exempt' })),
    divisions: [...divisions].sort((a, b) => byText(a.division_id, b.division_id)).map((d) => ({ divisionId: d.division_id, name: d.name })),
  };
}
