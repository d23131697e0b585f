// 账号: the accounts an administrator runs, by name, role, unit and branch, with the actions on each. A table on wide
// screens, a list of cards on phones (a table there would hide the actions off to the side).
import { useMemo, useState } from 'react';
import { Button, Card, Empty, Grid, Input, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { KeyOutlined, PlusOutlined, StopOutlined, CheckCircleOutlined, UserSwitchOutlined } from '@ant-design/icons';
import type { AccountView, Role } from '@campaign-ledger/api-contract';
import { useAccount } from '../../auth/session';
import { useI18n } from '../../i18n/i18n';
import { ChangeRoleDialog, CreateAccountDialog, DisableEnableDialog, ResetPasswordDialog, ROLES, type AdminScope } from './AccountDialogs';

type Dialog = { readonly kind: 'create' } | { readonly kind: 'reset' | 'disable-enable' | 'role'; readonly account: AccountView };

type StatusFilter = 'all' | 'active' | 'disabled';

export function AccountsTab({ scope, accounts, reload }: { scope: AdminScope; accounts: readonly AccountView[]; reload: () => Promise<void> }) {
  const { t } = useI18n();
  const me = useAccount();
  const screens = Grid.useBreakpoint();
  const narrow = !screens.md;
  const [query, setQuery] = useState('');
  const [role, setRole] = useState<Role | 'all'>('all');
  const [status, setStatus] = useState<StatusFilter>('all');
  const [dialog, setDialog] = useState<Dialog | null>(null);

  const unitName = (unitId: string | null) =>
    unitId === null ? t('installationLevel') : (scope.units.find((u) => u.unitId === unitId)?.name ?? scope.unit.name);
  const branchName = (branchId: string | null) => (branchId ? (scope.unit.branches.find((b) => b.branchId === branchId)?.name ?? branchId) : '—');

  // The unit on the page, and the installation's own administrators (who belong to no unit).
  const shown = useMemo(() => {
    const text = query.trim().toLowerCase();
    return accounts.filter(
      (a) =>
        (a.unitId === scope.unit.unitId || a.unitId === null) &&
        (!text || a.displayName.toLowerCase().includes(text) || a.username.toLowerCase().includes(text)) &&
        (role === 'all' || a.role === role) &&
        (status === 'all' || (status === 'disabled') === a.disabled),
    );
  }, [accounts, query, role, status, scope.unit.unitId]);

  const actions = (a: AccountView) => {
    const self = a.accountId === me.accountId;
    const why = self ? t('ownAccountHint') : undefined;
    return (
      <Space size={4} wrap>
        <Tooltip title={why}>
          <Button size="small" icon={<KeyOutlined />} disabled={self} onClick={() => setDialog({ kind: 'reset', account: a })} data-testid="account-reset">
            {t('resetPassword')}
          </Button>
        </Tooltip>
        <Tooltip title={why}>
          <Button
            size="small"
            icon={<UserSwitchOutlined />}
            disabled={self}
            onClick={() => setDialog({ kind: 'role', account: a })}
            data-testid="account-change-role"
          >
            {t('changeRole')}
          </Button>
        </Tooltip>
        <Tooltip title={why}>
          {a.disabled ? (
            <Button
              size="small"
              icon={<CheckCircleOutlined />}
              disabled={self}
              onClick={() => setDialog({ kind: 'disable-enable', account: a })}
              data-testid="account-enable"
            >
              {t('enableAccount')}
            </Button>
          ) : (
            <Button
              size="small"
              danger
              icon={<StopOutlined />}
              disabled={self}
              onClick={() => setDialog({ kind: 'disable-enable', account: a })}
              data-testid="account-disable"
            >
              {t('disableAccount')}
            </Button>
          )}
        </Tooltip>
      </Space>
    );
  };

  const statusTag = (a: AccountView) =>
    a.disabled ? (
      <Tag color="default" data-testid="account-status" data-disabled="true">
        {t('disabled')}
      </Tag>
    ) : (
      <Tag color="success" data-testid="account-status" data-disabled="false">
        {t('accountActive')}
      </Tag>
    );
  const nameCell = (a: AccountView) => (
    <span>
      <Typography.Text strong data-testid="account-name">
        {a.displayName}
      </Typography.Text>
      {a.accountId === me.accountId && <Tag style={{ marginInlineStart: 6 }}>{t('thisIsYou')}</Tag>}
    </span>
  );
  const rowAttributes = (a: AccountView) => ({
    'data-testid': 'account-row',
    'data-username': a.username,
    'data-role': a.role,
    'data-disabled': String(a.disabled),
  });

  return (
    <div>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 12, alignItems: 'center' }}>
        <Input.Search
          allowClear
          placeholder={t('searchAccounts')}
          style={{ width: narrow ? '100%' : 240 }}
          onChange={(e) => setQuery(e.target.value)}
          data-testid="account-search"
        />
        <Select<Role | 'all'>
          value={role}
          onChange={setRole}
          style={{ width: 140 }}
          options={[{ value: 'all', label: t('allRoles') }, ...ROLES.map((r) => ({ value: r, label: t(`role_${r}`) }))]}
          data-testid="account-role-filter"
        />
        <Select<StatusFilter>
          value={status}
          onChange={setStatus}
          style={{ width: 120 }}
          options={[
            { value: 'all', label: t('allStatuses') },
            { value: 'active', label: t('accountActive') },
            { value: 'disabled', label: t('disabled') },
          ]}
          data-testid="account-status-filter"
        />
        <div style={{ flex: 1 }} />
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'create' })} data-testid="create-account">
          {t('createAccount')}
        </Button>
      </div>
      <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 8 }} data-testid="account-count">
        {t('accountsShown', { n: shown.length })}
      </Typography.Text>
      {narrow ? (
        shown.length === 0 ? (
          <Empty description={t('noData')} />
        ) : (
          <Space orientation="vertical" size={8} style={{ width: '100%' }} data-testid="account-list">
            {shown.map((a) => (
              <Card key={a.accountId} size="small" {...rowAttributes(a)}>
                <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, flexWrap: 'wrap' }}>
                  {nameCell(a)}
                  <Space size={4}>
                    <Tag data-testid="account-role-label">{t(`role_${a.role}`)}</Tag>
                    {statusTag(a)}
                  </Space>
                </div>
                <Typography.Text type="secondary" style={{ display: 'block', margin: '4px 0 8px', wordBreak: 'break-all' }}>
                  {[a.username, unitName(a.unitId), a.role === 'secretary' ? branchName(a.branchId) : null].filter(Boolean).join(' · ')}
                </Typography.Text>
                {actions(a)}
              </Card>
            ))}
          </Space>
        )
      ) : (
        <Table<AccountView>
          rowKey="accountId"
          size="small"
          dataSource={shown}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
          scroll={{ x: 1000 }}
          onRow={(a) => rowAttributes(a) as React.HTMLAttributes<HTMLElement>}
          data-testid="account-table"
          columns={[
            { title: t('displayName'), key: 'name', render: (_, a) => nameCell(a) },
            { title: t('username'), dataIndex: 'username', width: 130 },
            { title: t('role'), dataIndex: 'role', width: 110, render: (r: Role) => <Tag data-testid="account-role-label">{t(`role_${r}`)}</Tag> },
            { title: t('unit'), dataIndex: 'unitId', width: 150, ellipsis: true, render: (id: string | null) => unitName(id) },
            {
              title: t('branch'),
              dataIndex: 'branchId',
              width: 170,
              ellipsis: true,
              render: (id: string | null) => <span data-testid="account-branch-name">{branchName(id)}</span>,
            },
            { title: t('status'), key: 'status', width: 90, render: (_, a) => statusTag(a) },
            { title: t('actions'), key: 'actions', width: 300, fixed: 'right', render: (_, a) => actions(a) },
          ]}
        />
      )}
      {dialog?.kind === 'create' && <CreateAccountDialog scope={scope} onClose={() => setDialog(null)} onDone={reload} />}
      {dialog?.kind === 'reset' && <ResetPasswordDialog account={dialog.account} onClose={() => setDialog(null)} onDone={reload} />}
      {dialog?.kind === 'disable-enable' && <DisableEnableDialog account={dialog.account} onClose={() => setDialog(null)} onDone={reload} />}
      {dialog?.kind === 'role' && <ChangeRoleDialog scope={scope} account={dialog.account} onClose={() => setDialog(null)} onDone={reload} />}
    </div>
  );
}
