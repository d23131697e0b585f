// Names shown for plan items and people, in the current language where the plan has one.
import type { Campaign, Unit } from './api/types';
import type { Lang } from './i18n/dict';

export function taskTitle(campaign: Campaign | null, taskId: string, fallback: string, lang: Lang): string {
  if (lang !== 'en' || !campaign) return fallback;
  return campaign.tasks.find((t) => t.taskId === taskId)?.titleEn ?? fallback;
}

export function phaseName(campaign: Campaign | null, phaseId: string | null): string {
  if (!phaseId) return '—';
  return campaign?.phases.find((p) => p.phaseId === phaseId)?.name ?? phaseId;
}

/** Short phase label for narrow charts: "P1 学习培训…". */
export function phaseShort(campaign: Campaign | null, phaseId: string, max = 8): string {
  const name = phaseName(campaign, phaseId).replace(/[（(].*$/, '');
  return name.length > max ? `${name.slice(0, max)}…` : name;
}

export function memberName(unit: Unit | null, names: ReadonlyMap<string, string> | null, id: string): string {
  return names?.get(id) ?? unit?.members.find((m) => m.memberId === id)?.name ?? unit?.divisions.find((d) => d.divisionId === id)?.name ?? (id === unit?.unitId ? unit.name : id);
}
