// Reads a campaign template from JSON: the researched 2009 format (top-level phases, `title_zh`, `due_week`) and the
// simpler user format (phases nested in stages or parallel tracks, `title`, `due_date`, quantity tasks), collecting every error.
import { isIsoDate } from '../shared/dates';
import {
  TASK_KINDS,
  TASK_SCOPES,
  type CampaignTemplate,
  type ParseTemplateResult,
  type TaskDue,
  type TaskKind,
  type TaskQuantity,
  type TaskScope,
  type TemplateError,
  type TemplatePhase,
  type TemplateStage,
  type TemplateTask,
  type TemplateTrack,
  type WeekRange,
} from './template.types';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isPositiveInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 1;

class Collector {
  readonly errors: TemplateError[] = [];
  add(path: string, message: string): void {
    this.errors.push({ path, message });
  }
}

/** First present (non-undefined, non-null) field among aliases, with the alias used. */
function field(obj: Json, names: readonly string[]): { name: string; value: unknown } | undefined {
  for (const name of names) if (obj[name] !== undefined && obj[name] !== null) return { name, value: obj[name] };
  return undefined;
}

function text(obj: Json, names: readonly string[], path: string, errors: Collector, required: boolean): string | null {
  const found = field(obj, names);
  if (!found) {
    if (required) errors.add(`${path}.${names[0]}`, `is required${names.length > 1 ? ` (also accepted: ${names.slice(1).join(', ')})` : ''}`);
    return null;
  }
  if (typeof found.value !== 'string' || found.value.trim() === '') {
    errors.add(`${path}.${found.name}`, 'must be a non-empty string');
    return null;
  }
  return found.value.trim();
}

function id(obj: Json, path: string, errors: Collector, seen: Set<string>, what: string): string | null {
  const value = obj['id'];
  if (typeof value !== 'string' || value.trim() === '') {
    errors.add(`${path}.id`, 'must be a non-empty string');
    return null;
  }
  if (value.includes(':')) {
    errors.add(`${path}.id`, 'must not contain ":" (it separates the parts of instance keys and stream ids)');
    return null;
  }
  if (seen.has(value)) {
    errors.add(`${path}.id`, `duplicate ${what} id "${value}"`);
    return null;
  }
  seen.add(value);
  return value;
}

function weekRange(obj: Json, names: readonly string[], path: string, errors: Collector, campaignWeeks: number | null): WeekRange | null {
  const found = field(obj, names);
  if (!found) return null;
  const at = `${path}.${found.name}`;
  let from: unknown;
  let to: unknown;
  if (Array.isArray(found.value) && found.value.length === 2) [from, to] = found.value;
  else if (isObject(found.value)) ({ from, to } = found.value);
  else {
    errors.add(at, 'must be [fromWeek, toWeek] or { "from": n, "to": n }');
    return null;
  }
  if (!isPositiveInt(from) || !isPositiveInt(to)) {
    errors.add(at, 'weeks must be whole numbers from 1');
    return null;
  }
  if (from > to) {
    errors.add(at, `the first week (${from}) must not come after the last (${to})`);
    return null;
  }
  if (campaignWeeks !== null && to > campaignWeeks) {
    errors.add(at, `week ${to} is beyond the campaign's ${campaignWeeks} weeks`);
    return null;
  }
  return { from, to };
}

function order(obj: Json, path: string, errors: Collector, fallback: number): number {
  const value = obj['order'];
  if (value === undefined || value === null) return fallback;
  if (!isPositiveInt(value)) {
    errors.add(`${path}.order`, 'must be a whole number from 1');
    return fallback;
  }
  return value;
}

function list(root: Json, name: string, errors: Collector, required: boolean): unknown[] {
  const value = root[name];
  if (value === undefined || value === null) {
    if (required) errors.add(name, 'is required and must be an array');
    return [];
  }
  if (!Array.isArray(value)) {
    errors.add(name, 'must be an array');
    return [];
  }
  return value;
}

const byOrder = <T extends { order: number }>(a: T, b: T): number => a.order - b.order;

export function parseTemplate(json: unknown): ParseTemplateResult {
  const errors = new Collector();
  if (!isObject(json)) return { ok: false, errors: [{ path: '$', message: 'a template must be a JSON object' }] };
  const meta = isObject(json['campaign']) ? json['campaign'] : json;
  const metaPath = meta === json ? '$' : 'campaign';

  const name = text(meta, ['name_zh', 'name'], metaPath, errors, true);
  const nameEn = text(meta, ['name_en', 'nameEn'], metaPath, errors, false);
  const code = text(meta, ['code'], metaPath, errors, false);
  let weeks: number | null = null;
  if (meta['weeks'] !== undefined && meta['weeks'] !== null) {
    if (isPositiveInt(meta['weeks'])) weeks = meta['weeks'];
    else errors.add(`${metaPath}.weeks`, 'must be a whole number of weeks from 1');
  }

  // Stages, with phases nested in them (user format) or listed at the top level with a `stage` field (2009 format).
  const stages: TemplateStage[] = [];
  const phases: TemplatePhase[] = [];
  const stageIds = new Set<string>();
  const phaseIds = new Set<string>();
  const nested: { raw: unknown; path: string; stageId: string; index: number }[] = [];
  list(json, 'stages', errors, false).forEach((raw, i) => {
    const path = `stages[${i}]`;
    if (!isObject(raw)) return errors.add(path, 'must be an object');
    const stageId = id(raw, path, errors, stageIds, 'stage');
    const stageName = text(raw, ['name_zh', 'name'], path, errors, true);
    const range = weekRange(raw, ['weeks'], path, errors, weeks);
    const stageOrder = order(raw, path, errors, i + 1);
    if (stageId && stageName) stages.push({ id: stageId, order: stageOrder, name: stageName, code: text(raw, ['code'], path, errors, false), weeks: range });
    if (raw['phases'] !== undefined) {
      if (!Array.isArray(raw['phases'])) errors.add(`${path}.phases`, 'must be an array');
      else if (stageId) raw['phases'].forEach((p, j) => nested.push({ raw: p, path: `${path}.phases[${j}]`, stageId, index: j }));
    }
  });
  const stageOrders = new Set<number>();
  stages.forEach((s) => {
    if (stageOrders.has(s.order)) errors.add(`stages[${stages.indexOf(s)}].order`, `two stages share order ${s.order}; stages run one after another`);
    stageOrders.add(s.order);
  });

  const readPhase = (raw: unknown, path: string, impliedStage: string | null, index: number): void => {
    if (!isObject(raw)) return errors.add(path, 'must be an object');
    const phaseId = id(raw, path, errors, phaseIds, 'phase');
    const phaseName = text(raw, ['name_zh', 'name'], path, errors, true);
    const named = field(raw, ['stage', 'stageId']);
    let stageId: string | null = impliedStage;
    if (named) {
      if (typeof named.value !== 'string' || !stageIds.has(named.value)) {
        errors.add(
          `${path}.${named.name}`,
          `unknown stage "${String(named.value)}"${stageIds.size ? `; known stages: ${[...stageIds].join(', ')}` : '; this template has no stages'}`,
        );
        stageId = null;
      } else if (impliedStage !== null && named.value !== impliedStage) {
        errors.add(`${path}.${named.name}`, `the phase is nested in stage "${impliedStage}" but names stage "${named.value}"`);
      } else stageId = named.value;
    } else if (impliedStage === null && stages.length > 0) {
      errors.add(`${path}.stage`, 'is required: this template has stages, so every phase belongs to one');
    }
    const range = weekRange(raw, ['weeks'], path, errors, weeks);
    if (phaseId && phaseName)
      phases.push({
        id: phaseId,
        stageId,
        order: order(raw, path, errors, index + 1),
        name: phaseName,
        code: text(raw, ['code'], path, errors, false),
        weeks: range,
      });
  };
  nested.forEach((n) => readPhase(n.raw, n.path, n.stageId, n.index));
  list(json, 'phases', errors, false).forEach((raw, i) => readPhase(raw, `phases[${i}]`, null, i));

  const tracks: TemplateTrack[] = [];
  const trackIds = new Set<string>();
  const rawTracks = list(json, 'tracks', errors, false);
  if (rawTracks.length > 0 && stages.length > 0) errors.add('tracks', 'a template uses either stages or parallel tracks, not both; remove one of them');
  rawTracks.forEach((raw, i) => {
    const path = `tracks[${i}]`;
    if (!isObject(raw)) return errors.add(path, 'must be an object');
    const trackId = id(raw, path, errors, trackIds, 'track');
    const trackName = text(raw, ['name_zh', 'name'], path, errors, true);
    if (trackId && trackName)
      tracks.push({ id: trackId, order: order(raw, path, errors, i + 1), name: trackName, code: text(raw, ['code'], path, errors, false) });
  });

  const tasks: TemplateTask[] = [];
  const taskIds = new Set<string>();
  list(json, 'tasks', errors, true).forEach((raw, i) => {
    const path = `tasks[${i}]`;
    if (!isObject(raw)) return errors.add(path, 'must be an object');
    const before = errors.errors.length;
    const taskId = id(raw, path, errors, taskIds, 'task');
    const title = text(raw, ['title_zh', 'title'], path, errors, true);
    const titleEn = text(raw, ['title_en', 'titleEn'], path, errors, false);

    const scopeValue = raw['scope'];
    if (!TASK_SCOPES.includes(scopeValue as TaskScope)) errors.add(`${path}.scope`, `must be one of ${TASK_SCOPES.join(', ')}`);

    const phaseRef = field(raw, ['phase', 'phaseId']);
    const stageRef = field(raw, ['stage', 'stageId']);
    const trackRef = field(raw, ['track', 'trackId']);
    let phase: TemplatePhase | undefined;
    let stageId: string | null = null;
    if (phaseRef) {
      phase = phases.find((p) => p.id === phaseRef.value);
      if (!phase)
        errors.add(
          `${path}.${phaseRef.name}`,
          `unknown phase "${String(phaseRef.value)}"${phaseIds.size ? `; known phases: ${[...phaseIds].join(', ')}` : ''}`,
        );
      else stageId = phase.stageId;
    }
    if (stageRef) {
      if (typeof stageRef.value !== 'string' || !stageIds.has(stageRef.value))
        errors.add(`${path}.${stageRef.name}`, `unknown stage "${String(stageRef.value)}"`);
      else if (phase && phase.stageId !== stageRef.value)
        errors.add(`${path}.${stageRef.name}`, `phase "${phase.id}" belongs to stage "${phase.stageId}", not "${stageRef.value}"`);
      else stageId = stageRef.value;
    }
    if (stages.length > 0 && !phaseRef && !stageRef)
      errors.add(`${path}.phase`, 'is required: this template has stages, so name the phase (or stage) the task belongs to');
    let trackId: string | null = null;
    if (trackRef) {
      if (typeof trackRef.value !== 'string' || !trackIds.has(trackRef.value))
        errors.add(`${path}.${trackRef.name}`, `unknown track "${String(trackRef.value)}"`);
      else trackId = trackRef.value;
    }

    const dueWeek = field(raw, ['due_week', 'dueWeek']);
    const dueDate = field(raw, ['due_date', 'dueDate']);
    let due: TaskDue | null = null;
    if (dueWeek && dueDate) errors.add(`${path}.${dueWeek.name}`, 'give either a due week or a due date, not both');
    else if (dueWeek) {
      if (!isPositiveInt(dueWeek.value)) errors.add(`${path}.${dueWeek.name}`, 'must be a whole week number from 1');
      else if (weeks !== null && dueWeek.value > weeks) errors.add(`${path}.${dueWeek.name}`, `week ${dueWeek.value} is beyond the campaign's ${weeks} weeks`);
      else due = { kind: 'week', week: dueWeek.value };
    } else if (dueDate) {
      if (!isIsoDate(dueDate.value)) errors.add(`${path}.${dueDate.name}`, 'must be a date written YYYY-MM-DD');
      else due = { kind: 'date', date: dueDate.value };
    } else errors.add(`${path}.due_week`, 'a due week (due_week) or a due date (due_date) is required');

    const recurrence = weekRange(raw, ['weeks'], path, errors, weeks);
    if (recurrence && scopeValue !== 'branch_recurring_weekly') errors.add(`${path}.weeks`, 'only branch_recurring_weekly tasks repeat over weeks');

    let evidence: string[] = [];
    const ev = field(raw, ['evidence', 'evidence_expected', 'evidenceExpected']);
    if (ev) {
      if (typeof ev.value === 'string') evidence = ev.value.trim() ? [ev.value.trim()] : [];
      else if (Array.isArray(ev.value) && ev.value.every((e) => typeof e === 'string')) evidence = (ev.value as string[]).map((e) => e.trim()).filter(Boolean);
      else errors.add(`${path}.${ev.name}`, 'must be a string or an array of strings');
    }

    const kindValue = raw['kind'] ?? 'checklist';
    if (!TASK_KINDS.includes(kindValue as TaskKind)) errors.add(`${path}.kind`, `must be one of ${TASK_KINDS.join(', ')}`);
    let quantity: TaskQuantity | null = null;
    const target = field(raw, ['target', 'target_value', 'targetValue']);
    const challenge = field(raw, ['challenge', 'challenge_value', 'challengeValue']);
    if (kindValue === 'quantity') {
      const okTarget = target && typeof target.value === 'number' && Number.isFinite(target.value) && target.value > 0;
      if (!okTarget) errors.add(`${path}.${target?.name ?? 'target'}`, 'a quantity task needs a target value greater than 0');
      let challengeValue: number | null = null;
      if (challenge) {
        if (typeof challenge.value !== 'number' || !Number.isFinite(challenge.value) || challenge.value <= 0)
          errors.add(`${path}.${challenge.name}`, 'must be a number greater than 0');
        else if (okTarget && challenge.value < (target.value as number))
          errors.add(`${path}.${challenge.name}`, `the challenge value (${challenge.value}) must not be below the target (${String(target.value)})`);
        else challengeValue = challenge.value;
      }
      const unit = text(raw, ['unit'], path, errors, false);
      if (okTarget) quantity = { target: target.value as number, challenge: challengeValue, unit };
    } else {
      if (target) errors.add(`${path}.${target.name}`, 'only quantity tasks have a target; set "kind": "quantity"');
      if (challenge) errors.add(`${path}.${challenge.name}`, 'only quantity tasks have a challenge value; set "kind": "quantity"');
    }

    let mandatory = true;
    if (raw['mandatory'] !== undefined && raw['mandatory'] !== null) {
      if (typeof raw['mandatory'] !== 'boolean') errors.add(`${path}.mandatory`, 'must be true or false');
      else mandatory = raw['mandatory'];
    }
    const responsible = text(raw, ['responsible'], path, errors, false);
    const source = text(raw, ['source'], path, errors, false);

    if (errors.errors.length === before && taskId && title && due) {
      tasks.push({
        id: taskId,
        title,
        titleEn,
        stageId,
        phaseId: phase?.id ?? null,
        trackId,
        scope: scopeValue as TaskScope,
        due,
        weeks: recurrence,
        evidence,
        responsible,
        kind: kindValue as TaskKind,
        quantity,
        mandatory,
        source,
      });
    }
  });

  if (errors.errors.length > 0 || !name) return { ok: false, errors: errors.errors };
  const stageOrder = new Map(stages.map((s) => [s.id, s.order]));
  const template: CampaignTemplate = {
    code,
    name,
    nameEn,
    weeks,
    stages: [...stages].sort(byOrder),
    phases: [...phases].sort((a, b) => (stageOrder.get(a.stageId ?? '') ?? 0) - (stageOrder.get(b.stageId ?? '') ?? 0) || a.order - b.order),
    tracks: [...tracks].sort(byOrder),
    tasks,
  };
  return { ok: true, template };
}
