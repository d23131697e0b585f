// Pieces of the auditor's pages: an event's type, actor, evidence and content in words, and one task instance's full history.
import { useEffect, useState } from 'react';
import { Alert, Descriptions, Drawer, Empty, Skeleton, Space, Tag, Timeline, Tooltip, Typography } from 'antd';
import { PaperClipOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { CampaignView, EvidenceRef, HistoryEntry, OrganisationView } from '@campaign-ledger/api-contract';
import * as api from '../api/client';
import { eventData } from '../api/views';
import { useCampaign } from '../campaign-context';
import { useI18n } from '../i18n/i18n';
import { eventLabel, memberName, roleLabel, taskTitle } from '../labels';
import { useAccount } from '../auth/session';
import { ErrorAlert } from './common';
import { EvidenceFileActions, mayOpenEvidence } from './CompletionEvidence';

export const formatTime = (iso: string) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm:ss') : '—');

const TYPE_COLOURS: Record<string, string> = {
  TaskCompleted: 'success',
  TaskReopened: 'orange',
  TaskCancelled: 'default',
  TaskDeadlineMoved: 'gold',
  TaskAdded: 'blue',
  StageOpened: 'processing',
  StageClosed: 'purple',
  QuantityReported: 'cyan',
  StudySessionRecorded: 'geekblue',
  StudyMakeUpRecorded: 'geekblue',
  ThreeOnesRecorded: 'magenta',
};

export function EventTypeTag({ type }: { type: string }) {
  const { lang } = useI18n();
  return (
    <Tag color={TYPE_COLOURS[type] ?? 'default'} data-testid="event-type" data-type={type} style={{ marginInlineEnd: 0 }}>
      {eventLabel(type, lang)}
    </Tag>
  );
}

/** Who recorded an event: the person by name (the account id in the tooltip), and their role; the system by its role only. */
export function Actor({ actor }: { actor: { id: string; role: string; name?: string | null } }) {
  const { lang } = useI18n();
  const shown = actor.name ?? (actor.id.startsWith('system:') ? null : actor.id);
  return (
    <Space size={4} wrap data-testid="event-actor" data-actor={actor.id} data-role={actor.role}>
      {shown !== null && (
        <Typography.Text title={actor.id} style={{ fontSize: 13 }} code={!actor.name}>
          {shown}
        </Typography.Text>
      )}
      <Tag style={{ marginInlineEnd: 0 }}>{roleLabel(actor.role, lang)}</Tag>
    </Space>
  );
}

/** The branch work an event's evidence is read through (GET /api/evidence/:sha256?campaignId=&branchId=), if it names one. */
export function evidenceVia(entry: HistoryEntry): { campaignId: string; branchId: string } | null {
  const d = eventData(entry);
  return typeof d.campaignId === 'string' && typeof d.branchId === 'string' ? { campaignId: d.campaignId, branchId: d.branchId } : null;
}

/**
 * Each file's name and its SHA-256 (shortened, the whole of it on hover and when copied); with `via`, buttons to preview
 * and download it for the roles the evidence route serves.
 */
export function EvidenceHashes({ evidence, via = null }: { evidence: readonly EvidenceRef[]; via?: { campaignId: string; branchId: string } | null }) {
  const { t } = useI18n();
  const account = useAccount();
  if (evidence.length === 0) return <Typography.Text type="secondary">{t('none')}</Typography.Text>;
  const open = via && mayOpenEvidence(account.role, account.branchId, via.branchId) ? via : null;
  return (
    <Space orientation="vertical" size={2} data-testid="event-evidence">
      {evidence.map((file) => (
        <div key={file.sha256}>
          <span style={{ whiteSpace: 'nowrap' }}>
            <PaperClipOutlined /> {file.fileName ?? ''}{' '}
            <Tooltip title={file.sha256}>
              <Typography.Text code copyable={{ text: file.sha256 }} style={{ fontSize: 12 }} data-testid="evidence-hash" data-sha256={file.sha256}>
                {file.sha256.slice(0, 12)}…
              </Typography.Text>
            </Tooltip>
          </span>
          {open && (
            <div>
              <EvidenceFileActions campaignId={open.campaignId} branchId={open.branchId} file={file} />
            </div>
          )}
        </div>
      ))}
    </Space>
  );
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);

export interface EventContext {
  readonly campaign: CampaignView | null;
  readonly unit: OrganisationView | null;
  readonly branchName: (branchId: string) => string;
}

/** What the event is about, in a line: the task, the session's topic, the member... */
export function describeEvent(entry: HistoryEntry, ctx: EventContext, lang: 'zh' | 'en', t: ReturnType<typeof useI18n>['t']): string {
  return describeParts(entry, ctx, lang, t).join(' · ');
}

/** The same in parts; for task events the first part is the task's title. */
export function describeParts(entry: HistoryEntry, ctx: EventContext, lang: 'zh' | 'en', t: ReturnType<typeof useI18n>['t']): string[] {
  const d = eventData(entry);
  const task = (d.task ?? null) as { taskId?: string; title?: string; titleEn?: string } | null;
  const taskId = str(d.taskId) ?? task?.taskId ?? null;
  const title = taskId ? taskTitle(ctx.campaign, taskId, ctx.campaign?.tasks.find((x) => x.taskId === taskId)?.title ?? task?.title ?? taskId, lang) : null;
  const member = (id: unknown) => (typeof id === 'string' ? memberName(ctx.unit, null, id) : '');
  const stage = (id: unknown) => ctx.campaign?.stages.find((s) => s.stageId === id)?.name ?? String(id ?? '');
  const parts: (string | null)[] = [];
  switch (entry.type) {
    case 'TaskCompleted':
      parts.push(
        title,
        d.subjectId && d.subjectId !== d.branchId && d.scope !== 'unit' ? member(d.subjectId) : null,
        str(d.weekOf) ? t('weekOf', { date: String(d.weekOf) }) : null,
        str(d.note),
      );
      break;
    case 'TaskReopened':
    case 'TaskCancelled':
    case 'TaskAdded':
      parts.push(title);
      break;
    case 'TaskDeadlineMoved':
      parts.push(title, t('deadlineMovedFromTo', { from: String(d.previousDueDate ?? ''), to: String(d.dueDate ?? '') }));
      break;
    case 'QuantityReported':
      parts.push(title, t('quantityAmount', { n: String(d.amount ?? '') }), str(d.note));
      break;
    case 'StudySessionRecorded':
      parts.push(str(d.date), str(d.topic));
      break;
    case 'StudyMakeUpRecorded':
      parts.push(member(d.memberId), str(d.date));
      break;
    case 'ThreeOnesRecorded':
      parts.push(member(d.memberId), d.item ? t(d.item as 'reading' | 'talk' | 'essay') : null, str(d.title));
      break;
    case 'StageOpened':
    case 'StageClosed':
      parts.push(stage(d.stageId), d.carryOver ? t('carryOver') : null);
      break;
    case 'CampaignPlanned':
      parts.push(str(d.name));
      break;
    case 'MemberJoined':
    case 'MemberTransferred':
    case 'MemberExempted':
    case 'MemberReinstated':
    case 'MemberLeft':
      parts.push(str(d.name) ?? member(d.memberId));
      break;
    case 'AuditorRead':
      parts.push(str(d.path));
      break;
    default:
      parts.push(str(d.name) ?? str(d.title) ?? str(d.displayName) ?? str(d.username));
  }
  return parts.filter((p): p is string => !!p);
}

/** Where an entry sits in the ledger, for the expanded row and the instance timeline. */
export function EventProvenance({ entry }: { entry: HistoryEntry }) {
  const { t } = useI18n();
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, md: 2 }}
      items={[
        { key: 'occurred', label: t('occurredAt'), children: formatTime(entry.occurredAt) },
        { key: 'recorded', label: t('recordedAt'), children: formatTime(entry.recordedAt) },
        { key: 'stream', label: t('streamId'), children: <Typography.Text code>{entry.streamId}</Typography.Text> },
        { key: 'revision', label: t('revision'), children: entry.revision },
        { key: 'position', label: t('position'), children: entry.position },
        {
          key: 'eventId',
          label: t('eventId'),
          children: (
            <Typography.Text copyable style={{ fontSize: 12 }}>
              {entry.eventId}
            </Typography.Text>
          ),
        },
        {
          key: 'hash',
          label: t('eventHash'),
          span: 'filled',
          children: (
            <Typography.Text code copyable style={{ fontSize: 12, wordBreak: 'break-all' }}>
              {entry.hash}
            </Typography.Text>
          ),
        },
      ]}
    />
  );
}

export interface InstanceRef {
  readonly branchId: string;
  readonly instanceKey: string;
  readonly taskId: string | null;
}

/** Everything that happened to one task instance: completed, reopened (and why), completed again, the plan's changes to its task. */
export function InstanceHistoryDrawer({ instance, onClose }: { instance: InstanceRef | null; onClose: () => void }) {
  const { t, lang } = useI18n();
  const { campaign, unit, branchName } = useCampaign();
  const [entries, setEntries] = useState<readonly HistoryEntry[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (!instance || !campaign) return;
    const controller = new AbortController();
    setEntries(null);
    setError(null);
    api.getInstanceHistory(campaign.campaignId, instance.branchId, instance.instanceKey, instance.taskId, controller.signal).then(setEntries, (e) => {
      if ((e as Error).name !== 'AbortError') setError(e);
    });
    return () => controller.abort();
  }, [instance, campaign]);

  const ctx: EventContext = { campaign, unit, branchName };
  const task = instance?.taskId ? campaign?.tasks.find((x) => x.taskId === instance.taskId) : undefined;
  const title = instance ? (task ? taskTitle(campaign, task.taskId, task.title, lang) : instance.instanceKey) : '';
  return (
    <Drawer
      open={instance !== null}
      onClose={onClose}
      title={t('instanceHistory')}
      size="large"
      styles={{ wrapper: { maxWidth: '100vw' } }}
      destroyOnHidden
      data-testid="instance-history"
    >
      {instance && (
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <div>
            <Typography.Title level={5} style={{ margin: 0 }} data-testid="instance-history-title">
              {title}
            </Typography.Title>
            <Space size={4} wrap style={{ marginTop: 4 }}>
              <Tag>{instance.branchId.startsWith('_') ? t('unitLevel') : branchName(instance.branchId)}</Tag>
              <Typography.Text code style={{ fontSize: 12 }} data-testid="instance-history-key">
                {instance.instanceKey}
              </Typography.Text>
            </Space>
          </div>
          <Alert type="info" showIcon title={t('instanceHistoryHint')} />
          {error !== null && <ErrorAlert error={error} />}
          {!entries && !error && <Skeleton active />}
          {entries && entries.length === 0 && <Empty description={t('noData')} />}
          {entries && entries.length > 0 && (
            <Timeline
              items={entries.map((entry) => ({
                key: entry.eventId,
                color: entry.type === 'TaskCompleted' ? 'green' : entry.type === 'TaskReopened' ? 'red' : 'blue',
                content: (
                  <div data-testid="instance-history-item" data-type={entry.type} data-actor={entry.actor.id} data-role={entry.actor.role}>
                    <Space size={6} wrap>
                      <EventTypeTag type={entry.type} />
                      <Typography.Text type="secondary">{formatTime(entry.occurredAt)}</Typography.Text>
                      <Actor actor={entry.actor} />
                    </Space>
                    {describeEvent(entry, ctx, lang, t) && <div style={{ marginTop: 4 }}>{describeEvent(entry, ctx, lang, t)}</div>}
                    {entry.reason && (
                      <div style={{ marginTop: 4 }} data-testid="instance-history-reason">
                        {t('reasonIs', { reason: entry.reason })}
                      </div>
                    )}
                    {entry.evidence.length > 0 && (
                      <div style={{ marginTop: 4 }}>
                        <EvidenceHashes evidence={entry.evidence} via={evidenceVia(entry)} />
                      </div>
                    )}
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {`${t('recordedAt')} ${formatTime(entry.recordedAt)} · ${t('position')} ${entry.position}`}
                    </Typography.Text>
                  </div>
                ),
              }))}
            />
          )}
        </Space>
      )}
    </Drawer>
  );
}
