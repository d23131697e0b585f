// 时点与对比: the campaign's figures as recorded at a chosen moment, and what changed between two moments.
import { useEffect, useState } from 'react';
import { Button, Card, Col, DatePicker, Empty, Grid, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { HistoryOutlined, LockOutlined, SwapOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import type { CampaignChange, CampaignDiff, StateAsOf } from '@campaign-ledger/api-contract';
import * as api from '../api/client';
import { rankedBranches } from '../api/views';
import { Actor, EventTypeTag, formatTime, InstanceHistoryDrawer, type InstanceRef } from '../components/AuditEvents';
import { BranchRanking } from '../components/BranchRanking';
import { BRAND, ErrorAlert, pct, pctText, RatioBar, StageTag } from '../components/common';
import { useCampaign, useCurrentCampaign } from '../campaign-context';
import { useI18n } from '../i18n/i18n';
import { taskTitle } from '../labels';
import { PageTitle } from './OverviewPage';

type SummaryKey = keyof CampaignDiff['summary'];
const SUMMARY_KEYS: readonly SummaryKey[] = ['completed', 'reopened', 'added', 'cancelled', 'deadlineMoved'];
const SUMMARY_COLOURS: Record<SummaryKey, string> = { completed: 'success', reopened: 'orange', added: 'blue', cancelled: 'default', deadlineMoved: 'gold' };

/** `?at=`, `?from=&to=` (ISO instants) open the page on those moments, as links from the history do. */
const linked = (name: string): Dayjs | null => {
  const value = new URLSearchParams(window.location.search).get(name);
  return value && dayjs(value).isValid() ? dayjs(value) : null;
};

export default function AsOfPage() {
  const { t } = useI18n();
  return (
    <div>
      <PageTitle title={t('asOfTitle')} extra={<Tag icon={<LockOutlined />}>{t('readOnly')}</Tag>} />
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <AsOfCard />
        <DiffCard />
      </Space>
    </div>
  );
}

function AsOfCard() {
  const { t } = useI18n();
  const campaign = useCurrentCampaign();
  const [moment, setMoment] = useState<Dayjs | null>(() => linked('at') ?? dayjs());
  const [state, setState] = useState<StateAsOf | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const show = async (at = moment) => {
    if (!at) return;
    setBusy(true);
    setError(null);
    try {
      setState(await api.getAsOf(campaign.campaignId, at.toISOString()));
    } catch (e) {
      setError(e);
      setState(null);
    } finally {
      setBusy(false);
    }
  };
  useEffect(() => {
    const at = linked('at');
    if (at) void show(at);
  }, []);

  return (
    <Card title={t('asOfCard')} data-testid="as-of-card">
      <Typography.Paragraph type="secondary">{t('asOfHint')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        <span data-testid="as-of-moment">
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" value={moment} onChange={setMoment} placeholder={t('moment')} />
        </span>
        <Button type="primary" icon={<HistoryOutlined />} onClick={() => void show()} loading={busy} disabled={!moment} data-testid="as-of-show">
          {t('show')}
        </Button>
      </Space>
      {error !== null && <ErrorAlert error={error} />}
      {!state ? <Empty description={t('asOfPick')} /> : <AsOfFigures state={state} />}
    </Card>
  );
}

function AsOfFigures({ state }: { state: StateAsOf }) {
  const { t } = useI18n();
  const o = state.overview;
  const red = state.overdue.red;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="as-of-result" data-at={state.at}>
      <div>
        <Typography.Title level={5} style={{ margin: 0 }} data-testid="as-of-heading">
          {t('asOfResult', { at: formatTime(state.at) })}
        </Typography.Title>
        <Typography.Text type="secondary" data-testid="as-of-replayed">
          {t('asOfReplayed', { n: state.eventsReplayed, position: state.position ?? '—' })}
        </Typography.Text>
      </div>
      <Row gutter={[16, 16]}>
        <Col xs={24} md={8}>
          <Card size="small" title={t('campaignProgress')} style={{ height: '100%' }}>
            <Statistic value={pct(o.totals.completion)} precision={1} suffix="%" styles={{ content: { color: BRAND } }} />
            <RatioBar ratio={o.totals.completion} testId="as-of-campaign" overdue={o.totals.overdue} />
          </Card>
        </Col>
        <Col xs={24} md={8}>
          <Card size="small" title={t('halfYear')} style={{ height: '100%' }}>
            <Space size={24} wrap>
              <Statistic title={t('timeProgress')} value={pctText(o.halfYear.timeProgress)} />
              <Statistic title={t('workProgress')} value={pctText(o.halfYear.workProgress)} />
            </Space>
            <div style={{ marginTop: 8 }}>
              <Tag color={o.halfYear.passes ? 'success' : 'error'}>{o.halfYear.passes ? t('pass') : t('fail')}</Tag>
              {red > 0 && (
                <Tag color="error" data-testid="as-of-overdue">
                  {t('overdueAt', { n: red })}
                </Tag>
              )}
            </div>
          </Card>
        </Col>
        <Col xs={24} md={8}>
          <Card size="small" title={t('participation')} style={{ height: '100%' }} data-testid="as-of-participation">
            <Space size={24} wrap>
              <Statistic title={t('byPerson')} value={pctText(o.participation.byPerson)} />
              <Statistic title={t('byPersonSession')} value={pctText(o.participation.byPersonSession)} />
            </Space>
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t('stageProgress')}>
        <Row gutter={[24, 16]}>
          {o.stages.map((s) => (
            <Col xs={24} md={8} key={s.stageId} data-testid={`as-of-stage-${s.stageId}`}>
              <Space size={8} wrap>
                <Typography.Text strong>{s.name}</Typography.Text>
                <StageTag status={s.status} />
              </Space>
              <RatioBar ratio={s.completion} size="small" overdue={s.overdue} />
            </Col>
          ))}
        </Row>
      </Card>
      {state.ranking.length > 0 && (
        <Card size="small" title={t('rankingTitle')}>
          <BranchRanking branches={rankedBranches(state.ranking, state.overdue.instances)} />
        </Card>
      )}
    </Space>
  );
}

function DiffCard() {
  const { t, lang } = useI18n();
  const campaign = useCurrentCampaign();
  const { branchName } = useCampaign();
  const narrow = !Grid.useBreakpoint().md;
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(() => [
    linked('from') ?? dayjs().subtract(7, 'day').startOf('day'),
    linked('to') ?? dayjs(),
  ]);
  const [diff, setDiff] = useState<CampaignDiff | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [instance, setInstance] = useState<InstanceRef | null>(null);

  const compare = async (between = range) => {
    if (!between?.[0] || !between[1]) return;
    setBusy(true);
    setError(null);
    try {
      setDiff(await api.getDiff(campaign.campaignId, between[0].toISOString(), between[1].toISOString()));
    } catch (e) {
      setError(e);
      setDiff(null);
    } finally {
      setBusy(false);
    }
  };
  useEffect(() => {
    const from = linked('from');
    const to = linked('to');
    if (from && to) void compare([from, to]);
  }, []);
  const title = (c: CampaignChange) => taskTitle(campaign, c.taskId, c.title ?? campaign.tasks.find((x) => x.taskId === c.taskId)?.title ?? c.taskId, lang);
  const detail = (c: CampaignChange) =>
    c.type === 'TaskDeadlineMoved' ? t('deadlineMovedFromTo', { from: c.previousDueDate ?? '', to: c.dueDate ?? '' }) : (c.note ?? '');
  const where = (c: CampaignChange) => (c.branchId ? (c.branchId.startsWith('_') ? t('unitLevel') : branchName(c.branchId)) : '');
  const titleCell = (c: CampaignChange) => {
    const { instanceKey, branchId } = c;
    return instanceKey && branchId ? (
      <>
        <a onClick={() => setInstance({ branchId, instanceKey, taskId: c.taskId })} data-testid="diff-instance-link" data-key={instanceKey}>
          {title(c)}
        </a>
        {detail(c) && <Typography.Text type="secondary">{` · ${detail(c)}`}</Typography.Text>}
      </>
    ) : (
      [title(c), detail(c)].filter(Boolean).join(' · ')
    );
  };

  return (
    <Card title={t('diffCard')} data-testid="diff-card">
      <Typography.Paragraph type="secondary">{t('diffHint')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        <span data-testid="diff-range">
          <DatePicker.RangePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            value={range}
            onChange={(v) => setRange(v as typeof range)}
            style={{ maxWidth: '100%' }}
          />
        </span>
        <Button type="primary" icon={<SwapOutlined />} onClick={() => void compare()} loading={busy} disabled={!range?.[0] || !range[1]} data-testid="diff-run">
          {t('compare')}
        </Button>
      </Space>
      {error !== null && <ErrorAlert error={error} />}
      {!diff ? (
        <Empty description={t('diffPick')} />
      ) : (
        <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="diff-result">
          <Space size={[8, 8]} wrap data-testid="diff-summary">
            <Typography.Text type="secondary">{t('diffRange', { from: formatTime(diff.from), to: formatTime(diff.to) })}</Typography.Text>
            {SUMMARY_KEYS.map((k) => (
              <Tag key={k} color={SUMMARY_COLOURS[k]} data-testid={`diff-summary-${k}`} data-count={diff.summary[k]}>
                {t(`change_${k}`, { n: diff.summary[k] })}
              </Tag>
            ))}
          </Space>
          {narrow ? (
            <div>
              {diff.changes.length === 0 && <Empty description={t('diffEmpty')} />}
              {diff.changes.map((c, i) => (
                <div key={`${c.position}-${i}`} data-testid="diff-row" data-type={c.type} style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}>
                  <Space size={6} wrap>
                    <EventTypeTag type={c.type} />
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {formatTime(c.recordedAt)}
                    </Typography.Text>
                    {where(c) && <Tag>{where(c)}</Tag>}
                  </Space>
                  <div>{titleCell(c)}</div>
                  <Actor actor={{ id: c.actorId, role: c.actorRole }} />
                  {c.reason && <div style={{ fontSize: 13 }}>{t('reasonIs', { reason: c.reason })}</div>}
                </div>
              ))}
            </div>
          ) : (
            <Table<CampaignChange>
              rowKey={(c) => `${c.streamId}@${c.revision}`}
              size="small"
              dataSource={diff.changes as CampaignChange[]}
              locale={{ emptyText: t('diffEmpty') }}
              pagination={{ pageSize: 50, hideOnSinglePage: true, size: 'small', showSizeChanger: false }}
              scroll={{ x: 1000 }}
              onRow={(c) => ({ 'data-testid': 'diff-row', 'data-type': c.type, 'data-key': c.instanceKey ?? '' }) as React.HTMLAttributes<HTMLElement>}
              columns={[
                { title: t('recordedAt'), key: 'at', width: 150, render: (_, c) => formatTime(c.recordedAt) },
                { title: t('event'), key: 'type', width: 110, render: (_, c) => <EventTypeTag type={c.type} /> },
                { title: t('branch'), key: 'branch', width: 130, ellipsis: true, render: (_, c) => where(c) },
                { title: t('task'), key: 'task', width: 260, render: (_, c) => titleCell(c) },
                { title: t('actor'), key: 'actor', width: 170, render: (_, c) => <Actor actor={{ id: c.actorId, role: c.actorRole }} /> },
                { title: t('reason'), key: 'reason', width: 180, dataIndex: 'reason' },
              ]}
            />
          )}
        </Space>
      )}
      <InstanceHistoryDrawer instance={instance} onClose={() => setInstance(null)} />
    </Card>
  );
}
