// 系统管理: the administrator's office. Accounts (create, reset passwords, disable / enable, change roles), the roster
// import, and the unit's branches, members and divisions (added by hand too). An installation administrator registers
// units and picks the unit at the top; a unit administrator sees their own.
import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, Col, Input, Result, Row, Select, Skeleton, Space, Statistic, Table, Tabs, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { AccountView, OrganisationView, UnitSummary } from '@campaign-ledger/api-contract';
import * as api from '../api/client';
import { useAccount } from '../auth/session';
import { ErrorAlert } from '../components/common';
import { useI18n } from '../i18n/i18n';
import { AccountsTab } from './admin/AccountsTab';
import { AddBranchDialog, AddDivisionDialog, RegisterUnitDialog } from './admin/OrganisationDialogs';
import { RosterImportTab } from './admin/RosterImportTab';
import { PageTitle } from './OverviewPage';

const UNIT_KEY = 'ledger.adminUnit';
const TABS = ['accounts', 'import', 'branches', 'members', 'divisions'] as const;
type TabKey = (typeof TABS)[number];

const initialTab = (): TabKey => {
  const asked = new URLSearchParams(window.location.search).get('tab');
  return TABS.find((tab) => tab === asked) ?? 'accounts';
};

export default function OrganisationPage() {
  const { t } = useI18n();
  const account = useAccount();
  const installation = account.unitId === null;
  const [units, setUnits] = useState<readonly UnitSummary[] | null>(null);
  const [unitId, setUnitId] = useState<string | null>(() => account.unitId ?? localStorage.getItem(UNIT_KEY));
  const [unit, setUnit] = useState<OrganisationView | null>(null);
  const [accounts, setAccounts] = useState<readonly AccountView[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [tab, setTab] = useState<TabKey>(initialTab);
  const [registering, setRegistering] = useState(false);
  /** The unit just registered: the page says what comes next. */
  const [registered, setRegistered] = useState<{ unitId: string; name: string } | null>(null);

  useEffect(() => {
    let cancelled = false;
    api.listUnits().then(
      (list) => {
        if (cancelled) return;
        setUnits(list);
        setUnitId((current) => list.find((u) => u.unitId === current)?.unitId ?? list[0]?.unitId ?? null);
      },
      (e) => !cancelled && setError(e),
    );
    return () => {
      cancelled = true;
    };
  }, [account.accountId]);

  const reloadUnit = useCallback(async () => {
    if (!unitId) return;
    try {
      setUnit(await api.getUnit(unitId));
    } catch (e) {
      setError(e);
    }
  }, [unitId]);

  const reloadAccounts = useCallback(async () => {
    try {
      setAccounts(await api.listAccounts());
    } catch (e) {
      setError(e);
    }
  }, []);

  useEffect(() => {
    setUnit(null);
    void reloadUnit();
  }, [reloadUnit]);
  useEffect(() => void reloadAccounts(), [reloadAccounts]);

  const chooseUnit = (id: string) => {
    localStorage.setItem(UNIT_KEY, id);
    setError(null);
    setUnitId(id);
  };
  const chooseTab = (key: string) => {
    const next = TABS.find((tab) => tab === key) ?? 'accounts';
    setTab(next);
    window.history.replaceState(null, '', `${window.location.pathname}?tab=${next}`);
  };

  /** A unit is registered: it joins the list and is the one shown, at its roster import (the next step). */
  const onRegistered = async (created: { unitId: string; name: string }) => {
    const list = await api.listUnits().catch(() => null);
    setUnits((current) => list ?? [...(current ?? []), { unitId: created.unitId, name: created.name, code: '' }]);
    chooseUnit(created.unitId);
    chooseTab('import');
    setRegistered(created);
  };

  const registerButton = (testId: string, primary: boolean) => (
    <Button type={primary ? 'primary' : 'default'} icon={<PlusOutlined />} onClick={() => setRegistering(true)} data-testid={testId}>
      {t('registerUnit')}
    </Button>
  );

  // Only an installation administrator registers units (the API refuses a unit administrator).
  const unitPicker =
    installation && units && units.length > 0 ? (
      <Space wrap size={8} style={{ maxWidth: '100%' }}>
        <Select
          value={unitId ?? undefined}
          onChange={chooseUnit}
          options={units.map((u) => ({ value: u.unitId, label: u.name }))}
          style={{ minWidth: 200, maxWidth: '100%' }}
          aria-label={t('unit')}
          data-testid="admin-unit-select"
        />
        {registerButton('register-unit', false)}
      </Space>
    ) : unit ? (
      <Tag data-testid="admin-unit-name">{unit.name}</Tag>
    ) : null;

  return (
    <div>
      <PageTitle title={t('orgTitle')} extra={unitPicker} />
      {error !== null && <ErrorAlert error={error} />}
      {registered !== null && registered.unitId === unitId && (
        <Alert
          type="success"
          showIcon
          closable={{ onClose: () => setRegistered(null) }}
          title={t('unitNextStepsTitle', { name: registered.name })}
          description={
            <div>
              <div>{t('unitNextSteps')}</div>
              <Space wrap size={8} style={{ marginTop: 8 }}>
                <Button size="small" type="primary" onClick={() => chooseTab('import')} data-testid="next-step-import">
                  {t('rosterImportTab')}
                </Button>
                <Button size="small" onClick={() => chooseTab('branches')} data-testid="next-step-branches">
                  {t('addBranch')}
                </Button>
                <Button size="small" onClick={() => chooseTab('accounts')} data-testid="next-step-accounts">
                  {t('createAccount')}
                </Button>
              </Space>
            </div>
          }
          style={{ marginBottom: 16 }}
          data-testid="unit-next-steps"
        />
      )}
      {units !== null && units.length === 0 ? (
        <Result
          status="info"
          title={t('noUnits')}
          subTitle={installation ? t('noUnitsHint') : undefined}
          extra={installation ? registerButton('register-first-unit', true) : undefined}
          data-testid="admin-no-units"
        />
      ) : !unit || !accounts ? (
        error === null && <Skeleton active paragraph={{ rows: 10 }} />
      ) : (
        <Office
          unit={unit}
          units={units ?? []}
          accounts={accounts}
          installation={installation}
          tab={tab}
          onTab={chooseTab}
          reloadUnit={reloadUnit}
          reloadAccounts={reloadAccounts}
        />
      )}
      {registering && <RegisterUnitDialog onClose={() => setRegistering(false)} onDone={onRegistered} />}
    </div>
  );
}

function Office({
  unit,
  units,
  accounts,
  installation,
  tab,
  onTab,
  reloadUnit,
  reloadAccounts,
}: {
  unit: OrganisationView;
  units: readonly UnitSummary[];
  accounts: readonly AccountView[];
  installation: boolean;
  tab: TabKey;
  onTab: (key: string) => void;
  reloadUnit: () => Promise<void>;
  reloadAccounts: () => Promise<void>;
}) {
  const { t } = useI18n();
  const [query, setQuery] = useState('');
  const [adding, setAdding] = useState<'branch' | 'division' | null>(null);
  const branchName = (id: string | null) => (id ? (unit.branches.find((b) => b.branchId === id)?.name ?? id) : '—');
  const members = unit.members.filter((m) => !query || m.name.includes(query) || m.memberId.toLowerCase().includes(query.toLowerCase()));
  const scope = { installation, units: units.length > 0 ? units : [{ unitId: unit.unitId, name: unit.name, code: unit.code }], unit };

  return (
    <>
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('unit')} value={unit.name} styles={{ content: { fontSize: 18 } }} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <div data-testid="admin-branch-count" data-value={unit.branches.length}>
              <Statistic title={t('branches')} value={unit.branches.length} />
            </div>
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <div data-testid="admin-member-count" data-value={unit.members.filter((m) => m.status === 'active' || m.status === 'exempt').length}>
              <Statistic title={t('members')} value={unit.members.filter((m) => m.status === 'active' || m.status === 'exempt').length} />
            </div>
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('accounts')} value={accounts.filter((a) => a.unitId === unit.unitId).length} />
          </Card>
        </Col>
      </Row>
      <Card>
        <Tabs
          activeKey={tab}
          onChange={onTab}
          items={[
            {
              key: 'accounts',
              label: <span data-testid="tab-accounts">{t('accounts')}</span>,
              children: <AccountsTab scope={scope} accounts={accounts} reload={reloadAccounts} />,
            },
            {
              key: 'import',
              label: <span data-testid="tab-import">{t('rosterImportTab')}</span>,
              children: <RosterImportTab unit={unit} onImported={reloadUnit} />,
            },
            {
              key: 'branches',
              label: <span data-testid="tab-branches">{t('branches')}</span>,
              children: (
                <>
                  <AddBar hint={t('addBranchHint')} button={t('addBranch')} testId="add-branch" onClick={() => setAdding('branch')} />
                  <Table
                    rowKey="branchId"
                    size="small"
                    pagination={false}
                    dataSource={unit.branches as OrganisationView['branches'][number][]}
                    scroll={{ x: 520 }}
                    locale={{ emptyText: t('noBranchesYet') }}
                    onRow={(b) => ({ 'data-testid': 'branch-row', 'data-branch': b.branchId }) as React.HTMLAttributes<HTMLElement>}
                    columns={[
                      { title: t('branch'), dataIndex: 'name' },
                      { title: t('secretary'), dataIndex: 'secretaryName', width: 100 },
                      { title: t('activeMembers'), dataIndex: 'activeMembers', width: 80 },
                      { title: t('exemptMembers'), dataIndex: 'exemptMembers', width: 80 },
                    ]}
                  />
                </>
              ),
            },
            {
              key: 'members',
              label: <span data-testid="tab-members">{t('members')}</span>,
              children: (
                <>
                  <Input.Search allowClear placeholder={t('member')} style={{ maxWidth: 260, marginBottom: 12 }} onChange={(e) => setQuery(e.target.value)} />
                  <Table
                    rowKey="memberId"
                    size="small"
                    dataSource={members}
                    pagination={{ pageSize: 20, size: 'small', showSizeChanger: false }}
                    scroll={{ x: 560 }}
                    columns={[
                      {
                        title: t('member'),
                        dataIndex: 'name',
                        width: 120,
                        render: (n: string, m) => (
                          <span>
                            {n} {m.isLeader && <Tag color="gold">{t('leader')}</Tag>}
                          </span>
                        ),
                      },
                      { title: t('memberNumber'), dataIndex: 'memberId', width: 90 },
                      { title: t('branch'), dataIndex: 'branchId', render: (id: string) => branchName(id) },
                      {
                        title: t('status'),
                        dataIndex: 'status',
                        width: 100,
                        render: (s: string) => {
                          const key = `memberStatus_${s}` as 'memberStatus_active';
                          return (
                            <Tag color={s === 'active' ? 'success' : s === 'exempt' ? 'warning' : 'default'}>
                              {['active', 'exempt', 'left', 'not_joined_yet'].includes(s) ? t(key) : s}
                            </Tag>
                          );
                        },
                      },
                      { title: t('joinedOn'), dataIndex: 'joinedOn', width: 110 },
                    ]}
                  />
                </>
              ),
            },
            {
              key: 'divisions',
              label: <span data-testid="tab-divisions">{t('divisions')}</span>,
              children: (
                <>
                  <AddBar hint={t('addDivisionHint')} button={t('addDivision')} testId="add-division" onClick={() => setAdding('division')} />
                  <Table
                    rowKey="divisionId"
                    size="small"
                    pagination={false}
                    dataSource={unit.divisions as OrganisationView['divisions'][number][]}
                    locale={{ emptyText: t('noDivisionsYet') }}
                    onRow={(d) => ({ 'data-testid': 'division-row', 'data-division': d.divisionId }) as React.HTMLAttributes<HTMLElement>}
                    columns={[{ title: t('divisions'), dataIndex: 'name' }]}
                  />
                </>
              ),
            },
          ]}
        />
      </Card>
      {adding === 'branch' && <AddBranchDialog unit={unit} onClose={() => setAdding(null)} onDone={reloadUnit} />}
      {adding === 'division' && <AddDivisionDialog unit={unit} onClose={() => setAdding(null)} onDone={reloadUnit} />}
    </>
  );
}

/** Above a tab's table: what adding by hand is for, and the button that does it. */
function AddBar({ hint, button, testId, onClick }: { hint: string; button: string; testId: string; onClick: () => void }) {
  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', justifyContent: 'space-between', gap: 8, marginBottom: 12 }}>
      <Typography.Text type="secondary" style={{ flex: '1 1 240px' }}>
        {hint}
      </Typography.Text>
      <Button type="primary" icon={<PlusOutlined />} onClick={onClick} data-testid={testId}>
        {button}
      </Button>
    </div>
  );
}
