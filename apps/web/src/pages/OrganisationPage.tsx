// 系统管理: the administrator's office. Accounts (create, reset passwords, disable / enable, change roles), the roster
// import, and the unit's branches, members and divisions. An installation administrator picks the unit at the top; a
// unit administrator sees their own.
import { useCallback, useEffect, useState } from 'react';
import { Card, Col, Input, Result, Row, Select, Skeleton, Statistic, Table, Tabs, Tag } from 'antd';
import * as api from '../api/client';
import type { AccountRow, Unit, UnitSummary } from '../api/types';
import { useAccount } from '../auth/session';
import { ErrorAlert } from '../components/common';
import { useI18n } from '../i18n/i18n';
import { AccountsTab } from './admin/AccountsTab';
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
  const [unit, setUnit] = useState<Unit | null>(null);
  const [accounts, setAccounts] = useState<readonly AccountRow[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [tab, setTab] = useState<TabKey>(initialTab);

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

  const unitPicker =
    installation && units && units.length > 0 ? (
      <Select
        value={unitId ?? undefined}
        onChange={chooseUnit}
        options={units.map((u) => ({ value: u.unitId, label: u.name }))}
        style={{ minWidth: 200, maxWidth: '100%' }}
        aria-label={t('unit')}
        data-testid="admin-unit-select"
      />
    ) : unit ? (
      <Tag data-testid="admin-unit-name">{unit.name}</Tag>
    ) : null;

  return (
    <div>
      <PageTitle title={t('orgTitle')} extra={unitPicker} />
      {error !== null && <ErrorAlert error={error} />}
      {units !== null && units.length === 0 ? (
        <Result status="info" title={t('noUnits')} data-testid="admin-no-units" />
      ) : !unit || !accounts ? (
        error === null && <Skeleton active paragraph={{ rows: 10 }} />
      ) : (
        <Office unit={unit} units={units ?? []} accounts={accounts} installation={installation} tab={tab} onTab={chooseTab} reloadUnit={reloadUnit} reloadAccounts={reloadAccounts} />
      )}
    </div>
  );
}

function Office({ unit, units, accounts, installation, tab, onTab, reloadUnit, reloadAccounts }: {
  unit: Unit; units: readonly UnitSummary[]; accounts: readonly AccountRow[]; installation: boolean; tab: TabKey; onTab: (key: string) => void;
  reloadUnit: () => Promise<void>; reloadAccounts: () => Promise<void>;
}) {
  const { t } = useI18n();
  const [query, setQuery] = useState('');
  const branchName = (id: string | null) => (id ? (unit.branches.find((b) => b.branchId === id)?.name ?? id) : '—');
  const members = unit.members.filter((m) => !query || m.name.includes(query) || m.memberId.toLowerCase().includes(query.toLowerCase()));
  const scope = { installation, units: units.length > 0 ? units : [{ unitId: unit.unitId, name: unit.name, code: unit.code }], unit };

  return (
    <>
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={12} md={6}><Card size="small"><Statistic title={t('unit')} value={unit.name} styles={{ content: { fontSize: 18 } }} /></Card></Col>
        <Col xs={12} md={6}><Card size="small"><div data-testid="admin-branch-count" data-value={unit.branches.length}><Statistic title={t('branches')} value={unit.branches.length} /></div></Card></Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <div data-testid="admin-member-count" data-value={unit.members.filter((m) => m.status === 'active' || m.status === 'exempt').length}>
              <Statistic title={t('members')} value={unit.members.filter((m) => m.status === 'active' || m.status === 'exempt').length} />
            </div>
          </Card>
        </Col>
        <Col xs={12} md={6}><Card size="small"><Statistic title={t('accounts')} value={accounts.filter((a) => a.unitId === unit.unitId).length} /></Card></Col>
      </Row>
      <Card>
        <Tabs
          activeKey={tab}
          onChange={onTab}
          items={[
            {
              key: 'accounts', label: <span data-testid="tab-accounts">{t('accounts')}</span>,
              children: <AccountsTab scope={scope} accounts={accounts} reload={reloadAccounts} />,
            },
            {
              key: 'import', label: <span data-testid="tab-import">{t('rosterImportTab')}</span>,
              children: <RosterImportTab unit={unit} onImported={reloadUnit} />,
            },
            {
              key: 'branches', label: <span data-testid="tab-branches">{t('branches')}</span>,
              children: (
                <Table rowKey="branchId" size="small" pagination={false} dataSource={unit.branches as Unit['branches'][number][]} scroll={{ x: 520 }}
                  onRow={(b) => ({ 'data-testid': 'branch-row', 'data-branch': b.branchId }) as React.HTMLAttributes<HTMLElement>}
                  columns={[
                    { title: t('branch'), dataIndex: 'name' },
                    { title: t('secretary'), dataIndex: 'secretaryName', width: 100 },
                    { title: t('activeMembers'), dataIndex: 'activeMembers', width: 80 },
                    { title: t('exemptMembers'), dataIndex: 'exemptMembers', width: 80 },
                  ]} />
              ),
            },
            {
              key: 'members', label: <span data-testid="tab-members">{t('members')}</span>,
              children: (
                <>
                  <Input.Search allowClear placeholder={t('member')} style={{ maxWidth: 260, marginBottom: 12 }} onChange={(e) => setQuery(e.target.value)} />
                  <Table rowKey="memberId" size="small" dataSource={members} pagination={{ pageSize: 20, size: 'small', showSizeChanger: false }} scroll={{ x: 560 }}
                    columns={[
                      { title: t('member'), dataIndex: 'name', width: 120, render: (n: string, m) => <span>{n} {m.isLeader && <Tag color="gold">{t('leader')}</Tag>}</span> },
                      { title: t('memberNumber'), dataIndex: 'memberId', width: 90 },
                      { title: t('branch'), dataIndex: 'branchId', render: (id: string) => branchName(id) },
                      {
                        title: t('status'), dataIndex: 'status', width: 100,
                        render: (s: string) => {
                          const key = `memberStatus_${s}` as 'memberStatus_active';
                          return <Tag color={s === 'active' ? 'success' : s === 'exempt' ? 'warning' : 'default'}>{['active', 'exempt', 'left', 'not_joined_yet'].includes(s) ? t(key) : s}</Tag>;
                        },
                      },
                      { title: t('joinedOn'), dataIndex: 'joinedOn', width: 110 },
                    ]} />
                </>
              ),
            },
            {
              key: 'divisions', label: <span data-testid="tab-divisions">{t('divisions')}</span>,
              children: <Table rowKey="divisionId" size="small" pagination={false} dataSource={unit.divisions as Unit['divisions'][number][]} columns={[{ title: t('divisions'), dataIndex: 'name' }]} />,
            },
          ]}
        />
      </Card>
    </>
  );
}
