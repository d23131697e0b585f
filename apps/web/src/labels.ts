// Names shown for plan items, people, event types and roles, in the current language (plan items where the plan has one).
import type { CampaignView, OrganisationView } from '@campaign-ledger/api-contract';
import { dictionaries, type Lang } from './i18n/dict';

export function taskTitle(campaign: CampaignView | null, taskId: string, fallback: string, lang: Lang): string {
  if (lang !== 'en' || !campaign) return fallback;
  return campaign.tasks.find((t) => t.taskId === taskId)?.titleEn ?? fallback;
}

export function phaseName(campaign: CampaignView | null, phaseId: string | null): string {
  if (!phaseId) return '—';
  return campaign?.phases.find((p) => p.phaseId === phaseId)?.name ?? phaseId;
}

/** Short phase label for narrow charts: "P1 学习培训…". */
export function phaseShort(campaign: CampaignView | null, phaseId: string, max = 8): string {
  const name = phaseName(campaign, phaseId).replace(/[（(].*$/, '');
  return name.length > max ? `${name.slice(0, max)}…` : name;
}

export function memberName(unit: OrganisationView | null, names: ReadonlyMap<string, string> | null, id: string): string {
  return (
    names?.get(id) ??
    unit?.members.find((m) => m.memberId === id)?.name ??
    unit?.divisions.find((d) => d.divisionId === id)?.name ??
    (id === unit?.unitId ? unit.name : id)
  );
}

/** The event types an auditor filters by, grouped as the ledger's streams are. */
export const EVENT_TYPE_GROUPS: readonly { group: 'plan' | 'work' | 'organisation' | 'accounts'; types: readonly string[] }[] = [
  { group: 'work', types: ['TaskCompleted', 'TaskReopened', 'QuantityReported', 'StudySessionRecorded', 'StudyMakeUpRecorded', 'ThreeOnesRecorded'] },
  { group: 'plan', types: ['CampaignPlanned', 'StageOpened', 'StageClosed', 'TaskAdded', 'TaskDeadlineMoved', 'TaskCancelled', 'CampaignClosed'] },
  {
    group: 'organisation',
    types: [
      'UnitRegistered',
      'UnitIndexed',
      'DivisionAdded',
      'BranchAdded',
      'BranchRenamed',
      'BranchSecretaryChanged',
      'MemberJoined',
      'MemberTransferred',
      'MemberExempted',
      'MemberReinstated',
      'MemberLeft',
    ],
  },
  {
    group: 'accounts',
    types: ['AccountCreated', 'AccountPasswordChanged', 'AccountPasswordReset', 'AccountRoleChanged', 'AccountDisabled', 'AccountEnabled', 'AuditorRead'],
  },
];

/** An event type in words (“登记完成”); a type this build does not know is shown as stored. */
export function eventLabel(type: string, lang: Lang): string {
  return (dictionaries[lang] as Record<string, string>)[`ev_${type}`] ?? type;
}

/** A role in words, including the system actor of seeds and imports. */
export function roleLabel(role: string, lang: Lang): string {
  return (dictionaries[lang] as Record<string, string>)[`role_${role}`] ?? role;
}
