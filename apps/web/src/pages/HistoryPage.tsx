// 历史记录: every event of the campaign, a branch or a member, filtered by type and date; a task instance opens its full history.
import { useEffect, useMemo, useState } from 'react';
import { Card, DatePicker, Empty, Grid, Pagination, Segmented, Select, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { FieldTimeOutlined, LockOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import type { HistoryEntry, HistoryPage as Page } from '@campaign-ledger/api-contract';
import { parseInstanceKey } from '@campaign-ledger/domain';
import * as api from '../api/client';
import { eventData } from '../api/views';
import { useAccount } from '../auth/session';
import {
  Actor,
  describeEvent,
  describeParts,
  EventProvenance,
  EventTypeTag,
  EvidenceHashes,
  evidenceVia,
  formatTime,
  InstanceHistoryDrawer,
  type InstanceRef,
} from '../components/AuditEvents';
import { ErrorAlert } from '../components/common';
import { useCampaign, useCurrentCampaign } from '../campaign-context';
import { useI18n } from '../i18n/i18n';
import { EVENT_TYPE_GROUPS, eventLabel } from '../labels';
import { PAGES, PAGES_BY_ROLE } from '../roles';
import { navigate } from '../router';
import { PageTitle } from './OverviewPage';

type Scope = 'campaign' | 'branch' | 'member';

const initial = () => new URLSearchParams(window.location.search);

/** The instance an entry is about, if any: a click on it opens the instance's whole history. */
export function instanceOf(entry: HistoryEntry): InstanceRef | null {
  const d = eventData(entry);
  if (typeof d.instanceKey !== 'string' || typeof d.branchId !== 'string') return null;
  return { branchId: d.branchId, instanceKey: d.instanceKey, taskId: typeof d.taskId === 'string' ? d.taskId : null };
}

export default function HistoryPage() {
  const { t, lang } = useI18n();
  const campaign = useCurrentCampaign();
  const { unit, branchName } = useCampaign();
  const narrow = !Grid.useBreakpoint().md;
  const params = useMemo(initial, []);
  const canSeeAsOf = PAGES_BY_ROLE[useAccount().role].includes('as-of');

  const [scope, setScope] = useState<Scope>((params.get('scope') as Scope) ?? (params.get('branchId') ? 'branch' : 'campaign'));
  const [branchId, setBranchId] = useState<string | null>(params.get('branchId'));
  const [memberId, setMemberId] = useState<string | null>(params.get('memberId'));
  const [types, setTypes] = useState<string[]>(params.get('type')?.split(',').filter(Boolean) ?? []);
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(50);
  const [data, setData] = useState<Page | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);
  const [instance, setInstance] = useState<InstanceRef | null>(() => {
    const key = params.get('instance');
    const branch = params.get('branchId');
    return key && branch ? { branchId: branch, instanceKey: key, taskId: parseInstanceKey(key)?.taskId ?? null } : null;
  });

  const branches = useMemo(
    () => [...(unit?.branches ?? []).map((b) => ({ value: b.branchId, label: b.name })), { value: campaign.officeBranchId, label: t('unitLevel') }],
    [unit, campaign.officeBranchId, t],
  );
  const members = useMemo(() => (unit?.members ?? []).map((m) => ({ value: m.memberId, label: `${m.name} · ${branchName(m.branchId)}` })), [unit, branchName]);
  const effectiveBranch = scope === 'branch' ? (branchId ?? branches[0]?.value ?? null) : null;
  const from = range?.[0]?.format('YYYY-MM-DD');
  const to = range?.[1]?.format('YYYY-MM-DD');
  const waiting = scope === 'member' && !memberId;

  useEffect(() => {
    if (waiting) {
      setData(null);
      return;
    }
    const controller = new AbortController();
    setLoading(true);
    setError(null);
    api
      .getHistory(
        {
          campaignId: scope === 'member' ? undefined : campaign.campaignId,
          branchId: effectiveBranch ?? undefined,
          memberId: scope === 'member' ? (memberId ?? undefined) : undefined,
          types,
          from,
          to,
          page,
          pageSize,
          // The latest first, as people read a history.
          order: 'desc',
        },
        controller.signal,
      )
      .then(setData, (e) => {
        if ((e as Error).name !== 'AbortError') setError(e);
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
  }, [campaign.campaignId, scope, effectiveBranch, memberId, types.join(','), from, to, page, pageSize, waiting]);

  const ctx = { campaign, unit, branchName };
  const restart =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setPage(1);
    };
  const where = (e: HistoryEntry) => {
    const b = eventData(e).branchId;
    return typeof b === 'string' && b ? (b.startsWith('_') ? t('unitLevel') : branchName(b)) : '';
  };
  const content = (e: HistoryEntry) => {
    const inst = instanceOf(e);
    if (!inst) return describeEvent(e, ctx, lang, t);
    const [title, ...rest] = describeParts(e, ctx, lang, t);
    return (
      <>
        <a
          onClick={() => setInstance(inst)}
          data-testid="history-instance-link"
          data-key={inst.instanceKey}
          data-branch={inst.branchId}
          title={t('viewInstanceHistory')}
        >
          {title ?? inst.instanceKey}
        </a>
        {rest.length > 0 && <Typography.Text type="secondary">{` · ${rest.join(' · ')}`}</Typography.Text>}
      </>
    );
  };

  const filters = (
    <Space wrap size={[8, 8]} style={{ width: '100%' }} data-testid="history-filters">
      <Segmented
        value={scope}
        onChange={(v) => restart(setScope)(v as Scope)}
        data-testid="history-scope"
        options={[
          { value: 'campaign', label: <span data-testid="history-scope-campaign">{t('scope_campaign_all')}</span> },
          { value: 'branch', label: <span data-testid="history-scope-branch">{t('scope_one_branch')}</span> },
          { value: 'member', label: <span data-testid="history-scope-member">{t('scope_one_member')}</span> },
        ]}
      />
      {scope === 'branch' && (
        <Select
          value={effectiveBranch}
          onChange={restart(setBranchId)}
          options={branches}
          placeholder={t('pickBranch')}
          showSearch={{ optionFilterProp: 'label' }}
          style={{ minWidth: 200 }}
          data-testid="history-branch"
        />
      )}
      {scope === 'member' && (
        <Select
          value={memberId}
          onChange={restart(setMemberId)}
          options={members}
          placeholder={t('pickMember')}
          showSearch={{ optionFilterProp: 'label' }}
          style={{ minWidth: 220 }}
          data-testid="history-member"
        />
      )}
      <Select
        mode="multiple"
        allowClear
        value={types}
        onChange={restart(setTypes)}
        placeholder={t('allEventTypes')}
        maxTagCount="responsive"
        style={{ minWidth: 220, maxWidth: '100%' }}
        data-testid="history-types"
        options={EVENT_TYPE_GROUPS.map((g) => ({
          label: t(`evGroup_${g.group}`),
          title: g.group,
          options: g.types.map((type) => ({ value: type, label: eventLabel(type, lang) })),
        }))}
      />
      <span data-testid="history-dates">
        <DatePicker.RangePicker
          value={range}
          onChange={(v) => restart(setRange)(v as [Dayjs | null, Dayjs | null] | null)}
          allowEmpty={[true, true]}
          style={{ maxWidth: '100%' }}
        />
      </span>
    </Space>
  );

  return (
    <div>
      <PageTitle title={t('historyTitle')} extra={<Tag icon={<LockOutlined />}>{t('readOnly')}</Tag>} />
      <Typography.Paragraph type="secondary">{t('historyHint')}</Typography.Paragraph>
      <Card style={{ marginBottom: 16 }} styles={{ body: { padding: narrow ? 12 : 16 } }}>
        {filters}
      </Card>
      {error !== null && <ErrorAlert error={error} />}
      <Card styles={{ body: { padding: narrow ? 8 : 16 } }}>
        {waiting ? (
          <Empty description={t('pickMemberFirst')} />
        ) : !data ? (
          <Skeleton active paragraph={{ rows: 8 }} />
        ) : narrow ? (
          <div data-testid="history-list">
            {data.items.length === 0 && <Empty description={t('noData')} />}
            {data.items.map((e) => (
              <div key={e.eventId} data-testid="history-row" data-type={e.type} style={{ padding: '10px 4px', borderBottom: '1px solid #f0f0f0' }}>
                <Space size={6} wrap>
                  <EventTypeTag type={e.type} />
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatTime(e.occurredAt)}
                  </Typography.Text>
                </Space>
                <div style={{ margin: '4px 0' }}>
                  {where(e) && <Tag>{where(e)}</Tag>}
                  {content(e)}
                </div>
                <Actor actor={e.actor} />
                {e.reason && <div style={{ fontSize: 13 }}>{t('reasonIs', { reason: e.reason })}</div>}
                {e.evidence.length > 0 && <EvidenceHashes evidence={e.evidence} via={evidenceVia(e)} />}
              </div>
            ))}
            <Pagination
              size="small"
              align="center"
              style={{ marginTop: 12 }}
              current={data.page}
              pageSize={data.pageSize}
              total={data.total}
              showSizeChanger={false}
              showTotal={(n) => t('historyTotal', { n })}
              onChange={setPage}
            />
          </div>
        ) : (
          <Table<HistoryEntry>
            rowKey="eventId"
            size="small"
            loading={loading}
            dataSource={data.items as HistoryEntry[]}
            locale={{ emptyText: t('noData') }}
            scroll={{ x: scope === 'branch' ? 1050 : 1190 }}
            data-testid="history-table"
            onRow={(e) => ({ 'data-testid': 'history-row', 'data-type': e.type, 'data-actor': e.actor.id }) as React.HTMLAttributes<HTMLElement>}
            expandable={{
              expandedRowRender: (e) => (
                <div>
                  <EventProvenance entry={e} />
                  {canSeeAsOf && (
                    <a onClick={() => navigate(`${PAGES['as-of'].path}?at=${encodeURIComponent(e.recordedAt)}`)} data-testid="history-as-of-link">
                      <FieldTimeOutlined /> {t('stateAtThisMoment')}
                    </a>
                  )}
                </div>
              ),
            }}
            pagination={{
              current: data.page,
              pageSize: data.pageSize,
              total: data.total,
              showSizeChanger: true,
              pageSizeOptions: [20, 50, 100, 200],
              showTotal: (n) => (
                <span data-testid="history-total" data-total={n}>
                  {t('historyTotal', { n })}
                </span>
              ),
              onChange: (p, size) => {
                setPage(size !== pageSize ? 1 : p);
                setPageSize(size);
              },
            }}
            columns={[
              { title: t('time'), key: 'time', width: 160, render: (_, e) => formatTime(e.occurredAt) },
              { title: t('event'), key: 'type', width: 120, render: (_, e) => <EventTypeTag type={e.type} /> },
              { title: t('actor'), key: 'actor', width: 180, render: (_, e) => <Actor actor={e.actor} /> },
              // One branch's history names its branch in the filter already.
              ...(scope === 'branch'
                ? []
                : [{ title: t('branch'), key: 'branch', width: 140, ellipsis: true, render: (_: unknown, e: HistoryEntry) => where(e) }]),
              {
                title: t('content'),
                key: 'content',
                width: 360,
                // The evidence hashes under the content, so that they are in view without scrolling sideways.
                render: (_, e) => (
                  <>
                    {content(e)}
                    {e.evidence.length > 0 && <EvidenceHashes evidence={e.evidence} via={evidenceVia(e)} />}
                  </>
                ),
              },
              { title: t('reason'), key: 'reason', width: 180, render: (_, e) => <span data-testid="history-reason">{e.reason ?? ''}</span> },
            ]}
          />
        )}
      </Card>
      <InstanceHistoryDrawer instance={instance} onClose={() => setInstance(null)} />
    </div>
  );
}
