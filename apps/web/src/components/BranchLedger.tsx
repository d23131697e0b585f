// One branch's ledger as the leading group and the auditor read it (the secretary's pages reuse the same pieces with actions).
import { useCallback } from 'react';
import { Card, Col, Row, Skeleton, Space, Statistic, Tabs, Typography } from 'antd';
import type { CampaignView, OrganisationView, ReadModelInstance, RosterMember } from '@campaign-ledger/api-contract';
import * as api from '../api/client';
import { useLive } from '../hooks/useLive';
import { useI18n } from '../i18n/i18n';
import { memberName } from '../labels';
import { BRAND, ErrorAlert, pct, RatioBar } from './common';
import { InstanceGroups } from './InstanceGroups';
import { LiveBadge } from './LiveBadge';
import { SessionsTable } from './SessionsTable';
import { ThreeOnesGrid } from './ThreeOnesGrid';

export function BranchLedger({ campaign, unit, branchId }: { campaign: CampaignView; unit: OrganisationView | null; branchId: string }) {
  const { t } = useI18n();
  const fetch = useCallback((signal: AbortSignal) => api.getBranchDashboard(campaign.campaignId, branchId, signal), [campaign.campaignId, branchId]);
  const { data, error, mode, refresh } = useLive({
    key: `${campaign.campaignId}:${branchId}:${campaign.revision}`,
    fetch,
    fromEvent: api.dashboardFromPush,
    streamUrl: api.branchDashboardStreamUrl(campaign.campaignId, branchId),
  });
  const members: RosterMember[] = (unit?.members ?? [])
    .filter((m) => m.branchId === branchId && (m.status === 'active' || m.status === 'exempt'))
    .map((m) => ({ memberId: m.memberId, name: m.name, isLeader: m.isLeader, status: m.status as 'active' | 'exempt' }));
  const name = (id: string) => memberName(unit, null, id);
  const subjectName = (i: ReadModelInstance) =>
    i.subjectName ?? (i.subjectId === branchId || i.scope === 'branch' || i.scope === 'branch_recurring_weekly' ? null : name(i.subjectId));

  if (!data)
    return error ? <ErrorAlert error={error} action={<a onClick={() => void refresh()}>{t('retry')}</a>} /> : <Skeleton active paragraph={{ rows: 10 }} />;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <LiveBadge mode={mode} asOf={data.asOf} />
      <Row gutter={[16, 16]}>
        <Col xs={24} md={8}>
          <Card>
            <Statistic title={t('completionRate')} value={pct(data.totals.completion)} precision={1} suffix="%" styles={{ content: { color: BRAND } }} />
            <RatioBar ratio={data.totals.completion} testId="branch-completion" overdue={data.totals.overdue} />
          </Card>
        </Col>
        <Col xs={12} md={8}>
          <Card>
            <Statistic title={`${t('participationRate')} · ${t('byPerson')}`} value={pct(data.participation.byPerson)} precision={1} suffix="%" />
            <Typography.Text type="secondary">
              {t('participationOfPeople', { n: data.participation.byPerson.numerator, d: data.participation.byPerson.denominator })}
            </Typography.Text>
          </Card>
        </Col>
        <Col xs={12} md={8}>
          <Card>
            <Statistic title={`${t('participationRate')} · ${t('byPersonSession')}`} value={pct(data.participation.byPersonSession)} precision={1} suffix="%" />
            <Typography.Text type="secondary">
              {t('participationOfSessions', { n: data.participation.byPersonSession.numerator, d: data.participation.byPersonSession.denominator })}
            </Typography.Text>
          </Card>
        </Col>
      </Row>
      <Card>
        <Tabs
          items={[
            {
              key: 'tasks',
              label: t('task'),
              children: <InstanceGroups dashboard={data} campaign={campaign} subjectName={subjectName} defaultFilter="open" />,
            },
            { key: 'sessions', label: t('menuStudy'), children: <SessionsTable sessions={data.sessions} name={name} /> },
            { key: 'three', label: t('menuThreeOnes'), children: <ThreeOnesGrid members={members} entries={data.threeOnesEntries} /> },
          ]}
        />
      </Card>
    </Space>
  );
}
