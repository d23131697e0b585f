// 组织与账号: the administrator's view of the unit (branches, members) and the accounts that may sign in.
import { useEffect, useState } from 'react';
import { Card, Col, Input, Row, Skeleton, Statistic, Table, Tabs, Tag } from 'antd';
import * as api from '../api/client';
import type { AccountRow, Unit } from '../api/types';
import { useAccount } from '../auth/session';
import { ErrorAlert } from '../components/common';
import { useI18n } from '../i18n/i18n';
import { PageTitle } from './OverviewPage';

export default function OrganisationPage() {
  const { t } = useI18n();
  const account = useAccount();
  const [unit, setUnit] = useState<Unit | null>(null);
  const [accounts, setAccounts] = useState<AccountRow[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [query, setQuery] = useState('');

  useEffect(() => {
    const load = async () => {
      try {
        const unitId = account.unitId ?? (await api.listUnits())[0]?.unitId;
        const [u, a] = await Promise.all([unitId ? api.getUnit(unitId) : Promise.resolve(null), api.listAccounts().catch(() => [])]);
        setUnit(u);
        setAccounts(a);
      } catch (e) {
        setError(e);
      }
    };
    void load();
  }, [account.unitId]);

  const branchName = (id: string | null) => (id ? (unit?.branches.find((b) => b.branchId === id)?.name ?? id) : '—');
  const members = (unit?.members ?? []).filter((m) => !query || m.name.includes(query) || m.memberId.toLowerCase().includes(query.toLowerCase()));

  return (
    <div>
      <PageTitle title={t('orgTitle')} />
      {error !== null && <ErrorAlert error={error} />}
      {!unit && !error ? (
        <Skeleton active paragraph={{ rows: 10 }} />
      ) : unit ? (
        <>
          <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
            <Col xs={12} md={6}><Card><Statistic title={t('units')} value={unit.name} styles={{ content: { fontSize: 18 } }} /></Card></Col>
            <Col xs={12} md={6}><Card><Statistic title={t('branches')} value={unit.branches.length} /></Card></Col>
            <Col xs={12} md={6}><Card><Statistic title={t('members')} value={unit.members.filter((m) => m.status === 'active' || m.status === 'exempt').length} /></Card></Col>
            <Col xs={12} md={6}><Card><Statistic title={t('accounts')} value={accounts?.length ?? 0} /></Card></Col>
          </Row>
          <Card>
            <Tabs
              items={[
                {
                  key: 'branches', label: t('branches'),
                  children: (
                    <Table rowKey="branchId" size="small" pagination={false} dataSource={unit.branches as Unit['branches'][number][]} scroll={{ x: 520 }}
                      columns={[
                        { title: 'ID', dataIndex: 'branchId', width: 80 },
                        { title: t('branch'), dataIndex: 'name' },
                        { title: t('secretary'), dataIndex: 'secretaryName', width: 100 },
                        { title: t('activeMembers'), dataIndex: 'activeMembers', width: 80 },
                        { title: t('exemptMembers'), dataIndex: 'exemptMembers', width: 80 },
                      ]} />
                  ),
                },
                {
                  key: 'members', label: t('members'),
                  children: (
                    <>
                      <Input.Search allowClear placeholder={t('member')} style={{ maxWidth: 260, marginBottom: 12 }} onChange={(e) => setQuery(e.target.value)} />
                      <Table rowKey="memberId" size="small" dataSource={members} pagination={{ pageSize: 20, size: 'small', showSizeChanger: false }} scroll={{ x: 560 }}
                        columns={[
                          { title: 'ID', dataIndex: 'memberId', width: 80 },
                          { title: t('member'), dataIndex: 'name', width: 120, render: (n: string, m) => <span>{n} {m.isLeader && <Tag color="gold">{t('leader')}</Tag>}</span> },
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
                  key: 'accounts', label: t('accounts'),
                  children: (
                    <Table rowKey="accountId" size="small" dataSource={accounts ?? []} pagination={{ pageSize: 20, hideOnSinglePage: true }} scroll={{ x: 560 }}
                      columns={[
                        { title: t('username'), dataIndex: 'username', width: 110 },
                        { title: t('displayName'), dataIndex: 'displayName', ellipsis: true },
                        { title: t('role'), dataIndex: 'role', width: 120, render: (r: AccountRow['role']) => <Tag>{t(`role_${r}`)}</Tag> },
                        { title: t('branch'), dataIndex: 'branchId', width: 160, render: (id: string | null) => branchName(id) },
                        { title: t('status'), dataIndex: 'disabled', width: 80, render: (d?: boolean) => (d ? <Tag>{t('disabled')}</Tag> : <Tag color="success">{t('memberStatus_active')}</Tag>) },
                      ]} />
                  ),
                },
                {
                  key: 'divisions', label: t('divisions'),
                  children: <Table rowKey="divisionId" size="small" pagination={false} dataSource={unit.divisions as Unit['divisions'][number][]} columns={[{ title: 'ID', dataIndex: 'divisionId', width: 80 }, { title: t('divisions'), dataIndex: 'name' }]} />,
                },
              ]}
            />
          </Card>
        </>
      ) : null}
    </div>
  );
}
