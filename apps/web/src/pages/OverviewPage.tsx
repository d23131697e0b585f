// The leading group's (and the auditor's, read-only) campaign overview: figures, half-way check, heat map, trend, warnings, ranking.
import { useMemo, useState } from 'react';
import { App as AntApp, Button, Card, Col, Empty, Progress, Row, Segmented, Skeleton, Space, Statistic, Table, Tag, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleFilled, FileExcelOutlined, FileZipOutlined } from '@ant-design/icons';
import type { CampaignOverview, CampaignView, HeatMap, OverdueColour, WarningInstance, WeeklyParticipation } from '@campaign-ledger/api-contract';
import { downloadDossier, downloadDossierZip } from '../api/client';
import { overviewPhases, rankedBranches, type OverviewFigures } from '../api/views';
import { BranchRanking } from '../components/BranchRanking';
import { BRAND, ErrorAlert, pct, pctText, RatioBar, StageTag, WarningTag } from '../components/common';
import { EChart } from '../components/EChart';
import { LiveBadge } from '../components/LiveBadge';
import { useCurrentCampaign } from '../campaign-context';
import { useLiveOverview } from '../hooks/useOverview';
import { useI18n } from '../i18n/i18n';
import { phaseShort, taskTitle } from '../labels';
import { navigate } from '../router';

export default function OverviewPage() {
  const { t } = useI18n();
  const { data, error, mode, refresh } = useLiveOverview();
  const campaign = useCurrentCampaign();

  return (
    <div>
      <PageTitle
        title={t('overviewTitle')}
        extra={
          <Space wrap>
            <LiveBadge mode={mode} asOf={data?.overview.asOf} />
            {campaign && <DossierButton campaignId={campaign.campaignId} />}
            {campaign && <DossierButton campaignId={campaign.campaignId} zip />}
          </Space>
        }
      />
      {error !== null && !data && <ErrorAlert error={error} action={<a onClick={() => void refresh()}>{t('retry')}</a>} />}
      {!data ? <Skeleton active paragraph={{ rows: 12 }} /> : <OverviewBody figures={data} campaign={campaign} />}
    </div>
  );
}

function DossierButton({ campaignId, zip = false }: { campaignId: string; zip?: boolean }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      await (zip ? downloadDossierZip(campaignId) : downloadDossier(campaignId));
    } catch (error) {
      message.error(`${t('dossierFailed')}: ${(error as Error).message}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button
      size="small"
      icon={zip ? <FileZipOutlined /> : <FileExcelOutlined />}
      loading={busy}
      onClick={() => void run()}
      data-testid={zip ? 'download-dossier-zip' : 'download-dossier'}
    >
      {t(zip ? 'downloadDossierZip' : 'downloadDossier')}
    </Button>
  );
}

export function PageTitle({ title, extra }: { title: string; extra?: React.ReactNode }) {
  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', justifyContent: 'space-between', gap: 8, marginBottom: 16 }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {title}
      </Typography.Title>
      {extra}
    </div>
  );
}

function OverviewBody({ figures, campaign }: { figures: OverviewFigures; campaign: CampaignView }) {
  const { t } = useI18n();
  const { overview } = figures;
  const phases = overviewPhases(overview);
  const branchNames = useMemo(() => new Map(figures.heatMap.branches.map((b) => [b.branchId, b.name])), [figures.heatMap]);
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Row gutter={[16, 16]}>
        <Col xs={24} md={12} xl={8}>
          <Card title={t('campaignProgress')} style={{ height: '100%' }}>
            <Statistic value={pct(overview.totals.completion)} precision={1} suffix="%" styles={{ content: { color: BRAND } }} />
            <RatioBar ratio={overview.totals.completion} testId="overview-campaign" overdue={overview.totals.overdue} />
          </Card>
        </Col>
        <Col xs={24} md={12} xl={8}>
          <HalfYearCard halfYear={overview.halfYear} />
        </Col>
        <Col xs={24} xl={8}>
          <Card title={t('participation')} style={{ height: '100%' }} data-testid="overview-participation">
            <Row gutter={16}>
              <Col span={12}>
                <Statistic title={t('byPerson')} value={pctText(overview.participation.byPerson)} />
                <Typography.Text type="secondary">
                  {t('participationOfPeople', { n: overview.participation.byPerson.numerator, d: overview.participation.byPerson.denominator })}
                </Typography.Text>
              </Col>
              <Col span={12}>
                <Statistic title={t('byPersonSession')} value={pctText(overview.participation.byPersonSession)} />
                <Typography.Text type="secondary">
                  {t('participationOfSessions', { n: overview.participation.byPersonSession.numerator, d: overview.participation.byPersonSession.denominator })}
                </Typography.Text>
              </Col>
            </Row>
          </Card>
        </Col>
      </Row>

      <Card title={t('stageProgress')}>
        <Row gutter={[24, 24]}>
          {overview.stages.map((stage) => (
            <Col xs={24} lg={8} key={stage.stageId} data-testid={`stage-card-${stage.stageId}`}>
              <Space size={8} style={{ marginBottom: 4 }} wrap>
                <Typography.Text strong>{stage.name}</Typography.Text>
                <StageTag status={stage.status} />
              </Space>
              <RatioBar ratio={stage.completion} testId={`stage-progress-${stage.stageId}`} overdue={stage.overdue} />
              <div style={{ marginTop: 12, paddingInlineStart: 12, borderInlineStart: '2px solid #f0f0f0' }}>
                {phases
                  .filter((p) => p.stageId === stage.stageId)
                  .map((p) => (
                    <div key={p.phaseId} style={{ marginBottom: 8 }} data-testid={`phase-progress-${p.phaseId}`}>
                      <Typography.Text style={{ fontSize: 13 }} ellipsis={{ tooltip: p.name }}>
                        {p.name}
                      </Typography.Text>
                      <RatioBar ratio={p.completion} size="small" overdue={p.overdue} />
                    </div>
                  ))}
              </div>
            </Col>
          ))}
        </Row>
      </Card>

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card title={t('heatmapTitle')}>
            <Heatmap heatMap={figures.heatMap} campaign={campaign} />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card title={t('participationTrend')}>
            <ParticipationLine points={figures.weekly} />
          </Card>
        </Col>
      </Row>

      <Card title={t('warningsTitle')}>
        <WarningList rows={figures.overdue.instances} campaign={campaign} branchName={(id) => branchNames.get(id) ?? id} />
      </Card>

      <Card title={t('rankingTitle')}>
        <BranchRanking branches={rankedBranches(figures.ranking, figures.overdue.instances)} />
      </Card>
    </Space>
  );
}

function HalfYearCard({ halfYear: h }: { halfYear: CampaignOverview['halfYear'] }) {
  const { t } = useI18n();
  return (
    <Card
      title={t('halfYear')}
      style={{ height: '100%' }}
      data-testid="half-year"
      extra={
        h.passes ? (
          <Tag icon={<CheckCircleFilled />} color="success" data-testid="half-year-result">
            {t('pass')}
          </Tag>
        ) : (
          <Tag icon={<CloseCircleFilled />} color="error" data-testid="half-year-result">
            {t('fail')}
          </Tag>
        )
      }
    >
      <Row gutter={16}>
        <Col span={12} style={{ textAlign: 'center' }}>
          <Progress type="dashboard" percent={pct(h.timeProgress)} size={100} strokeColor="#8c8c8c" format={() => pctText(h.timeProgress)} />
          <div>{t('timeProgress')}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('elapsedDays', { n: h.timeProgress.numerator, d: h.timeProgress.denominator })}
          </Typography.Text>
        </Col>
        <Col span={12} style={{ textAlign: 'center' }}>
          <Progress
            type="dashboard"
            percent={pct(h.workProgress)}
            size={100}
            strokeColor={h.passes ? '#389e0d' : BRAND}
            format={() => pctText(h.workProgress)}
          />
          <div>{t('workProgress')}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {`${h.workProgress.numerator} / ${h.workProgress.denominator}`}
          </Typography.Text>
        </Col>
      </Row>
      {h.halfwayDate && (
        <div style={{ textAlign: 'center', marginTop: 8 }}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('halfwayDate', { date: h.halfwayDate })}
          </Typography.Text>
        </div>
      )}
    </Card>
  );
}

function Heatmap({ heatMap, campaign }: { heatMap: HeatMap; campaign: CampaignView }) {
  const { t } = useI18n();
  // The unit-level pseudo-branch (its id starts with "_") is a row only when it has work.
  const rows = useMemo(() => heatMap.branches.filter((b) => !b.branchId.startsWith('_') || Object.values(b.cells).some((c) => c.applicable > 0)), [heatMap]);
  const phases = campaign.phases;
  const option = useMemo(() => {
    const data = rows
      .flatMap((b, y) =>
        Object.entries(b.cells).map(([phaseId, c]) => ({
          x: phases.findIndex((p) => p.phaseId === phaseId),
          y,
          completion: c.completion,
          branchId: b.branchId,
        })),
      )
      .map(({ x, y, completion, branchId }) => ({ value: [x, y, completion.denominator === 0 ? -1 : pct(completion)], ratio: completion, branchId }))
      .filter((d) => d.value[0] >= 0);
    return {
      tooltip: {
        formatter: (p: { data: { value: number[]; ratio: { numerator: number; denominator: number } } }) => {
          const [x, y] = p.data.value;
          const r = p.data.ratio;
          return `${rows[y]?.branchId.startsWith('_') ? t('unitLevel') : rows[y]?.name}<br/>${phases[x]?.name}<br/><b>${r.denominator ? `${pct(r)}%` : '—'}</b> (${r.numerator} / ${r.denominator})`;
        },
      },
      grid: { left: 8, right: 8, top: 8, bottom: 64, containLabel: true },
      xAxis: {
        type: 'category',
        data: phases.map((p) => phaseShort(campaign, p.phaseId, 6)),
        axisLabel: { interval: 0, rotate: 30, fontSize: 11 },
        splitArea: { show: true },
      },
      yAxis: {
        type: 'category',
        data: rows.map((b) => (b.branchId.startsWith('_') ? t('unitLevel') : b.name.replace(/党支部$/, ''))),
        axisLabel: { fontSize: 11, width: 84, overflow: 'truncate' },
        inverse: true,
      },
      visualMap: {
        min: 0,
        max: 100,
        calculable: false,
        orient: 'horizontal',
        left: 'center',
        bottom: 0,
        itemHeight: 120,
        text: ['100%', '0%'],
        inRange: { color: ['#fff1f0', '#ffa39e', '#f5222d', '#a8071a', '#5c0011'] },
        outOfRange: { color: '#f5f5f5' },
      },
      series: [
        {
          type: 'heatmap',
          data,
          label: { show: true, fontSize: 10, formatter: (p: { data: { value: number[] } }) => (p.data.value[2] < 0 ? '—' : `${Math.round(p.data.value[2])}`) },
          emphasis: { itemStyle: { shadowBlur: 6, shadowColor: 'rgba(0,0,0,.3)' } },
        },
      ],
    };
  }, [rows, phases, campaign, t]);
  if (!rows.length) return <Empty description={t('noData')} />;
  return (
    <EChart
      option={option}
      height={Math.max(320, rows.length * 30 + 120)}
      testId="heatmap"
      onClick={(p) => {
        const id = (p.data as { branchId?: string } | undefined)?.branchId;
        if (id && !id.startsWith('_')) navigate(`/branches/${encodeURIComponent(id)}`);
      }}
    />
  );
}

function ParticipationLine({ points }: { points: readonly WeeklyParticipation[] }) {
  const { t } = useI18n();
  const option = useMemo(
    () => ({
      tooltip: {
        trigger: 'axis',
        formatter: (ps: { dataIndex: number }[]) => {
          const p = points[ps[0]?.dataIndex ?? 0];
          if (!p) return '';
          return `${t('weekOf', { date: p.weekOf })}<br/>${t('participationRate')}: <b>${pctText(p.participation)}</b> (${t('participationOfSessions', { n: p.participation.numerator, d: p.participation.denominator })})<br/>${t('attendanceRate')}: <b>${pctText(p.attendance)}</b> (${p.attendance.numerator} / ${p.attendance.denominator})`;
        },
      },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: points.map((p) => p.weekOf.slice(5)), boundaryGap: false },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      series: [
        {
          name: t('participationRate'),
          type: 'line',
          smooth: true,
          data: points.map((p) => pct(p.participation)),
          areaStyle: { opacity: 0.12 },
          itemStyle: { color: BRAND },
        },
        { name: t('attendanceRate'), type: 'line', smooth: true, data: points.map((p) => pct(p.attendance)), itemStyle: { color: '#d48806' } },
      ],
    }),
    [points, t],
  );
  if (!points.length) return <Empty description={t('noData')} />;
  return <EChart option={option} height={320} testId="participation-line" />;
}

function WarningList({ rows, campaign, branchName }: { rows: readonly WarningInstance[]; campaign: CampaignView; branchName: (branchId: string) => string }) {
  const { t, lang } = useI18n();
  const [filter, setFilter] = useState<'all' | OverdueColour>('all');
  const shown = filter === 'all' ? rows : rows.filter((r) => r.colour === filter);
  const count = (c: OverdueColour) => rows.filter((r) => r.colour === c).length;
  return (
    <>
      <Segmented
        style={{ marginBottom: 12 }}
        value={filter}
        onChange={(v) => setFilter(v as typeof filter)}
        options={[
          { value: 'all', label: `${t('all')} ${rows.length}` },
          { value: 'red', label: `${t('colour_red')} ${count('red')}` },
          { value: 'amber', label: `${t('colour_amber')} ${count('amber')}` },
        ]}
      />
      <Table
        rowKey="instanceKey"
        size="small"
        dataSource={shown as WarningInstance[]}
        locale={{ emptyText: t('warningsEmpty') }}
        pagination={{ pageSize: 10, hideOnSinglePage: true, size: 'small', showSizeChanger: false }}
        scroll={{ x: 720 }}
        onRow={(r) => ({ 'data-testid': 'overdue-row', 'data-colour': r.colour, 'data-key': r.instanceKey }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('status'), dataIndex: 'colour', width: 110, render: (_: unknown, r) => <WarningTag colour={r.colour} daysLeft={r.daysLeft} /> },
          { title: t('task'), dataIndex: 'title', ellipsis: true, render: (_: unknown, r) => taskTitle(campaign, r.taskId, r.title, lang) },
          {
            title: t('branch'),
            dataIndex: 'branchId',
            width: 170,
            ellipsis: true,
            render: (_: unknown, r) =>
              r.branchId.startsWith('_') ? (
                t('unitLevel')
              ) : (
                <a onClick={() => navigate(`/branches/${encodeURIComponent(r.branchId)}`)}>{branchName(r.branchId)}</a>
              ),
          },
          { title: t('subject'), dataIndex: 'subjectName', width: 100, ellipsis: true, render: (name: string | null) => name ?? '—' },
          { title: t('dueDate'), dataIndex: 'dueDate', width: 110 },
        ]}
      />
    </>
  );
}
