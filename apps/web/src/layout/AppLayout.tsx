// The signed-in frame: a menu with only the role's pages (a drawer on phones), the campaign picker, the language switch,
// the user menu (change my password, log out) and the banner that says when figures are delayed or the server is away.
import { useState, type ReactNode } from 'react';
import { Button, Drawer, Dropdown, Grid, Layout, Menu, Select, Space, Tag, Typography, theme } from 'antd';
import {
  ApartmentOutlined,
  BookOutlined,
  DashboardOutlined,
  FieldTimeOutlined,
  FlagOutlined,
  HistoryOutlined,
  KeyOutlined,
  LogoutOutlined,
  MenuOutlined,
  ReadOutlined,
  SafetyCertificateOutlined,
  SettingOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useSession, useAccount } from '../auth/session';
import { useCampaign } from '../campaign-context';
import { ChangePasswordDialog } from '../components/ChangePasswordDialog';
import { FreshnessBanner } from '../components/FreshnessBanner';
import { useI18n } from '../i18n/i18n';
import { PAGES, PAGES_BY_ROLE, pageOfPath, type PageId } from '../roles';
import { navigate, usePath } from '../router';

const ICONS: Record<PageId, ReactNode> = {
  overview: <DashboardOutlined />,
  branches: <TeamOutlined />,
  plan: <FlagOutlined />,
  'my-branch': <ApartmentOutlined />,
  study: <ReadOutlined />,
  'three-ones': <BookOutlined />,
  organisation: <SettingOutlined />,
  history: <HistoryOutlined />,
  'as-of': <FieldTimeOutlined />,
  verify: <SafetyCertificateOutlined />,
};

export function LanguageSwitch({ light }: { light?: boolean }) {
  const { lang, setLang, t } = useI18n();
  return (
    <Button
      size="small"
      type={light ? 'text' : 'default'}
      style={light ? { color: '#fff' } : undefined}
      data-testid="lang-switch"
      onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}
      aria-label="language"
    >
      {t('langSwitch')}
    </Button>
  );
}

export function AppLayout({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const account = useAccount();
  const { logout } = useSession();
  const { campaigns, campaign, select } = useCampaign();
  const path = usePath();
  const screens = Grid.useBreakpoint();
  const mobile = !screens.lg;
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [changingPassword, setChangingPassword] = useState(false);
  const { token } = theme.useToken();

  const pages = PAGES_BY_ROLE[account.role];
  const current = pageOfPath(path);
  const menu = (
    <Menu
      mode="inline"
      theme="dark"
      selectedKeys={current ? [current] : []}
      onClick={({ key }) => {
        navigate(PAGES[key as PageId].path);
        setDrawerOpen(false);
      }}
      items={pages.map((id) => ({ key: id, icon: ICONS[id], label: <span data-testid={`menu-${id}`}>{t(PAGES[id].label)}</span> }))}
      style={{ borderInlineEnd: 0 }}
    />
  );
  const brand = (
    <div style={{ display: 'flex', alignItems: 'center', gap: 10, padding: '18px 20px', color: '#fff' }}>
      <div style={{ width: 30, height: 30, borderRadius: 6, background: '#fff', color: '#b71c1c', display: 'grid', placeItems: 'center', fontWeight: 700 }}>
        台
      </div>
      <div style={{ lineHeight: 1.2 }}>
        <div style={{ fontWeight: 600, fontSize: 16 }}>{t('appName')}</div>
        <div style={{ fontSize: 12, opacity: 0.7 }}>{t('appSubtitle')}</div>
      </div>
    </div>
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {!mobile && (
        <Layout.Sider width={220} style={{ background: '#7f1212', position: 'sticky', top: 0, height: '100vh' }}>
          {brand}
          {menu}
        </Layout.Sider>
      )}
      {mobile && (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          size={240}
          closable={false}
          styles={{ body: { padding: 0, background: '#7f1212' } }}
        >
          {brand}
          {menu}
        </Drawer>
      )}
      <Layout style={{ minWidth: 0 }}>
        <Layout.Header
          style={{
            background: token.colorBgContainer,
            padding: mobile ? '0 12px' : '0 24px',
            display: 'flex',
            alignItems: 'center',
            gap: 12,
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
            position: 'sticky',
            top: 0,
            zIndex: 10,
            height: 56,
            lineHeight: '56px',
          }}
        >
          {mobile && <Button type="text" icon={<MenuOutlined />} onClick={() => setDrawerOpen(true)} data-testid="menu-toggle" aria-label="menu" />}
          <div style={{ flex: 1, minWidth: 0, overflow: 'hidden', display: 'flex', alignItems: 'center', lineHeight: 'normal' }}>
            {campaigns.length > 1 ? (
              <Select
                value={campaign?.campaignId}
                onChange={select}
                options={campaigns.map((c) => ({ value: c.campaignId, label: c.name }))}
                style={{ maxWidth: '100%', minWidth: 160 }}
                data-testid="campaign-select"
              />
            ) : (
              <Typography.Text strong ellipsis style={{ maxWidth: '100%' }} data-testid="campaign-name">
                {campaign?.name ?? campaigns[0]?.name ?? ''}
              </Typography.Text>
            )}
          </div>
          <Space size={mobile ? 4 : 12}>
            <LanguageSwitch />
            <Dropdown
              menu={{
                items: [
                  { key: 'who', label: <span data-testid="user-name">{account.displayName}</span>, disabled: true },
                  { type: 'divider' },
                  {
                    key: 'password',
                    icon: <KeyOutlined />,
                    label: <span data-testid="change-password">{t('changePassword')}</span>,
                    onClick: () => setChangingPassword(true),
                  },
                  { key: 'logout', icon: <LogoutOutlined />, label: <span data-testid="logout">{t('logout')}</span>, onClick: logout },
                ],
              }}
              trigger={['click']}
            >
              <Button type="text" icon={<UserOutlined />} data-testid="user-menu">
                {!mobile && (
                  <span>
                    {account.username} <Tag style={{ marginInlineStart: 4 }}>{t(`role_${account.role}`)}</Tag>
                  </span>
                )}
              </Button>
            </Dropdown>
          </Space>
        </Layout.Header>
        <FreshnessBanner />
        <Layout.Content style={{ padding: mobile ? 12 : 24, minWidth: 0 }}>{children}</Layout.Content>
      </Layout>
      {changingPassword && <ChangePasswordDialog onClose={() => setChangingPassword(false)} />}
    </Layout>
  );
}
