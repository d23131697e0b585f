// Templates shipped with the library.
import { parseTemplate } from '../parse-template';
import type { CampaignTemplate } from '../template.types';
import sdp2009 from './sdp-2009.json';

export interface BuiltinTemplate {
  readonly id: string;
  readonly name: string;
  readonly nameEn: string;
  load(): CampaignTemplate;
}

function loadOrFail(id: string, json: unknown): CampaignTemplate {
  const result = parseTemplate(json);
  if (!result.ok) throw new Error(`Built-in template ${id} is invalid: ${result.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
  return result.template;
}

export const builtinTemplates: readonly BuiltinTemplate[] = [
  {
    id: 'sdp-2009',
    name: '深入学习实践科学发展观活动（第二批）',
    nameEn: 'In-depth study and practice of the Scientific Outlook on Development (batch 2, 2009)',
    load: () => loadOrFail('sdp-2009', sdp2009),
  },
];

export const findBuiltinTemplate = (id: string): BuiltinTemplate | undefined => builtinTemplates.find((t) => t.id === id);
