// A branch's task instances grouped by phase, with due dates and warning colours; actions only where the viewer may act.
import { useState, type ReactNode } from 'react';
import { Badge, Collapse, Empty, Grid, Pagination, Segmented, Space, Table, Tag, Typography } from 'antd';
import type { BranchDashboard, CampaignView, ReadModelInstance } from '@campaign-ledger/api-contract';
import { quantityRatios } from '../api/plan-changes';
import { ledgerStatus, phaseGroups } from '../api/views';
import { useI18n } from '../i18n/i18n';
import { taskTitle } from '../labels';
import { InstanceStatusTag, pctText, WarningTag } from './common';
import { CompletionDetailsButton } from './CompletionEvidence';

type Filter = 'open' | 'all' | 'completed';

const isOpen = (i: ReadModelInstance) => i.status !== 'completed';

export function InstanceGroups({
  dashboard,
  campaign,
  subjectName,
  actions,
  defaultFilter = 'open',
}: {
  /** With the notes of the completions in force where the answer carries them (GET .../dashboard does). */
  dashboard: BranchDashboard & { readonly completionNotes?: Readonly<Record<string, string>> };
  campaign: CampaignView;
  subjectName: (instance: ReadModelInstance) => string | null;
  actions?: (instance: ReadModelInstance) => ReactNode;
  defaultFilter?: Filter;
}) {
  const { t, lang } = useI18n();
  const narrow = !Grid.useBreakpoint().md;
  const [filter, setFilter] = useState<Filter>(defaultFilter);
  const match = (i: ReadModelInstance) => (filter === 'all' ? true : filter === 'open' ? isOpen(i) : i.status === 'completed');
  const phases = phaseGroups(dashboard, campaign);
  const groups = phases.map((p) => ({
    ...p,
    shown: p.instances.filter(match).sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.taskId.localeCompare(b.taskId)),
  }));
  const openCount = phases.reduce((n, p) => n + p.instances.filter(isOpen).length, 0);
  const doneCount = phases.reduce((n, p) => n + p.instances.filter((i) => i.status === 'completed').length, 0);
  const visible = groups.filter((g) => g.shown.length > 0);
  const tags = (i: ReadModelInstance) => (
    <Space size={4} wrap>
      <QuantityFigures campaign={campaign} instance={i} />
      {subjectName(i) && <Tag>{subjectName(i)}</Tag>}
      {i.weekOf && <Tag>{t('weekOf', { date: i.weekOf })}</Tag>}
      {!i.mandatory && <Tag>{t('optional')}</Tag>}
      {i.reopenCount > 0 && <Tag color="orange">{t('reopenCountTag', { n: i.reopenCount })}</Tag>}
      <CompletionDetailsButton campaign={campaign} branchId={dashboard.branchId} instance={i} />
    </Space>
  );
  const noteOf = (i: ReadModelInstance) => {
    const note = i.status === 'completed' ? dashboard.completionNotes?.[i.instanceKey] : undefined;
    return note ? (
      <Typography.Paragraph type="secondary" ellipsis={{ rows: 2, tooltip: note }} style={{ margin: '4px 0 0', fontSize: 12 }} data-testid="instance-note">
        {note}
      </Typography.Paragraph>
    ) : null;
  };
  const statusOf = (i: ReadModelInstance) => (
    <Space size={4} wrap>
      {isOpen(i) ? <WarningTag colour={i.colour} daysLeft={i.daysLeft} /> : <InstanceStatusTag status={ledgerStatus(i)} />}
      {ledgerStatus(i) === 'carried_over' && <InstanceStatusTag status="carried_over" />}
      {i.completedOn && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {i.completedOn}
        </Typography.Text>
      )}
    </Space>
  );
  // On a phone a card per instance reads better than a table scrolled sideways.
  const list = (rows: ReadModelInstance[]) => (
    <CardList
      rows={rows}
      render={(i) => (
        <div
          key={i.instanceKey}
          data-testid="instance-row"
          data-key={i.instanceKey}
          data-status={ledgerStatus(i)}
          data-colour={i.colour}
          style={{ padding: '10px 0', borderBottom: '1px solid #f0f0f0' }}
        >
          <div style={{ marginBottom: 4 }}>{taskTitle(campaign, i.taskId, i.title, lang)}</div>
          {tags(i)}
          {noteOf(i)}
          <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 8, marginTop: 6 }}>
            <Space size={6} wrap>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>{`${t('dueDate')} ${i.dueDate}`}</Typography.Text>
              {statusOf(i)}
            </Space>
            {actions?.(i)}
          </div>
        </div>
      )}
    />
  );
  const stageOpen = (stageId: string | null) => campaign.stages.find((s) => s.stageId === stageId)?.status === 'open';
  const defaultActive = visible.filter((g) => stageOpen(g.stageId) || g.shown.some((i) => i.colour !== 'green')).map((g) => String(g.phaseId));

  return (
    <div>
      <Segmented
        value={filter}
        onChange={(v) => setFilter(v as Filter)}
        style={{ marginBottom: 12 }}
        data-testid="instance-filter"
        options={[
          { value: 'open', label: `${t('openItems')} ${openCount}` },
          { value: 'completed', label: `${t('completedItems')} ${doneCount}` },
          { value: 'all', label: t('allItems') },
        ]}
      />
      {visible.length === 0 ? (
        <Empty description={filter === 'open' ? t('noOpenItems') : t('noData')} />
      ) : (
        <Collapse
          key={filter}
          size={narrow ? 'small' : 'middle'}
          defaultActiveKey={defaultActive.length ? defaultActive : [String(visible[0].phaseId)]}
          items={visible.map((g) => {
            const red = g.shown.filter((i) => i.colour === 'red' && isOpen(i)).length;
            const amber = g.shown.filter((i) => i.colour === 'amber' && isOpen(i)).length;
            return {
              key: String(g.phaseId),
              label: (
                <Space size={8} wrap>
                  <Typography.Text strong>{g.name || t('phase')}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {`${g.completion.numerator} / ${g.completion.denominator} · ${pctText(g.completion)}`}
                  </Typography.Text>
                  {red > 0 && <Badge count={red} color="#cf1322" />}
                  {amber > 0 && <Badge count={amber} color="#d48806" />}
                </Space>
              ),
              children: narrow ? (
                list(g.shown)
              ) : (
                <Table
                  rowKey="instanceKey"
                  size="small"
                  dataSource={g.shown}
                  pagination={g.shown.length > 20 ? { pageSize: 20, size: 'small', showSizeChanger: false } : false}
                  scroll={{ x: actions ? 760 : 640 }}
                  onRow={(i) =>
                    ({
                      'data-testid': 'instance-row',
                      'data-key': i.instanceKey,
                      'data-status': ledgerStatus(i),
                      'data-colour': i.colour,
                    }) as React.HTMLAttributes<HTMLElement>
                  }
                  columns={[
                    {
                      title: t('task'),
                      key: 'title',
                      render: (_, i) => (
                        <div style={{ minWidth: 180 }}>
                          <div>{taskTitle(campaign, i.taskId, i.title, lang)}</div>
                          {tags(i)}
                          {noteOf(i)}
                        </div>
                      ),
                    },
                    { title: t('dueDate'), dataIndex: 'dueDate', width: 108 },
                    { title: t('status'), key: 'status', width: 150, render: (_, i) => statusOf(i) },
                    ...(actions ? [{ title: '', key: 'actions', width: 120, render: (_: unknown, i: ReadModelInstance) => actions(i) }] : []),
                  ]}
                />
              ),
            };
          })}
        />
      )}
    </div>
  );
}

const PAGE = 20;

function CardList({ rows, render }: { rows: ReadModelInstance[]; render: (i: ReadModelInstance) => ReactNode }) {
  const [page, setPage] = useState(1);
  const shown = rows.slice((page - 1) * PAGE, page * PAGE);
  return (
    <div>
      {shown.map(render)}
      {rows.length > PAGE && (
        <Pagination
          size="small"
          align="center"
          style={{ marginTop: 12 }}
          current={page}
          pageSize={PAGE}
          total={rows.length}
          onChange={setPage}
          showSizeChanger={false}
        />
      )}
    </div>
  );
}

/** A quantity instance's amount so far against its target and challenge, in the one percent format (pctText). */
export function QuantityFigures({ campaign, instance }: { campaign: CampaignView; instance: ReadModelInstance }) {
  const { t } = useI18n();
  const task = campaign.tasks.find((k) => k.taskId === instance.taskId);
  if (!task || task.kind !== 'quantity') return null;
  const unit = task.quantityUnit ?? '';
  const ratios = quantityRatios(instance.actual, task.target, task.challenge);
  return (
    <span data-testid="quantity-figures" data-actual={instance.actual ?? 0} style={{ display: 'inline-flex', gap: 4, flexWrap: 'wrap' }}>
      <Tag color="cyan">{t('quantityActual', { actual: instance.actual ?? 0, unit })}</Tag>
      {ratios.target && (
        <Tag color="blue" data-testid="quantity-target-pct">
          {t('ofTarget', { target: task.target ?? 0, unit, pct: pctText(ratios.target) })}
        </Tag>
      )}
      {ratios.challenge && (
        <Tag color="purple" data-testid="quantity-challenge-pct">
          {t('ofChallenge', { challenge: task.challenge ?? 0, unit, pct: pctText(ratios.challenge) })}
        </Tag>
      )}
    </span>
  );
}
