// The branch ranking: sortable by completion, participation and overdue count; a row opens the branch's ledger.
import { Button, Progress, Table, Tag, Typography } from 'antd';
import type { RankedBranch } from '../api/views';
import { useI18n } from '../i18n/i18n';
import { navigate } from '../router';
import { BRAND, pct, pctText } from './common';

const byPct = (a: { numerator: number; denominator: number }, b: { numerator: number; denominator: number }) => pct(a) - pct(b);

export function BranchRanking({ branches, pageSize }: { branches: readonly RankedBranch[]; pageSize?: number }) {
  const { t } = useI18n();
  const ranked = [...branches]
    .sort((a, b) => byPct(b.completion, a.completion) || byPct(b.participation.byPersonSession, a.participation.byPersonSession))
    .map((b, i) => ({ ...b, rank: i + 1 }));
  return (
    <Table
      rowKey="branchId"
      size="small"
      dataSource={ranked}
      pagination={pageSize ? { pageSize, hideOnSinglePage: true } : false}
      scroll={{ x: 760 }}
      onRow={(b) => ({ 'data-testid': `ranking-row-${b.branchId}` }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        {
          title: t('rank'),
          dataIndex: 'rank',
          width: 64,
          sorter: (a, b) => a.rank - b.rank,
          render: (r: number) => (r <= 3 ? <Tag color={BRAND}>{r}</Tag> : r),
        },
        {
          title: t('branch'),
          dataIndex: 'name',
          width: 170,
          ellipsis: true,
          render: (name: string, b) => <a onClick={() => navigate(`/branches/${encodeURIComponent(b.branchId)}`)}>{name}</a>,
        },
        {
          title: t('completionRate'),
          key: 'completion',
          width: 190,
          sorter: (a, b) => byPct(a.completion, b.completion),
          defaultSortOrder: undefined,
          render: (_, b) => (
            <div>
              <Progress percent={pct(b.completion)} size="small" strokeColor={BRAND} format={() => pctText(b.completion)} />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>{`${b.completion.numerator} / ${b.completion.denominator}`}</Typography.Text>
            </div>
          ),
        },
        {
          title: t('participationRate'),
          key: 'participation',
          width: 170,
          sorter: (a, b) => byPct(a.participation.byPersonSession, b.participation.byPersonSession),
          render: (_, b) => (
            <div>
              <Progress
                percent={pct(b.participation.byPersonSession)}
                size="small"
                strokeColor="#d48806"
                format={() => pctText(b.participation.byPersonSession)}
              />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('participationOfSessions', { n: b.participation.byPersonSession.numerator, d: b.participation.byPersonSession.denominator })}
              </Typography.Text>
            </div>
          ),
        },
        {
          title: t('overdueItems'),
          dataIndex: 'overdue',
          width: 80,
          sorter: (a, b) => a.overdue - b.overdue,
          render: (n: number) => (n ? <Tag color="error">{n}</Tag> : <Tag color="success">0</Tag>),
        },
        {
          title: '',
          key: 'open',
          width: 72,
          render: (_, b) => (
            <Button size="small" onClick={() => navigate(`/branches/${encodeURIComponent(b.branchId)}`)}>
              {t('drillDown')}
            </Button>
          ),
        },
      ]}
    />
  );
}
