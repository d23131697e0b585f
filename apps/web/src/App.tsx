// Providers, the antd theme and locale, and the route table (pages load lazily: the charts only when needed).
import { lazy, Suspense, useEffect, useState, type ComponentType } from 'react';
import { App as AntApp, Button, ConfigProvider, Result, Spin } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { SessionProvider, useSession } from './auth/session';
import { CampaignProvider, useCampaign } from './campaign-context';
import { ErrorAlert } from './components/common';
import { I18nProvider, useI18n } from './i18n/i18n';
import { AppLayout } from './layout/AppLayout';
import { LoginPage } from './pages/LoginPage';
import { homeOf, PAGES_BY_ROLE, pageOfPath, type PageId } from './roles';
import { navigate, usePath } from './router';

const OverviewPage = lazy(() => import('./pages/OverviewPage'));
const BranchesPage = lazy(() => import('./pages/BranchesPage'));
const PlanPage = lazy(() => import('./pages/PlanPage'));
const MyBranchPage = lazy(() => import('./pages/MyBranchPage'));
const StudyPage = lazy(() => import('./pages/StudyPage'));
const ThreeOnesPage = lazy(() => import('./pages/ThreeOnesPage'));
const OrganisationPage = lazy(() => import('./pages/OrganisationPage'));
const HistoryPage = lazy(() => import('./pages/HistoryPage'));
const AsOfPage = lazy(() => import('./pages/AsOfPage'));
const VerifyPage = lazy(() => import('./pages/VerifyPage'));
const PlanCampaignDialog = lazy(() => import('./components/PlanCampaignDialog'));

const PAGE_COMPONENTS: Record<PageId, ComponentType> = {
  overview: OverviewPage,
  branches: BranchesPage,
  plan: PlanPage,
  'my-branch': MyBranchPage,
  study: StudyPage,
  'three-ones': ThreeOnesPage,
  organisation: OrganisationPage,
  history: HistoryPage,
  'as-of': AsOfPage,
  verify: VerifyPage,
};

const Loading = () => (
  <div style={{ padding: 48, textAlign: 'center' }}>
    <Spin size="large" />
  </div>
);

function SignedIn() {
  const { account } = useSession();
  const path = usePath();
  const { t } = useI18n();
  const page = pageOfPath(path);
  const allowed = account && page && PAGES_BY_ROLE[account.role].includes(page);

  useEffect(() => {
    if (account && (path === '/' || path === '/login')) navigate(homeOf(account.role), true);
  }, [account, path]);

  if (!account) return null;
  if (!page) return <Loading />;
  const Page = PAGE_COMPONENTS[page];
  return (
    <CampaignProvider>
      <AppLayout>
        {allowed ? (
          <CampaignGate>
            <Suspense fallback={<Loading />}>
              <Page />
            </Suspense>
          </CampaignGate>
        ) : (
          <Result
            status="403"
            title="403"
            subTitle={t('forbiddenPage')}
            data-testid="forbidden-page"
            extra={
              <Button type="primary" onClick={() => navigate(homeOf(account.role))} data-testid="forbidden-home">
                {t('goHome')}
              </Button>
            }
          />
        )}
      </AppLayout>
    </CampaignProvider>
  );
}

/** Pages need the campaign (all but the organisation page); say so plainly when the unit has none. */
function CampaignGate({ children }: { children: React.ReactNode }) {
  const { campaign, campaigns, loading, error, reload } = useCampaign();
  const { t } = useI18n();
  const path = usePath();
  if (pageOfPath(path) === 'organisation') return <>{children}</>;
  if (error && !campaign) return <ErrorAlert error={error} action={<a onClick={() => void reload()}>{t('retry')}</a>} />;
  if (loading || (campaigns.length > 0 && !campaign)) return <Loading />;
  if (!campaign) return <NoCampaign />;
  return <>{children}</>;
}

/** The unit has no campaign yet: the leading group plans one here; everyone else is told who will. */
function NoCampaign() {
  const { account } = useSession();
  const { t } = useI18n();
  const [planning, setPlanning] = useState(false);
  const plans = account?.role === 'leading_group';
  return (
    <>
      <Result
        status="info"
        title={t('noCampaign')}
        subTitle={t(plans ? 'noCampaignLeaderHint' : 'noCampaignWaitHint')}
        extra={
          plans ? (
            <Button type="primary" size="large" icon={<PlusOutlined />} onClick={() => setPlanning(true)} data-testid="plan-campaign">
              {t('planCampaign')}
            </Button>
          ) : undefined
        }
        data-testid="no-campaign"
      />
      {planning && (
        <Suspense fallback={null}>
          <PlanCampaignDialog onClose={() => setPlanning(false)} />
        </Suspense>
      )}
    </>
  );
}

function Routes() {
  const { account } = useSession();
  const path = usePath();
  useEffect(() => {
    if (!account && path !== '/login') navigate('/login', true);
  }, [account, path]);
  if (!account) return <LoginPage />;
  return <SignedIn />;
}

function Themed() {
  const { lang } = useI18n();
  dayjs.locale(lang === 'zh' ? 'zh-cn' : 'en');
  return (
    <ConfigProvider
      locale={lang === 'zh' ? zhCN : enUS}
      // A dialog never runs past the bottom of a phone's screen: its body scrolls, its buttons stay in view.
      modal={{ styles: { body: { maxHeight: 'calc(100dvh - 280px)', overflowY: 'auto' } } }}
      theme={{
        token: {
          colorPrimary: '#b71c1c',
          colorLink: '#b71c1c',
          borderRadius: 6,
          fontFamily: "-apple-system, 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Helvetica Neue', Arial, sans-serif",
        },
        components: {
          Layout: { siderBg: '#7f1212', headerBg: '#ffffff' },
          Menu: { darkItemBg: '#7f1212', darkSubMenuItemBg: '#6a0f0f', darkItemSelectedBg: '#b71c1c' },
        },
      }}
    >
      <AntApp>
        <Routes />
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <I18nProvider>
      <SessionProvider>
        <Themed />
      </SessionProvider>
    </I18nProvider>
  );
}
