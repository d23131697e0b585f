// The one place that knows the API's routes and shapes: every page calls these functions, never fetch directly.
import { deriveDashboard, deriveOverview, warningColour } from './derive';
import type {
  Account, AccountRow, AddBranchInput, AddDivisionInput, AsOfState, AttendanceMark, BranchDashboard, BranchInstances, BranchWork, Campaign, CampaignDiff,
  CampaignSummary, ChangeRoleInput, CreateAccountInput, DashboardInstance, ErrorBody, Freshness, InstanceStatus, LoginAnswer, OrganisationWriteResult, Overview,
  PlanCampaignInput, ProjectionStatus, Ratio, RegisterUnitInput, Roster, RosterImportReport, StageUnfinished, TemplateListItem, ThreeOnesItem, Unit, UnitSummary,
  WarningRow,
} from './types';
import type { AsOfView, DigestCheck, DigestView, HistoryEntry, HistoryPage, HistoryQuery, VerifyReport } from './audit-types';
import { openFetchEventStream, type StreamLike } from './event-stream';

const TOKEN_KEY = 'ledger.token';
const ACCOUNT_KEY = 'ledger.account';

export const session = {
  token: (): string | null => sessionStorage.getItem(TOKEN_KEY),
  account: (): Account | null => {
    const raw = sessionStorage.getItem(ACCOUNT_KEY);
    try {
      return raw ? (JSON.parse(raw) as Account) : null;
    } catch {
      return null;
    }
  },
  save: (answer: LoginAnswer) => {
    sessionStorage.setItem(TOKEN_KEY, answer.token);
    sessionStorage.setItem(ACCOUNT_KEY, JSON.stringify(answer.account));
  },
  clear: () => {
    sessionStorage.removeItem(TOKEN_KEY);
    sessionStorage.removeItem(ACCOUNT_KEY);
  },
};

/** Called on any 401 (expired or missing token): the app goes back to the log-in page. */
let onUnauthorized: () => void = () => undefined;
export const setUnauthorizedHandler = (handler: () => void) => {
  onUnauthorized = handler;
};

/** A change of the user's own password while it is out: the server ends the old token before the answer brings the new one. */
let tokenChange: Promise<unknown> | null = null;

/**
 * A 401 signs out, unless the token it was sent with has been replaced meanwhile (a request that crossed a password
 * change): then true, and the caller may send it again with the new token.
 */
async function unauthorized(usedToken: string | null): Promise<boolean> {
  if (tokenChange) await tokenChange.catch(() => undefined);
  const now = session.token();
  if (usedToken !== null && now !== null && now !== usedToken) return true;
  onUnauthorized();
  return false;
}

export class ApiError extends Error {
  constructor(readonly status: number, readonly body: ErrorBody) {
    super(body.message);
  }
  /** The message for the current language: messageZh in Chinese when the server sent one. */
  text(lang: 'zh' | 'en'): string {
    return lang === 'zh' && this.body.messageZh ? this.body.messageZh : this.body.message;
  }
  fieldMessages(field: string): string[] {
    return (this.body.fieldErrors ?? []).filter((f) => f.field === field || f.field.startsWith(`${field}.`)).flatMap((f) => f.messages);
  }
}

export const isNotFound = (e: unknown) => e instanceof ApiError && (e.status === 404 || e.status === 501);
/** No answer from the API itself: the network, or a proxy in front of it that could not reach it. */
export const isUnreachable = (e: unknown) => e instanceof ApiError && [0, 502, 503, 504].includes(e.status);

interface RequestOptions {
  readonly method?: string;
  readonly body?: unknown;
  readonly form?: FormData;
  readonly headers?: Record<string, string>;
  readonly signal?: AbortSignal;
}

async function request<T>(path: string, options: RequestOptions = {}, retried = false): Promise<{ data: T; headers: Headers }> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  const token = session.token();
  if (token) headers.Authorization = `Bearer ${token}`;
  let body: BodyInit | undefined;
  if (options.form) body = options.form;
  else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetch(`/api${path}`, { method: options.method ?? 'GET', headers, body, signal: options.signal });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(0, { statusCode: 0, error: 'NETWORK', message: 'the server cannot be reached: check the connection and try again', messageZh: '无法连接服务器，请检查网络后重试' });
  }
  const text = await response.text();
  let parsed: unknown = undefined;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!response.ok) {
    const errorBody: ErrorBody =
      parsed && typeof parsed === 'object' && 'message' in parsed
        ? { ...(parsed as ErrorBody), statusCode: response.status, error: String((parsed as ErrorBody).error ?? response.status), message: String((parsed as ErrorBody).message) }
        : { statusCode: response.status, error: response.statusText || String(response.status), message: text || response.statusText || `HTTP ${response.status}` };
    if (response.status === 401 && path.startsWith('/auth/password')) onUnauthorized();
    else if (response.status === 401 && !path.startsWith('/auth/login') && (await unauthorized(token)) && !retried) return request<T>(path, options, true);
    throw new ApiError(response.status, errorBody);
  }
  return { data: parsed as T, headers: response.headers };
}

const get = async <T>(path: string, signal?: AbortSignal) => (await request<T>(path, { signal })).data;

/** The 迎检 dossier (XLSX): fetched with the token, then handed to the browser as a file download. */
export async function downloadDossier(campaignId: string): Promise<void> {
  const token = session.token();
  const response = await fetch(`/api/campaigns/${encodeURIComponent(campaignId)}/dossier.xlsx`, {
    headers: token ? { Authorization: `Bearer ${token}` } : {},
  });
  if (!response.ok) {
    const text = await response.text();
    let body: ErrorBody;
    try {
      body = { ...(JSON.parse(text) as ErrorBody), statusCode: response.status };
    } catch {
      body = { statusCode: response.status, error: String(response.status), message: text || response.statusText };
    }
    if (response.status === 401 && (await unauthorized(token))) return downloadDossier(campaignId);
    throw new ApiError(response.status, body);
  }
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  const url = URL.createObjectURL(await response.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = encoded ? decodeURIComponent(encoded) : `ledger-${campaignId}.xlsx`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
const post = async <T>(path: string, body?: unknown, headers?: Record<string, string>) => (await request<T>(path, { method: 'POST', body: body ?? {}, headers })).data;
const enc = encodeURIComponent;
const branchPath = (campaignId: string, branchId: string) => `/campaigns/${enc(campaignId)}/branches/${enc(branchId)}`;

// ---------------- auth & organisation ----------------

export const login = (username: string, password: string) => post<LoginAnswer>('/auth/login', { username, password });
/** Every earlier token of the account stops working at once: the answer's token is kept in the session before anything else is sent. */
export async function changeOwnPassword(currentPassword: string, newPassword: string): Promise<LoginAnswer> {
  const change = post<LoginAnswer>('/auth/password', { currentPassword, newPassword }).then((answer) => {
    session.save(answer);
    return answer;
  });
  tokenChange = change;
  try {
    return await change;
  } finally {
    if (tokenChange === change) tokenChange = null;
  }
}
export const listAccounts = () => get<AccountRow[]>('/accounts');
export const createAccount = (input: CreateAccountInput) => post<AccountRow>('/accounts', input);
export const resetPassword = (accountId: string, password: string, reason?: string) =>
  post<AccountRow>(`/accounts/${enc(accountId)}/password`, reason ? { password, reason } : { password });
export const disableAccount = (accountId: string, reason: string) => post<AccountRow>(`/accounts/${enc(accountId)}/disable`, { reason });
export const enableAccount = (accountId: string, reason: string) => post<AccountRow>(`/accounts/${enc(accountId)}/enable`, { reason });
export const changeRole = (accountId: string, input: ChangeRoleInput) => post<AccountRow>(`/accounts/${enc(accountId)}/role`, input);

export const listUnits = () => get<UnitSummary[]>('/units');
export const getUnit = (unitId: string) => get<Unit>(`/units/${enc(unitId)}`);
export const getRoster = (unitId: string, branchId: string) => get<Roster>(`/units/${enc(unitId)}/branches/${enc(branchId)}/roster`);
/**
 * Registers a unit (installation administrator only; a unit administrator is answered 403). The key makes a retry after
 * a lost answer safe: the server gives the first answer again instead of a second unit.
 */
export const registerUnit = (input: RegisterUnitInput, idempotencyKey?: string) =>
  post<OrganisationWriteResult>('/units', input, idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : undefined);
export const addBranch = (unitId: string, input: AddBranchInput) => post<OrganisationWriteResult>(`/units/${enc(unitId)}/branches`, input);
export const addDivision = (unitId: string, input: AddDivisionInput) => post<OrganisationWriteResult>(`/units/${enc(unitId)}/divisions`, input);

const isImportReport = (value: unknown): value is RosterImportReport =>
  typeof value === 'object' && value !== null && Array.isArray((value as RosterImportReport).refused) && typeof (value as RosterImportReport).rows === 'number';

/**
 * Checks (dryRun) or imports a roster file. A file with refused rows answers 422 and writes nothing: its report comes
 * back like a preview's (written: false), so that the rows to correct can be listed.
 */
export async function importRoster(unitId: string, file: File, dryRun: boolean): Promise<RosterImportReport> {
  const form = new FormData();
  form.append('file', file, file.name);
  try {
    return (await request<RosterImportReport>(`/units/${enc(unitId)}/import${dryRun ? '?dryRun=true' : ''}`, { method: 'POST', form })).data;
  } catch (error) {
    const report = error instanceof ApiError && error.status === 422 ? error.body.report : undefined;
    if (isImportReport(report)) return report;
    throw error;
  }
}

// ---------------- campaigns ----------------

export const listCampaigns = async (unitId?: string | null) =>
  (await get<{ campaigns: CampaignSummary[] }>(`/campaigns${unitId ? `?unitId=${enc(unitId)}` : ''}`)).campaigns;
export const getCampaign = (campaignId: string) => get<Campaign>(`/campaigns/${enc(campaignId)}`);
export const listTemplates = () => get<TemplateListItem[]>('/templates');
/** Plans a campaign (leading group); the answer is the campaign view. The key keeps a retry from planning it twice. */
export const planCampaign = (input: PlanCampaignInput, idempotencyKey?: string) =>
  post<Campaign>('/campaigns', input, idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : undefined);
export const openStage = (campaign: Campaign, stageId: string) =>
  post<Campaign>(`/campaigns/${enc(campaign.campaignId)}/stages/${enc(stageId)}/open`, {}, { 'If-Match': campaign.etag });
export const closeStage = (campaign: Campaign, stageId: string, carryOver: boolean, reason?: string) =>
  post<Campaign>(`/campaigns/${enc(campaign.campaignId)}/stages/${enc(stageId)}/close`, reason ? { carryOver, reason } : { carryOver }, { 'If-Match': campaign.etag });
export const stageUnfinished = (campaignId: string, stageId: string) => get<StageUnfinished>(`/campaigns/${enc(campaignId)}/stages/${enc(stageId)}/unfinished`);
export const listInstances = (campaignId: string, branchId: string) => get<BranchInstances>(`/campaigns/${enc(campaignId)}/instances?branchId=${enc(branchId)}`);

// ---------------- branch work ----------------

export const getBranchWork = (campaignId: string, branchId: string) => get<BranchWork>(`${branchPath(campaignId, branchId)}/work`);

export function completeInstance(campaignId: string, branchId: string, instanceKey: string, input: { note?: string; completedOn?: string; files: readonly File[] }) {
  const form = new FormData();
  if (input.note) form.append('note', input.note);
  if (input.completedOn) form.append('completedOn', input.completedOn);
  form.append('commandId', `web-${crypto.randomUUID?.() ?? Date.now().toString(36)}`);
  for (const file of input.files) form.append('evidence', file, file.name);
  return request<unknown>(`${branchPath(campaignId, branchId)}/instances/${enc(instanceKey)}/complete`, { method: 'POST', form }).then((r) => r.data);
}
export const reopenInstance = (campaignId: string, branchId: string, instanceKey: string, reason: string) =>
  post(`${branchPath(campaignId, branchId)}/instances/${enc(instanceKey)}/reopen`, { reason });
export const recordStudySession = (campaignId: string, branchId: string, input: { date: string; topic: string; attendance: Record<string, AttendanceMark> }) =>
  post(`${branchPath(campaignId, branchId)}/study-sessions`, input);
export const recordMakeUp = (campaignId: string, branchId: string, sessionId: string, input: { memberId: string; date: string; note?: string }) =>
  post(`${branchPath(campaignId, branchId)}/study-sessions/${enc(sessionId)}/make-ups`, input);
export const recordThreeOnes = (campaignId: string, branchId: string, input: { memberId: string; item: ThreeOnesItem; date: string; title: string; note?: string }) =>
  post(`${branchPath(campaignId, branchId)}/three-ones`, input);

// ---------------- read models ----------------
// Mapped from libs/projections (read-model.queries.ts) as served by apps/api/src/read-models: GET .../overview, .../heat-map,
// .../ranking, .../participation/weekly, .../overdue, .../branches/:bid/dashboard, SSE .../overview/stream (event "overview").

const num = (v: any): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const ZERO: Ratio = { numerator: 0, denominator: 0 };
const asRatio = (v: any): Ratio | null =>
  v && typeof v === 'object' && 'numerator' in v && 'denominator' in v ? { numerator: num(v.numerator), denominator: num(v.denominator) } : null;

/** Server Progress = { applicable, done, overdue, completion: Ratio }; tolerant of either half. */
function progress(raw: any) {
  const completion = asRatio(raw?.completion) ?? (raw && 'done' in raw ? { numerator: num(raw.done), denominator: num(raw.applicable) } : null) ?? ZERO;
  return { completion, overdue: num(raw?.overdue) };
}

const participation = (raw: any) => ({ byPerson: asRatio(raw?.byPerson) ?? ZERO, byPersonSession: asRatio(raw?.byPersonSession) ?? ZERO });

const instanceStatus = (s: any): InstanceStatus => (s === 'completed' || s === 'cancelled' || s === 'carried_over' ? s : 'open');

/** The parts of the overview that the overview route (and its stream) carries. */
export function overviewCore(raw: any, campaign: Campaign): Pick<Overview, 'campaignId' | 'asOf' | 'campaign' | 'stages' | 'phases' | 'halfYear' | 'participation' | 'warningCounts'> {
  const stages: any[] = raw.stages ?? [];
  const phases: any[] = [...stages.flatMap((s) => s.phases ?? []), ...(raw.phases ?? [])];
  const half = raw.halfYear ?? {};
  return {
    campaignId: raw.campaignId ?? campaign.campaignId,
    asOf: raw.asOf ?? new Date().toISOString().slice(0, 10),
    campaign: progress(raw.totals ?? raw.campaign),
    stages: stages.map((s) => ({ stageId: s.stageId, name: s.name, status: s.status ?? 'pending', ...progress(s) })),
    phases: phases.map((p) => ({ phaseId: p.phaseId, stageId: p.stageId ?? null, name: p.name ?? p.phaseId, ...progress(p) })),
    halfYear: {
      timeProgress: asRatio(half.timeProgress) ?? ZERO, workProgress: asRatio(half.workProgress) ?? ZERO, halfwayDate: half.halfwayDate ?? null, passes: Boolean(half.passes),
    },
    participation: participation(raw.participation),
    warningCounts: { red: num(raw.warnings?.red), amber: num(raw.warnings?.amber) },
  };
}

export function composeOverview(parts: { overview: any; heatMap: any; ranking: any; weekly: any; overdue: any }, campaign: Campaign): Overview {
  const core = overviewCore(parts.overview, campaign);
  const heatBranches: any[] = parts.heatMap?.branches ?? [];
  const names = new Map<string, string>(heatBranches.map((b) => [b.branchId, b.name]));
  const warnings: WarningRow[] = (parts.overdue?.instances ?? []).map((w: any) => ({
    instanceKey: w.instanceKey, taskId: w.taskId, title: w.title ?? w.taskId, branchId: w.branchId, branchName: names.get(w.branchId) ?? w.branchId, phaseId: w.phaseId ?? null,
    subjectId: w.subjectId, subjectName: w.subjectName ?? null, dueDate: w.dueDate, daysLeft: num(w.daysLeft), colour: w.colour ?? warningColour(w.dueDate, core.asOf, false).colour,
  }));
  const redByBranch = new Map<string, number>();
  for (const w of warnings) if (w.colour === 'red') redByBranch.set(w.branchId, (redByBranch.get(w.branchId) ?? 0) + 1);
  const hasWork = (b: any) => Object.values(b.cells ?? {}).some((c: any) => num(c.applicable) > 0);
  return {
    ...core,
    branches: (parts.ranking ?? []).map((b: any) => ({
      branchId: b.branchId, name: b.name ?? names.get(b.branchId) ?? b.branchId, completion: asRatio(b.completion) ?? ZERO, overdue: redByBranch.get(b.branchId) ?? 0,
      participation: participation(b.participation),
    })),
    heatmap: {
      rows: heatBranches.filter((b) => !b.branchId.startsWith('_') || hasWork(b)).map((b) => ({ branchId: b.branchId, name: b.name })),
      cells: heatBranches.flatMap((b) => Object.entries(b.cells ?? {}).map(([phaseId, c]: [string, any]) => ({ branchId: b.branchId, phaseId, completion: asRatio(c.completion) ?? ZERO }))),
    },
    participationOverTime: (parts.weekly ?? []).map((w: any) => ({
      date: w.weekOf ?? w.date, sessions: num(w.sessions), participation: asRatio(w.participation) ?? ZERO, attendance: asRatio(w.attendance),
    })),
    warnings,
    source: 'read-model',
  };
}

/** A pushed overview refreshes the headline figures at once; the rest follows with the next read. */
export function mergeOverviewPush(data: string, previous: Overview | null, campaign: Campaign): Overview | null {
  const raw = JSON.parse(data);
  if (!raw || typeof raw !== 'object' || !('totals' in raw || 'stages' in raw)) return previous;
  if (!previous) return null;
  return { ...previous, ...overviewCore(raw, campaign) };
}

function normaliseDashboard(raw: any, work: BranchWork | null, campaign: Campaign, branchId: string): BranchDashboard {
  const asOf = raw.asOf ?? new Date().toISOString().slice(0, 10);
  const completions = new Map((work?.instances ?? []).map((w) => [w.instanceKey, w.completion]));
  const planOrder = (id: string | null) => (id === null ? Number.MAX_SAFE_INTEGER : campaign.phases.findIndex((p) => p.phaseId === id));
  const phases: any[] = [...(raw.phases ?? []).slice().sort((a: any, b: any) => planOrder(a.phaseId) - planOrder(b.phaseId)), ...((raw.unphased ?? []).length ? [{ phaseId: null, name: '', stageId: null, instances: raw.unphased, ...progressFromInstances(raw.unphased) }] : [])];
  return {
    campaignId: raw.campaignId ?? campaign.campaignId,
    branchId: raw.branchId ?? branchId,
    asOf,
    total: progress(raw.totals),
    participation: participation(raw.participation),
    phases: phases.map((p) => ({
      phaseId: p.phaseId ?? null, name: p.name ?? '', stageId: p.stageId ?? null, ...progress(p),
      instances: (p.instances ?? []).map((i: any): DashboardInstance => {
        const status = i.carriedOverTo !== undefined && i.carriedOverTo !== null && i.status !== 'completed' ? 'carried_over' : instanceStatus(i.status);
        const completion = completions.get(i.instanceKey);
        return {
          instanceKey: i.instanceKey, taskId: i.taskId, title: i.title ?? i.taskId, scope: i.scope ?? 'branch', subjectId: i.subjectId ?? branchId, subjectName: i.subjectName ?? null,
          phaseId: i.phaseId ?? null, stageId: i.stageId ?? null, weekOf: i.weekOf ?? null, dueDate: i.dueDate, status,
          overdue: i.colour === 'red', colour: i.colour ?? 'green', daysLeft: num(i.daysLeft), completedOn: i.completedOn ?? null, mandatory: i.mandatory ?? true,
          reopenCount: num(i.reopenCount), note: completion?.note ?? null, evidenceCount: Array.isArray(i.evidence) ? i.evidence.length : (completion?.evidence.length ?? 0),
        };
      }),
    })),
    // Sessions with each member's mark, and three-ones titles, come from the branch's work (the dashboard carries only figures).
    sessions: work?.sessions ?? [],
    threeOnes: work?.threeOnes ?? [],
    source: 'read-model',
  };
}

function progressFromInstances(list: any[]) {
  const done = list.filter((i) => i.status === 'completed').length;
  return { applicable: list.length, done, overdue: list.filter((i) => i.colour === 'red').length };
}

/**
 * Whether the read-model routes exist: a 404 naming the route ("Cannot GET ...") means they are not deployed, and the
 * overview is folded in the browser from the instance and work routes instead. A 404 for a campaign not projected yet is retried.
 */
let readModelRoutes: 'unknown' | 'present' | 'absent' = 'unknown';
const routeMissing = (e: unknown) => isNotFound(e) && /Cannot (GET|POST)/i.test((e as ApiError).body.message);

export async function getOverview(campaign: Campaign, unit: Unit | null, signal?: AbortSignal): Promise<Overview> {
  const base = `/campaigns/${enc(campaign.campaignId)}`;
  if (readModelRoutes !== 'absent') {
    try {
      const [overview, heatMap, ranking, weekly, overdue] = await Promise.all([
        get<unknown>(`${base}/overview`, signal),
        get<unknown>(`${base}/heat-map`, signal),
        get<unknown>(`${base}/ranking?by=completion`, signal),
        get<unknown>(`${base}/participation/weekly`, signal),
        get<unknown>(`${base}/overdue?limit=1000`, signal),
      ]);
      readModelRoutes = 'present';
      return composeOverview({ overview, heatMap, ranking, weekly, overdue }, campaign);
    } catch (error) {
      if (routeMissing(error)) readModelRoutes = 'absent';
      else if (!isNotFound(error)) throw error;
    }
  }
  const branchIds = [...(unit?.branches.map((b) => b.branchId) ?? []), campaign.officeBranchId];
  const [instances, works] = await Promise.all([
    Promise.all(branchIds.map((id) => get<BranchInstances>(`${base}/instances?branchId=${enc(id)}`, signal))),
    Promise.all(branchIds.map((id) => get<BranchWork>(`${branchPath(campaign.campaignId, id)}/work`, signal).catch(() => null))),
  ]);
  return deriveOverview({ campaign, unit, instances, works: works.filter((w): w is BranchWork => w !== null) });
}

export async function getBranchDashboard(campaign: Campaign, branchId: string, signal?: AbortSignal): Promise<BranchDashboard> {
  const workPromise = get<BranchWork>(`${branchPath(campaign.campaignId, branchId)}/work`, signal);
  if (readModelRoutes !== 'absent') {
    try {
      const [raw, work] = await Promise.all([get<unknown>(`${branchPath(campaign.campaignId, branchId)}/dashboard`, signal), workPromise]);
      readModelRoutes = 'present';
      return normaliseDashboard(raw, work, campaign, branchId);
    } catch (error) {
      if (routeMissing(error)) readModelRoutes = 'absent';
      else if (!isNotFound(error)) throw error;
    }
  }
  const [instances, work] = await Promise.all([listInstances(campaign.campaignId, branchId), workPromise]);
  return deriveDashboard(campaign, instances, work);
}

/** The live overview (server-sent events, event "overview"); opened with openEventStream, so no token is in the address. */
export const overviewStreamUrl = (campaignId: string): string => `/api/campaigns/${enc(campaignId)}/overview/stream`;

/** A server-sent event stream of the API, read over fetch with the session's Authorization header (read at every reconnection). */
export function openEventStream(url: string): StreamLike {
  let sentToken: string | null = null;
  return openFetchEventStream(url, {
    headers: (): Record<string, string> => {
      sentToken = session.token();
      return sentToken ? { Authorization: `Bearer ${sentToken}` } : {};
    },
    // A stream refused for a token replaced meanwhile is simply opened again later by the live feed.
    onRefused: (status) => {
      if (status === 401) void unauthorized(sentToken);
    },
  });
}

export const projectionsStatus = () => get<ProjectionStatus>('/projections/status');

/** How current the figures are; read by every signed-in page for the "figures delayed" banner. */
export const getFreshness = (signal?: AbortSignal) => get<Freshness>('/projections/freshness', signal);

// ---------------- audit (apps/api/src/audit) and the campaign at a moment ----------------

const query = (params: Record<string, string | number | undefined>) => {
  const pairs = Object.entries(params).filter((p): p is [string, string | number] => p[1] !== undefined && p[1] !== '');
  return pairs.length ? `?${pairs.map(([k, v]) => `${k}=${enc(String(v))}`).join('&')}` : '';
};

export const getHistory = (q: HistoryQuery, signal?: AbortSignal) =>
  get<HistoryPage>(
    `/audit/history${query({
      campaignId: q.campaignId, branchId: q.branchId, memberId: q.memberId, stream: q.stream, type: q.types?.length ? q.types.join(',') : undefined,
      from: q.from, to: q.to, page: q.page, pageSize: q.pageSize,
    })}`,
    signal,
  );

const comparePositions = (a: string, b: string) => {
  const [ac, ap] = a.split('/').map(Number);
  const [bc, bp] = b.split('/').map(Number);
  return ac - bc || ap - bp;
};

const INSTANCE_EVENTS = ['TaskCompleted', 'TaskReopened', 'QuantityReported'];
const TASK_EVENTS = ['TaskAdded', 'TaskDeadlineMoved', 'TaskCancelled'];

/** Every page of a history query (the route gives at most 1,000 events a page). */
async function allHistory(q: HistoryQuery, signal?: AbortSignal): Promise<HistoryEntry[]> {
  const items: HistoryEntry[] = [];
  for (let page = 1; ; page++) {
    const answer = await getHistory({ ...q, page, pageSize: 1000 }, signal);
    items.push(...answer.items);
    if (page >= answer.pages) return items;
  }
}

/** One task instance from start to now: its task's changes in the plan, then every record of it in its branch. */
export async function getInstanceHistory(campaignId: string, branchId: string, instanceKey: string, taskId: string | null, signal?: AbortSignal) {
  const [work, plan] = await Promise.all([
    allHistory({ campaignId, branchId, types: INSTANCE_EVENTS }, signal),
    taskId ? allHistory({ campaignId, types: TASK_EVENTS }, signal) : Promise.resolve([]),
  ]);
  const taskOf = (e: HistoryEntry) => (e.data?.taskId as string | undefined) ?? ((e.data?.task as { taskId?: string } | undefined)?.taskId ?? null);
  return [...work.filter((e) => e.data?.instanceKey === instanceKey), ...plan.filter((e) => taskOf(e) === taskId)].sort((a, b) => comparePositions(a.position, b.position));
}

/** The chain check; with `against`, the server also re-checks the log up to that digest when it can (a DigestCheck comes back). */
export const verifyLedger = (against?: string) => get<VerifyReport | DigestCheck>(`/audit/verify${query({ against })}`);
export const getDigest = () => get<DigestView>('/audit/digest');

function rankingRows(raw: AsOfState['ranking']): Overview['branches'] {
  return raw.map((b) => ({ branchId: b.branchId, name: b.name ?? b.branchId, completion: asRatio(b.completion) ?? ZERO, overdue: 0, participation: participation(b.participation) }));
}

function overdueRows(raw: AsOfState['overdue']['instances'], branchName: (id: string) => string): WarningRow[] {
  return raw.map((w) => ({
    instanceKey: w.instanceKey, taskId: w.taskId, title: w.title ?? w.taskId, branchId: w.branchId, branchName: branchName(w.branchId), phaseId: w.phaseId ?? null,
    subjectId: w.subjectId, subjectName: w.subjectName ?? null, dueDate: w.dueDate, daysLeft: num(w.daysLeft), colour: w.colour,
  }));
}

/** The campaign replayed from the log as recorded by `at` (an ISO instant, or a day meaning its end). */
export async function getAsOf(campaign: Campaign, at: string, branchName: (id: string) => string, signal?: AbortSignal): Promise<AsOfView> {
  const raw = await get<AsOfState>(`/campaigns/${enc(campaign.campaignId)}/as-of${query({ at })}`, signal);
  const core = overviewCore(raw.overview, campaign);
  const red = overdueRows(raw.overdue?.instances ?? [], branchName).filter((w) => w.colour === 'red');
  const redByBranch = new Map<string, number>();
  for (const w of red) redByBranch.set(w.branchId, (redByBranch.get(w.branchId) ?? 0) + 1);
  return {
    at: raw.at, officeDate: raw.officeDate, position: raw.position, eventsReplayed: raw.eventsReplayed, overview: core,
    ranking: rankingRows(raw.ranking ?? []).map((b) => ({ ...b, overdue: redByBranch.get(b.branchId) ?? 0 })), overdue: red,
  };
}

/** What changed in the campaign between two moments: completions, reopenings and the plan's changes, in log order. */
export const getDiff = (campaign: Campaign, from: string, to: string, signal?: AbortSignal) =>
  get<CampaignDiff>(`/campaigns/${enc(campaign.campaignId)}/diff${query({ from, to })}`, signal);
