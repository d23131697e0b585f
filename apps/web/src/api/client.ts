// The one place that knows the API's routes: every page calls these functions, never fetch directly. What the routes
// answer is typed by the contract the server answers with (@campaign-ledger/api-contract), used as it comes.
import type {
  AccountView,
  AddBranchBody,
  AddDivisionBody,
  BranchDashboardAnswer,
  BranchRanking,
  BranchWorkView,
  CampaignDiff,
  CampaignList,
  CampaignOverview,
  CampaignView,
  ChangeRoleBody,
  CompleteTaskFields,
  CompletionResult,
  CreateAccountBody,
  DigestCheck,
  DigestView,
  ErrorBody,
  Freshness,
  HeatMap,
  HistoryEntry,
  HistoryPage,
  LoginAnswer,
  MakeUpResult,
  OrganisationView,
  OrganisationWriteResult,
  OverdueList,
  PlanCampaignBody,
  QuantityResult,
  RecordMakeUpBody,
  RecordStudySessionBody,
  RecordThreeOnesBody,
  RegisterUnitBody,
  ReopenResult,
  Roster,
  RosterImportAnswer,
  StageUnfinishedView,
  StateAsOf,
  StudySessionResult,
  TaskScope,
  TemplateListItem,
  ThreeOnesResult,
  UnitSummary,
  VerifyLogReport,
  WeeklyParticipation,
} from '@campaign-ledger/api-contract';
import { RETRY_BACKOFF } from './backoff';
import { openFetchEventStream, type StreamLike } from './event-stream';
import { eventData, type OverviewFigures } from './views';

const TOKEN_KEY = 'ledger.token';
const ACCOUNT_KEY = 'ledger.account';

export const session = {
  token: (): string | null => sessionStorage.getItem(TOKEN_KEY),
  account: (): AccountView | null => {
    const raw = sessionStorage.getItem(ACCOUNT_KEY);
    try {
      return raw ? (JSON.parse(raw) as AccountView) : null;
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
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
  ) {
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
    throw new ApiError(0, {
      statusCode: 0,
      error: 'NETWORK',
      message: 'the server cannot be reached: check the connection and try again',
      messageZh: '无法连接服务器，请检查网络后重试',
    });
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
        ? {
            ...(parsed as ErrorBody),
            statusCode: response.status,
            error: String((parsed as ErrorBody).error ?? response.status),
            message: String((parsed as ErrorBody).message),
          }
        : {
            statusCode: response.status,
            error: response.statusText || String(response.status),
            message: text || response.statusText || `HTTP ${response.status}`,
          };
    if (response.status === 401 && path.startsWith('/auth/password')) onUnauthorized();
    else if (response.status === 401 && !path.startsWith('/auth/login') && (await unauthorized(token)) && !retried) return request<T>(path, options, true);
    throw new ApiError(response.status, errorBody);
  }
  return { data: parsed as T, headers: response.headers };
}

const get = async <T>(path: string, signal?: AbortSignal) => (await request<T>(path, { signal })).data;

/**
 * A file of the API fetched with the session's Authorization header (never a token in a URL), as a Blob with the name
 * its Content-Disposition gives.
 */
async function fetchFile(path: string, fallbackName: string): Promise<{ blob: Blob; fileName: string }> {
  const token = session.token();
  let response: Response;
  try {
    response = await fetch(`/api${path}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  } catch {
    throw new ApiError(0, {
      statusCode: 0,
      error: 'NETWORK',
      message: 'the server cannot be reached: check the connection and try again',
      messageZh: '无法连接服务器，请检查网络后重试',
    });
  }
  if (!response.ok) {
    const text = await response.text();
    let body: ErrorBody;
    try {
      body = { ...(JSON.parse(text) as ErrorBody), statusCode: response.status };
    } catch {
      body = { statusCode: response.status, error: String(response.status), message: text || response.statusText };
    }
    if (response.status === 401 && (await unauthorized(token))) return fetchFile(path, fallbackName);
    throw new ApiError(response.status, body);
  }
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  return { blob: await response.blob(), fileName: encoded ? decodeURIComponent(encoded) : fallbackName };
}

/** Hands a Blob to the browser as a file download with the given name. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The 迎检 dossier (XLSX): fetched with the token, then handed to the browser as a file download. */
export async function downloadDossier(campaignId: string): Promise<void> {
  const file = await fetchFile(`/campaigns/${encodeURIComponent(campaignId)}/dossier.xlsx`, `ledger-${campaignId}.xlsx`);
  saveBlob(file.blob, file.fileName);
}

/** The dossier as one ZIP: the workbook and every evidence file under 证据/<branch>/<task>/. */
export async function downloadDossierZip(campaignId: string): Promise<void> {
  const file = await fetchFile(`/campaigns/${encodeURIComponent(campaignId)}/dossier.zip`, `ledger-${campaignId}.zip`);
  saveBlob(file.blob, file.fileName);
}

/** An evidence file, read through the branch work that references it; typed as it was uploaded (for a preview). */
export async function fetchEvidence(
  campaignId: string,
  branchId: string,
  file: { readonly sha256: string; readonly fileName: string; readonly contentType?: string },
): Promise<Blob> {
  const query = `campaignId=${encodeURIComponent(campaignId)}&branchId=${encodeURIComponent(branchId)}`;
  const { blob } = await fetchFile(`/evidence/${encodeURIComponent(file.sha256)}?${query}`, file.fileName);
  return file.contentType && blob.type !== file.contentType ? new Blob([blob], { type: file.contentType }) : blob;
}

const post = async <T>(path: string, body?: unknown, headers?: Record<string, string>) =>
  (await request<T>(path, { method: 'POST', body: body ?? {}, headers })).data;
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
export const listAccounts = () => get<AccountView[]>('/accounts');
export const createAccount = (input: CreateAccountBody) => post<AccountView>('/accounts', input);
export const resetPassword = (accountId: string, password: string, reason?: string) =>
  post<AccountView>(`/accounts/${enc(accountId)}/password`, reason ? { password, reason } : { password });
export const disableAccount = (accountId: string, reason: string) => post<AccountView>(`/accounts/${enc(accountId)}/disable`, { reason });
export const enableAccount = (accountId: string, reason: string) => post<AccountView>(`/accounts/${enc(accountId)}/enable`, { reason });
export const changeRole = (accountId: string, input: ChangeRoleBody) => post<AccountView>(`/accounts/${enc(accountId)}/role`, input);

export const listUnits = () => get<UnitSummary[]>('/units');
export const getUnit = (unitId: string) => get<OrganisationView>(`/units/${enc(unitId)}`);
export const getRoster = (unitId: string, branchId: string) => get<Roster>(`/units/${enc(unitId)}/branches/${enc(branchId)}/roster`);
/**
 * Registers a unit (installation administrator only; a unit administrator is answered 403). The key makes a retry after
 * a lost answer safe: the server gives the first answer again instead of a second unit.
 */
export const registerUnit = (input: RegisterUnitBody, idempotencyKey?: string) =>
  post<OrganisationWriteResult>('/units', input, idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : undefined);
export const addBranch = (unitId: string, input: AddBranchBody) => post<OrganisationWriteResult>(`/units/${enc(unitId)}/branches`, input);
export const addDivision = (unitId: string, input: AddDivisionBody) => post<OrganisationWriteResult>(`/units/${enc(unitId)}/divisions`, input);

const isImportReport = (value: unknown): value is RosterImportAnswer =>
  typeof value === 'object' && value !== null && 'refused' in value && Array.isArray(value.refused) && 'rows' in value && typeof value.rows === 'number';

/**
 * Checks (dryRun) or imports a roster file. A file with refused rows answers 422 (RosterImportRefused) and writes
 * nothing: its report comes back like a preview's (written: false), so that the rows to correct can be listed.
 */
export async function importRoster(unitId: string, file: File, dryRun: boolean): Promise<RosterImportAnswer> {
  const form = new FormData();
  form.append('file', file, file.name);
  try {
    return (await request<RosterImportAnswer>(`/units/${enc(unitId)}/import${dryRun ? '?dryRun=true' : ''}`, { method: 'POST', form })).data;
  } catch (error) {
    const report = error instanceof ApiError && error.status === 422 && 'report' in error.body ? error.body.report : undefined;
    if (isImportReport(report)) return report;
    throw error;
  }
}

// ---------------- campaigns ----------------

export const listCampaigns = async (unitId?: string | null) => (await get<CampaignList>(`/campaigns${unitId ? `?unitId=${enc(unitId)}` : ''}`)).campaigns;
export const getCampaign = (campaignId: string) => get<CampaignView>(`/campaigns/${enc(campaignId)}`);
export const listTemplates = () => get<TemplateListItem[]>('/templates');
/** Plans a campaign (leading group); the answer is the campaign view. The key keeps a retry from planning it twice. */
export const planCampaign = (input: PlanCampaignBody, idempotencyKey?: string) =>
  post<CampaignView>('/campaigns', input, idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : undefined);
export const openStage = (campaign: CampaignView, stageId: string) =>
  post<CampaignView>(`/campaigns/${enc(campaign.campaignId)}/stages/${enc(stageId)}/open`, {}, { 'If-Match': campaign.etag });
export const closeStage = (campaign: CampaignView, stageId: string, carryOver: boolean, reason?: string) =>
  post<CampaignView>(`/campaigns/${enc(campaign.campaignId)}/stages/${enc(stageId)}/close`, reason ? { carryOver, reason } : { carryOver }, {
    'If-Match': campaign.etag,
  });
/** A task added to the plan (leading group), with the reason kept in the history; refused with 412 when the plan moved since `campaign.etag`. */
export interface AddTaskInput {
  readonly taskId: string;
  readonly title: string;
  readonly phaseId?: string;
  readonly stageId?: string;
  readonly scope: TaskScope;
  readonly dueDate: string;
  readonly evidence?: readonly string[];
  readonly mandatory?: boolean;
  readonly kind?: 'checklist' | 'quantity';
  readonly target?: number;
  readonly challenge?: number;
  readonly quantityUnit?: string;
  readonly reason: string;
}
export const addTask = (campaign: CampaignView, input: AddTaskInput) =>
  post<CampaignView>(`/campaigns/${enc(campaign.campaignId)}/tasks`, input, { 'If-Match': campaign.etag });
export const moveTaskDeadline = (campaign: CampaignView, taskId: string, dueDate: string, reason: string) =>
  post<CampaignView>(`/campaigns/${enc(campaign.campaignId)}/tasks/${enc(taskId)}/deadline`, { dueDate, reason }, { 'If-Match': campaign.etag });
export const cancelTask = (campaign: CampaignView, taskId: string, reason: string) =>
  post<CampaignView>(`/campaigns/${enc(campaign.campaignId)}/tasks/${enc(taskId)}/cancel`, { reason }, { 'If-Match': campaign.etag });
export const stageUnfinished = (campaignId: string, stageId: string) =>
  get<StageUnfinishedView>(`/campaigns/${enc(campaignId)}/stages/${enc(stageId)}/unfinished`);

// ---------------- branch work (the secretary's writes) ----------------

export function completeInstance(
  campaignId: string,
  branchId: string,
  instanceKey: string,
  input: Omit<CompleteTaskFields, 'commandId'> & { files: readonly File[] },
) {
  const form = new FormData();
  if (input.note) form.append('note', input.note);
  if (input.completedOn) form.append('completedOn', input.completedOn);
  form.append('commandId', `web-${crypto.randomUUID?.() ?? Date.now().toString(36)}`);
  for (const file of input.files) form.append('evidence', file, file.name);
  return request<CompletionResult>(`${branchPath(campaignId, branchId)}/instances/${enc(instanceKey)}/complete`, { method: 'POST', form }).then((r) => r.data);
}
export const reopenInstance = (campaignId: string, branchId: string, instanceKey: string, reason: string) =>
  post<ReopenResult>(`${branchPath(campaignId, branchId)}/instances/${enc(instanceKey)}/reopen`, { reason });
/** An amount reported against a quantity instance (negative corrects an earlier report); the reportId makes a resend count once. */
export const reportQuantity = (campaignId: string, branchId: string, input: { instanceKey: string; amount: number; note?: string; reportId: string }) =>
  post<QuantityResult>(`${branchPath(campaignId, branchId)}/quantities`, input);
export const recordStudySession = (campaignId: string, branchId: string, input: RecordStudySessionBody) =>
  post<StudySessionResult>(`${branchPath(campaignId, branchId)}/study-sessions`, input);
export const recordMakeUp = (campaignId: string, branchId: string, sessionId: string, input: RecordMakeUpBody) =>
  post<MakeUpResult>(`${branchPath(campaignId, branchId)}/study-sessions/${enc(sessionId)}/make-ups`, input);
export const recordThreeOnes = (campaignId: string, branchId: string, input: RecordThreeOnesBody) =>
  post<ThreeOnesResult>(`${branchPath(campaignId, branchId)}/three-ones`, input);

// ---------------- read models (apps/api/src/read-models) ----------------

/** The overview page's figures: the campaign's overview, heat map, ranking, weekly participation and overdue list. */
export async function getOverview(campaignId: string, signal?: AbortSignal): Promise<OverviewFigures> {
  const base = `/campaigns/${enc(campaignId)}`;
  const [overview, heatMap, ranking, weekly, overdue] = await Promise.all([
    get<CampaignOverview>(`${base}/overview`, signal),
    get<HeatMap>(`${base}/heat-map`, signal),
    get<BranchRanking[]>(`${base}/ranking?by=completion`, signal),
    get<WeeklyParticipation[]>(`${base}/participation/weekly`, signal),
    get<OverdueList>(`${base}/overdue?limit=1000`, signal),
  ]);
  return { overview, heatMap, ranking, weekly, overdue };
}

const isOverview = (value: unknown): value is CampaignOverview =>
  typeof value === 'object' && value !== null && 'campaignId' in value && 'totals' in value && 'stages' in value;

/** A pushed overview (SSE event "overview", a CampaignOverview) refreshes the headline figures at once; the rest follows with the next read. */
export function mergeOverviewPush(data: string, previous: OverviewFigures | null): OverviewFigures | null {
  const pushed: unknown = JSON.parse(data);
  if (!isOverview(pushed)) return previous;
  return previous ? { ...previous, overview: pushed } : null;
}

/** One branch's page in one answer (the secretary's pages, and the branch ledger the leading group and the auditor open). */
/** The branch's work folded from its stream: each completion with its note and evidence files (names, types, hashes). */
export const getBranchWork = (campaignId: string, branchId: string, signal?: AbortSignal) =>
  get<BranchWorkView>(`${branchPath(campaignId, branchId)}/work`, signal);

export const getBranchDashboard = (campaignId: string, branchId: string, signal?: AbortSignal) =>
  get<BranchDashboardAnswer>(`${branchPath(campaignId, branchId)}/dashboard`, signal);

/** The live overview (server-sent events, event "overview"); opened with openEventStream, so no token is in the address. */
export const overviewStreamUrl = (campaignId: string): string => `/api/campaigns/${enc(campaignId)}/overview/stream`;

/** One branch's live dashboard (server-sent events, event "dashboard", a BranchDashboardAnswer), opened with openEventStream. */
export const branchDashboardStreamUrl = (campaignId: string, branchId: string): string => `/api${branchPath(campaignId, branchId)}/dashboard/stream`;

const isBranchDashboard = (value: unknown): value is BranchDashboardAnswer =>
  typeof value === 'object' && value !== null && 'branchId' in value && 'totals' in value && 'phases' in value;

/** A pushed dashboard is the whole answer: shown at once. */
export function dashboardFromPush(data: string, previous: BranchDashboardAnswer | null): BranchDashboardAnswer | null {
  const pushed: unknown = JSON.parse(data);
  return isBranchDashboard(pushed) ? pushed : previous;
}

/** A server-sent event stream of the API, read over fetch with the session's Authorization header (read at every reconnection). */
export function openEventStream(url: string): StreamLike {
  let sentToken: string | null = null;
  return openFetchEventStream(url, {
    headers: (): Record<string, string> => {
      sentToken = session.token();
      return sentToken ? { Authorization: `Bearer ${sentToken}` } : {};
    },
    // A dropped connection is tried again after 1 s, 2 s, 4 s… up to 30 s, each ±20 %.
    reconnectMs: RETRY_BACKOFF.baseMs,
    maxReconnectMs: RETRY_BACKOFF.maxMs,
    jitter: RETRY_BACKOFF.jitter,
    // A stream refused for a token replaced meanwhile is simply opened again later by the live feed.
    onRefused: (status) => {
      if (status === 401) void unauthorized(sentToken);
    },
  });
}

/** How current the figures are; read by every signed-in page for the "figures delayed" banner. */
export const getFreshness = (signal?: AbortSignal) => get<Freshness>('/projections/freshness', signal);

// ---------------- audit (apps/api/src/audit) and the campaign at a moment ----------------

const query = (params: Record<string, string | number | undefined>) => {
  const pairs = Object.entries(params).filter((p): p is [string, string | number] => p[1] !== undefined && p[1] !== '');
  return pairs.length ? `?${pairs.map(([k, v]) => `${k}=${enc(String(v))}`).join('&')}` : '';
};

/** The history's filters (GET /api/audit/history): `types` goes as the comma-separated `type`. */
export interface HistoryQuery {
  readonly campaignId?: string;
  readonly branchId?: string;
  readonly memberId?: string;
  readonly stream?: string;
  readonly types?: readonly string[];
  /** A day (YYYY-MM-DD, office time) or an ISO instant, inclusive. */
  readonly from?: string;
  readonly to?: string;
  readonly page?: number;
  readonly pageSize?: number;
  /** Newest first (`desc`) as the history page shows it; oldest first by default. */
  readonly order?: 'asc' | 'desc';
}

export const getHistory = (q: HistoryQuery, signal?: AbortSignal) =>
  get<HistoryPage>(
    `/audit/history${query({
      campaignId: q.campaignId,
      branchId: q.branchId,
      memberId: q.memberId,
      stream: q.stream,
      type: q.types?.length ? q.types.join(',') : undefined,
      from: q.from,
      to: q.to,
      page: q.page,
      pageSize: q.pageSize,
      order: q.order,
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
  const taskOf = (e: HistoryEntry) => {
    const data = eventData(e);
    const task = data.task;
    return typeof data.taskId === 'string' ? data.taskId : typeof task === 'object' && task !== null && 'taskId' in task ? task.taskId : null;
  };
  return [...work.filter((e) => eventData(e).instanceKey === instanceKey), ...plan.filter((e) => taskOf(e) === taskId)].sort((a, b) =>
    comparePositions(a.position, b.position),
  );
}

/** The chain check; with `against`, the server also re-checks the log up to that digest when it can (a DigestCheck comes back). */
export const verifyLedger = (against?: string) => get<VerifyLogReport | DigestCheck>(`/audit/verify${query({ against })}`);
export const getDigest = () => get<DigestView>('/audit/digest');

/** The campaign replayed from the log as recorded by `at` (an ISO instant, or a day meaning its end). */
export const getAsOf = (campaignId: string, at: string, signal?: AbortSignal) => get<StateAsOf>(`/campaigns/${enc(campaignId)}/as-of${query({ at })}`, signal);

/** What changed in the campaign between two moments: completions, reopenings and the plan's changes, in log order. */
export const getDiff = (campaignId: string, from: string, to: string, signal?: AbortSignal) =>
  get<CampaignDiff>(`/campaigns/${enc(campaignId)}/diff${query({ from, to })}`, signal);
