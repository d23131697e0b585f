// Study sessions with their attendance rate (present ÷ expected) and make-ups; a row expands to the member marks.
import type { ReactNode } from 'react';
import { Space, Table, Tag, Typography } from 'antd';
import type { AttendanceMark, StudySession } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { pctText } from './common';

const MARK_COLOUR: Record<AttendanceMark, string> = { present: 'success', leave: 'warning', absent: 'error' };

export function SessionsTable({ sessions, name, actions }: { sessions: readonly StudySession[]; name: (memberId: string) => string; actions?: (s: StudySession) => ReactNode }) {
  const { t } = useI18n();
  const rows = [...sessions].sort((a, b) => b.date.localeCompare(a.date));
  const count = (s: StudySession, mark: AttendanceMark) => s.expected.filter((m) => s.attendance[m] === mark).length;
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
            {s.expected.map((m) => {
              const madeUp = s.makeUps.some((u) => u.memberId === m);
              const mark = s.attendance[m] ?? 'absent';
              return (
                <Tag key={m} color={madeUp ? 'processing' : MARK_COLOUR[mark]}>
                  {`${name(m)} · ${madeUp ? t('madeUp') : t(mark)}`}
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
          title: t('attendanceRate'), key: 'rate', width: 140,
          render: (_, s) => (
            <span>
              {pctText({ numerator: s.presentCount, denominator: s.expected.length })}{' '}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>{`(${s.presentCount} / ${s.expected.length})`}</Typography.Text>
            </span>
          ),
        },
        { title: t('leave'), key: 'leave', width: 70, render: (_, s) => count(s, 'leave') },
        { title: t('absent'), key: 'absent', width: 70, render: (_, s) => count(s, 'absent') },
        { title: t('makeUps'), key: 'makeUps', width: 70, render: (_, s) => s.makeUps.length },
        ...(actions ? [{ title: '', key: 'actions', width: 110, render: (_: unknown, s: StudySession) => actions(s) }] : []),
      ]}
    />
  );
}
