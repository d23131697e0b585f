// 支部进度: the ranking of all branches, and one branch's ledger at /branches/:branchId.
import { Button, Card, Select, Skeleton } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { rankedBranches } from '../api/views';
import { BranchLedger } from '../components/BranchLedger';
import { BranchRanking } from '../components/BranchRanking';
import { ErrorAlert } from '../components/common';
import { LiveBadge } from '../components/LiveBadge';
import { useCampaign, useCurrentCampaign } from '../campaign-context';
import { useLiveOverview } from '../hooks/useOverview';
import { useI18n } from '../i18n/i18n';
import { navigate, usePath } from '../router';
import { PageTitle } from './OverviewPage';

export default function BranchesPage() {
  const path = usePath();
  const branchId = decodeURIComponent(path.split('/')[2] ?? '');
  return branchId ? <OneBranch branchId={branchId} /> : <Ranking />;
}

function Ranking() {
  const { t } = useI18n();
  const { data, error, mode, refresh } = useLiveOverview();
  return (
    <div>
      <PageTitle title={t('menuBranches')} extra={<LiveBadge mode={mode} asOf={data?.overview.asOf} />} />
      {error !== null && !data && <ErrorAlert error={error} action={<a onClick={() => void refresh()}>{t('retry')}</a>} />}
      <Card title={t('rankingTitle')}>{data ? <BranchRanking branches={rankedBranches(data.ranking, data.overdue.instances)} /> : <Skeleton active />}</Card>
    </div>
  );
}

function OneBranch({ branchId }: { branchId: string }) {
  const { t } = useI18n();
  const { unit, branchName } = useCampaign();
  const campaign = useCurrentCampaign();
  return (
    <div>
      <PageTitle
        title={`${t('branchDashboard')} · ${branchName(branchId)}`}
        extra={
          <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
            <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/branches')} data-testid="back-to-branches">
              {t('back')}
            </Button>
            {unit && (
              <Select
                value={branchId}
                style={{ minWidth: 180 }}
                onChange={(id) => navigate(`/branches/${encodeURIComponent(id)}`)}
                options={unit.branches.map((b) => ({ value: b.branchId, label: b.name }))}
                data-testid="branch-select"
              />
            )}
          </div>
        }
      />
      <BranchLedger campaign={campaign} unit={unit} branchId={branchId} />
    </div>
  );
}
