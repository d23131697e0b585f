// 集中学习: record a session with an attendance mark per member (present by default), and make-ups (补学) afterwards.
import { useMemo, useState } from 'react';
import { App, Button, Card, DatePicker, Form, Input, Modal, Radio, Result, Select, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import type { AttendanceMark, BranchSession, RosterMember } from '@campaign-ledger/api-contract';
import * as api from '../api/client';
import { useAccount } from '../auth/session';
import { ErrorAlert, fieldError, pctText } from '../components/common';
import { LiveBadge } from '../components/LiveBadge';
import { SessionsTable } from '../components/SessionsTable';
import { useMyBranch } from '../hooks/useMyBranch';
import { useI18n } from '../i18n/i18n';
import { PageTitle } from './OverviewPage';
import { validated } from '../components/forms';

const MARKS: readonly AttendanceMark[] = ['present', 'leave', 'absent'];

export default function StudyPage() {
  const { t } = useI18n();
  const account = useAccount();
  if (!account.branchId) return <Result status="warning" title={t('noBranch')} />;
  return <Study branchId={account.branchId} />;
}

function Study({ branchId: ownBranch }: { branchId: string }) {
  const { t } = useI18n();
  const { branchId, campaign, roster, rosterError, data, error, mode, refresh, name } = useMyBranch(ownBranch);
  const [recording, setRecording] = useState(false);
  const [makeUpFor, setMakeUpFor] = useState<BranchSession | null>(null);

  /** Members expected at the session who were on leave or absent and have not made it up yet. */
  const needsMakeUp = (s: BranchSession) => s.marks.filter((m) => m.expected && m.mark !== 'present' && m.madeUpOn === null).map((m) => m.memberId);

  return (
    <div>
      <PageTitle
        title={t('studyTitle')}
        extra={
          <Space wrap>
            <LiveBadge mode={mode} />
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setRecording(true)} disabled={!roster} data-testid="record-session">
              {t('recordSession')}
            </Button>
          </Space>
        }
      />
      {(error !== null || rosterError !== null) && !data && (
        <ErrorAlert error={error ?? rosterError} action={<a onClick={() => void refresh()}>{t('retry')}</a>} />
      )}
      {data && (
        <Card style={{ marginBottom: 16 }}>
          <Space size={24} wrap>
            <div>
              <Typography.Text type="secondary">{`${t('participationRate')} · ${t('byPerson')}`}</Typography.Text>
              <div style={{ fontSize: 22, fontWeight: 600 }} data-testid="participation-person">
                {pctText(data.participation.byPerson)}{' '}
                <Typography.Text type="secondary" style={{ fontSize: 13, fontWeight: 400 }}>
                  {t('participationOfPeople', { n: data.participation.byPerson.numerator, d: data.participation.byPerson.denominator })}
                </Typography.Text>
              </div>
            </div>
            <div>
              <Typography.Text type="secondary">{`${t('participationRate')} · ${t('byPersonSession')}`}</Typography.Text>
              <div style={{ fontSize: 22, fontWeight: 600 }} data-testid="participation-session">
                {pctText(data.participation.byPersonSession)}{' '}
                <Typography.Text type="secondary" style={{ fontSize: 13, fontWeight: 400 }}>
                  {t('participationOfSessions', { n: data.participation.byPersonSession.numerator, d: data.participation.byPersonSession.denominator })}
                </Typography.Text>
              </div>
            </div>
          </Space>
        </Card>
      )}
      <Card title={t('sessions')}>
        {!data ? (
          <Skeleton active />
        ) : (
          <SessionsTable
            sessions={data.sessions}
            name={name}
            actions={(s) => (
              <Button size="small" disabled={needsMakeUp(s).length === 0} onClick={() => setMakeUpFor(s)} data-testid="make-up-button">
                {t('recordMakeUp')}
              </Button>
            )}
          />
        )}
      </Card>
      {recording && roster && (
        <SessionDialog campaignId={campaign.campaignId} branchId={branchId} members={roster.members} onClose={() => setRecording(false)} onDone={refresh} />
      )}
      {makeUpFor && (
        <MakeUpDialog
          campaignId={campaign.campaignId}
          branchId={branchId}
          session={makeUpFor}
          candidates={needsMakeUp(makeUpFor)}
          name={name}
          onClose={() => setMakeUpFor(null)}
          onDone={refresh}
        />
      )}
    </div>
  );
}

function SessionDialog({
  campaignId,
  branchId,
  members,
  onClose,
  onDone,
}: {
  campaignId: string;
  branchId: string;
  members: readonly RosterMember[];
  onClose: () => void;
  onDone: () => Promise<void>;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ date: Dayjs; topic: string }>();
  const active = useMemo(() => members.filter((m) => m.status === 'active'), [members]);
  const exempt = members.filter((m) => m.status === 'exempt');
  const [marks, setMarks] = useState<Record<string, AttendanceMark>>(() => Object.fromEntries(active.map((m) => [m.memberId, 'present' as AttendanceMark])));
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const values = await validated(form);
    if (!values) return;
    setBusy(true);
    setError(null);
    try {
      await api.recordStudySession(campaignId, branchId, { date: values.date.format('YYYY-MM-DD'), topic: values.topic.trim(), attendance: marks });
      void message.success(t('recorded'));
      await onDone();
      onClose();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const count = (mark: AttendanceMark) => Object.values(marks).filter((m) => m === mark).length;
  const attendanceError = fieldError(error, 'attendance');
  return (
    <Modal
      open
      title={t('recordSession')}
      onCancel={onClose}
      onOk={submit}
      okText={t('submit')}
      cancelText={t('cancel')}
      okButtonProps={{ loading: busy, 'data-testid': 'session-submit' } as never}
      width={640}
      destroyOnHidden
    >
      {error !== null && <ErrorAlert error={error} />}
      <Form form={form} layout="vertical" initialValues={{ date: dayjs() }}>
        <Form.Item name="date" label={t('sessionDate')} rules={[{ required: true, message: t('dateRequired') }]} {...fieldError(error, 'date')}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} data-testid="session-date" />
        </Form.Item>
        <Form.Item name="topic" label={t('topic')} rules={[{ required: true, whitespace: true, message: t('topicRequired') }]} {...fieldError(error, 'topic')}>
          <Input maxLength={500} data-testid="session-topic" />
        </Form.Item>
        <Form.Item
          label={
            <Space wrap>
              <span>{t('attendance')}</span>
              <Tag color="success">{`${t('present')} ${count('present')}`}</Tag>
              <Tag color="warning">{`${t('leave')} ${count('leave')}`}</Tag>
              <Tag color="error">{`${t('absent')} ${count('absent')}`}</Tag>
            </Space>
          }
          validateStatus={attendanceError.validateStatus}
          help={attendanceError.help}
        >
          <Button
            size="small"
            style={{ marginBottom: 8 }}
            onClick={() => setMarks(Object.fromEntries(active.map((m) => [m.memberId, 'present' as AttendanceMark])))}
          >
            {t('allPresent')}
          </Button>
          <Table
            rowKey="memberId"
            size="small"
            pagination={false}
            dataSource={active}
            scroll={{ y: 320 }}
            onRow={(m) => ({ 'data-testid': 'attendance-row', 'data-member': m.memberId }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              {
                title: t('member'),
                dataIndex: 'name',
                width: 110,
                render: (n: string, m) => (
                  <span>
                    {n} {m.isLeader && <Tag color="gold">{t('leader')}</Tag>}
                  </span>
                ),
              },
              {
                title: t('attendance'),
                key: 'mark',
                render: (_, m) => (
                  <Radio.Group
                    size="small"
                    optionType="button"
                    buttonStyle="solid"
                    value={marks[m.memberId]}
                    onChange={(e) => setMarks((prev) => ({ ...prev, [m.memberId]: e.target.value as AttendanceMark }))}
                    options={MARKS.map((mark) => ({ value: mark, label: t(mark) }))}
                    data-testid={`attendance-${m.memberId}`}
                  />
                ),
              },
            ]}
          />
          {exempt.length > 0 && (
            <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8 }}>
              {`${t('exempt')}: ${exempt.map((m) => m.name).join('、')}`}
            </Typography.Text>
          )}
        </Form.Item>
      </Form>
    </Modal>
  );
}

function MakeUpDialog({
  campaignId,
  branchId,
  session,
  candidates,
  name,
  onClose,
  onDone,
}: {
  campaignId: string;
  branchId: string;
  session: BranchSession;
  candidates: readonly string[];
  name: (id: string) => string;
  onClose: () => void;
  onDone: () => Promise<void>;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ memberId: string; date: Dayjs; note?: string }>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const values = await validated(form);
    if (!values) return;
    setBusy(true);
    setError(null);
    try {
      await api.recordMakeUp(campaignId, branchId, session.sessionId, {
        memberId: values.memberId,
        date: values.date.format('YYYY-MM-DD'),
        note: values.note?.trim() || undefined,
      });
      void message.success(t('recorded'));
      await onDone();
      onClose();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t('makeUpTitle', { topic: session.topic })}
      onCancel={onClose}
      onOk={submit}
      okText={t('submit')}
      cancelText={t('cancel')}
      okButtonProps={{ loading: busy, disabled: candidates.length === 0, 'data-testid': 'make-up-submit' } as never}
      destroyOnHidden
    >
      {error !== null && <ErrorAlert error={error} />}
      {candidates.length === 0 ? (
        <Typography.Text>{t('makeUpNone')}</Typography.Text>
      ) : (
        <Form form={form} layout="vertical" initialValues={{ date: dayjs(), memberId: candidates[0] }}>
          <Form.Item name="memberId" label={t('member')} rules={[{ required: true, message: t('memberRequired') }]} {...fieldError(error, 'memberId')}>
            <Select
              options={candidates.map((id) => ({
                value: id,
                label: `${name(id)} · ${t(session.marks.find((m) => m.memberId === id)?.mark === 'leave' ? 'leave' : 'absent')}`,
              }))}
              data-testid="make-up-member"
            />
          </Form.Item>
          <Form.Item name="date" label={t('makeUpDate')} rules={[{ required: true, message: t('dateRequired') }]} {...fieldError(error, 'date')}>
            <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isBefore(dayjs(session.date), 'day') || d.isAfter(dayjs(), 'day')} />
          </Form.Item>
          <Form.Item name="note" label={t('note')} {...fieldError(error, 'note')}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
