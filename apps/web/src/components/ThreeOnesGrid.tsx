// Members × the three items (读书 / 讲课 / 写文章); a cell shows the recorded title, or invites a click to record it.
import { Button, Table, Tag, Tooltip, Typography } from 'antd';
import { CheckOutlined, PlusOutlined } from '@ant-design/icons';
import type { RosterMember, ThreeOnesEntry, ThreeOnesItem } from '@campaign-ledger/api-contract';
import { useI18n } from '../i18n/i18n';

export const THREE_ONES: readonly ThreeOnesItem[] = ['reading', 'talk', 'essay'];

export function ThreeOnesGrid({
  members,
  entries,
  onRecord,
}: {
  members: readonly RosterMember[];
  entries: readonly ThreeOnesEntry[];
  onRecord?: (member: RosterMember, item: ThreeOnesItem) => void;
}) {
  const { t } = useI18n();
  const find = (memberId: string, item: ThreeOnesItem) => entries.find((r) => r.memberId === memberId && r.item === item);
  const all = members.filter((m) => THREE_ONES.every((item) => find(m.memberId, item))).length;
  return (
    <>
      <Typography.Paragraph type="secondary" data-testid="three-ones-summary">
        {t('threeOnesDone', { n: all, d: members.length })}
      </Typography.Paragraph>
      <Table
        rowKey="memberId"
        size="small"
        dataSource={members as RosterMember[]}
        pagination={false}
        scroll={{ x: 340 }}
        onRow={(m) => ({ 'data-testid': 'three-ones-row', 'data-member': m.memberId }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t('member'),
            dataIndex: 'name',
            width: 110,
            fixed: 'left',
            render: (name: string, m) => (
              <span>
                {name} {m.isLeader && <Tag color="gold">{t('leader')}</Tag>}
                {m.status === 'exempt' && <Tag>{t('exempt')}</Tag>}
              </span>
            ),
          },
          ...THREE_ONES.map((item) => ({
            title: t(item),
            key: item,
            width: 84,
            align: 'center' as const,
            render: (_: unknown, m: RosterMember) => {
              const last = find(m.memberId, item);
              if (last) {
                const body = (
                  <Tooltip title={`${last.date} ${last.title}`}>
                    <Tag
                      color="success"
                      icon={<CheckOutlined />}
                      style={{ cursor: onRecord ? 'pointer' : 'default', maxWidth: 150, overflow: 'hidden', textOverflow: 'ellipsis', verticalAlign: 'middle' }}
                    >
                      {last.date.slice(5)}
                    </Tag>
                  </Tooltip>
                );
                return onRecord ? (
                  <a onClick={() => onRecord(m, item)} data-testid={`three-ones-cell-${m.memberId}-${item}`} data-done="true">
                    {body}
                  </a>
                ) : (
                  body
                );
              }
              return onRecord ? (
                <Button
                  size="small"
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => onRecord(m, item)}
                  data-testid={`three-ones-cell-${m.memberId}-${item}`}
                  data-done="false"
                  aria-label={t('notRecorded')}
                />
              ) : (
                <Typography.Text type="secondary">—</Typography.Text>
              );
            },
          })),
        ]}
      />
    </>
  );
}
