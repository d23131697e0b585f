// Which pages each role may open; the menu and the route guard both read this one table.
import type { Role } from '@campaign-ledger/api-contract';
import type { DictKey } from './i18n/dict';

export type PageId = 'overview' | 'branches' | 'plan' | 'my-branch' | 'study' | 'three-ones' | 'organisation' | 'history' | 'as-of' | 'verify';

export const PAGES: Record<PageId, { path: string; label: DictKey }> = {
  overview: { path: '/overview', label: 'menuOverview' },
  branches: { path: '/branches', label: 'menuBranches' },
  plan: { path: '/plan', label: 'menuPlan' },
  'my-branch': { path: '/my-branch', label: 'menuMyBranch' },
  study: { path: '/study', label: 'menuStudy' },
  'three-ones': { path: '/three-ones', label: 'menuThreeOnes' },
  organisation: { path: '/organisation', label: 'menuOrganisation' },
  history: { path: '/audit/history', label: 'menuHistory' },
  'as-of': { path: '/audit/as-of', label: 'menuAsOf' },
  verify: { path: '/audit/verify', label: 'menuVerify' },
};

export const PAGES_BY_ROLE: Record<Role, readonly PageId[]> = {
  leading_group: ['overview', 'branches', 'plan', 'history', 'as-of'],
  // The chain check and the digest are the auditor's (the API answers 403 to the leading group).
  auditor: ['overview', 'branches', 'plan', 'history', 'as-of', 'verify'],
  secretary: ['my-branch', 'study', 'three-ones'],
  administrator: ['organisation'],
};

/** Only the leading group changes the plan's stages; the auditor sees the same pages read-only. */
export const canManageStages = (role: Role) => role === 'leading_group';

export const homeOf = (role: Role) => PAGES[PAGES_BY_ROLE[role][0]].path;

export function pageOfPath(path: string): PageId | null {
  const entry = (Object.entries(PAGES) as [PageId, { path: string }][]).find(([, p]) => path === p.path || path.startsWith(`${p.path}/`));
  return entry ? entry[0] : null;
}
