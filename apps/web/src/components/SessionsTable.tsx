// Study sessions with their attendance rate (present ÷ expected) and make-ups; a row expands to the member marks.
import type { ReactNode } from 'react';
import { Space, Table, Tag, Typography } from 'antd';
import type { BranchSession, StudyAttendance } from '@campaign-ledger/api-contract';
import { useI18n } from '../i18n/i18n';
import { pctText } from './common';

const MARK_COLOUR: Record<StudyAttendance, string> = { present: 'success', leave: 'warning', absent: 'error', exempt: 'default' };

export function SessionsTable({
  sessions,
  name,
  actions,
}: {
  sessions: readonly BranchSession[];
  name: (memberId: string) => string;
  actions?: (s: BranchSession) => ReactNode;
}) {
  const { t } = useI18n();
  const rows = [...sessions].sort((a, b) => b.date.localeCompare(a.date));
  return (
    <Table
      rowKey="sessionId"
      size="small"
      dataSource={rows}
      locale={{ emptyText: t('noSessions') }}
      pagination={{ pageSize: 10, hideOnSinglePage: true, size: 'small' }}
      scroll={{ x: 700 }}
      onRow={(s) => ({ 'data-testid': 'session-row', 'data-session': s.sessionId }) as React.HTMLAttributes<HTMLElement>}
      expandable={{
        expandedRowRender: (s) => (
          <Space size={[6, 6]} wrap>
            {s.marks
              .filter((m) => m.expected)
              .map((m) => {
                const madeUp = m.madeUpOn !== null;
                return (
                  <Tag key={m.memberId} color={madeUp ? 'processing' : MARK_COLOUR[m.mark]}>
                    {`${m.name ?? name(m.memberId)} · ${madeUp ? t('madeUp') : t(m.mark)}`}
                  </Tag>
                );
              })}
          </Space>
        ),
      }}
      columns={[
        { title: t('sessionDate'), dataIndex: 'date', width: 110 },
        { title: t('topic'), dataIndex: 'topic', ellipsis: true },
        {
          title: t('attendanceRate'),
          key: 'rate',
          width: 140,
          render: (_, s) => (
            <span>
              {pctText(s.attendance)} <Typography.Text type="secondary" style={{ fontSize: 12 }}>{`(${s.present} / ${s.expected})`}</Typography.Text>
            </span>
          ),
        },
        { title: t('leave'), dataIndex: 'leave', width: 70 },
        { title: t('absent'), dataIndex: 'absent', width: 70 },
        { title: t('makeUps'), dataIndex: 'madeUp', width: 70 },
        ...(actions ? [{ title: '', key: 'actions', width: 110, render: (_: unknown, s: BranchSession) => actions(s) }] : []),
      ]}
    />
  );
}
