// 三个一: members × 读书 / 讲课 / 写文章; a click on a cell records that item for that member.
import { useState } from 'react';
import { App, Card, DatePicker, Form, Input, Modal, Result, Skeleton } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { RosterMember, ThreeOnesItem } from '@campaign-ledger/api-contract';
import * as api from '../api/client';
import { useAccount } from '../auth/session';
import { ErrorAlert, fieldError } from '../components/common';
import { LiveBadge } from '../components/LiveBadge';
import { ThreeOnesGrid } from '../components/ThreeOnesGrid';
import { useMyBranch } from '../hooks/useMyBranch';
import { useI18n } from '../i18n/i18n';
import { PageTitle } from './OverviewPage';
import { validated } from '../components/forms';

export default function ThreeOnesPage() {
  const { t } = useI18n();
  const account = useAccount();
  if (!account.branchId) return <Result status="warning" title={t('noBranch')} />;
  return <ThreeOnes branchId={account.branchId} />;
}

function ThreeOnes({ branchId: ownBranch }: { branchId: string }) {
  const { t } = useI18n();
  const { branchId, campaign, roster, rosterError, data, error, mode, refresh } = useMyBranch(ownBranch);
  const [cell, setCell] = useState<{ member: RosterMember; item: ThreeOnesItem } | null>(null);
  return (
    <div>
      <PageTitle title={t('threeOnesTitle')} extra={<LiveBadge mode={mode} />} />
      {(error !== null || rosterError !== null) && !data && (
        <ErrorAlert error={error ?? rosterError} action={<a onClick={() => void refresh()}>{t('retry')}</a>} />
      )}
      <Card title={t('threeOnesHint')}>
        {!data || !roster ? (
          <Skeleton active />
        ) : (
          <ThreeOnesGrid members={roster.members} entries={data.threeOnesEntries} onRecord={(member, item) => setCell({ member, item })} />
        )}
      </Card>
      {cell && (
        <RecordDialog
          campaignId={campaign.campaignId}
          branchId={branchId}
          member={cell.member}
          item={cell.item}
          onClose={() => setCell(null)}
          onDone={refresh}
        />
      )}
    </div>
  );
}

function RecordDialog({
  campaignId,
  branchId,
  member,
  item,
  onClose,
  onDone,
}: {
  campaignId: string;
  branchId: string;
  member: RosterMember;
  item: ThreeOnesItem;
  onClose: () => void;
  onDone: () => Promise<void>;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ title: string; date: Dayjs; note?: string }>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const values = await validated(form);
    if (!values) return;
    setBusy(true);
    setError(null);
    try {
      await api.recordThreeOnes(campaignId, branchId, {
        memberId: member.memberId,
        item,
        date: values.date.format('YYYY-MM-DD'),
        title: values.title.trim(),
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
      title={t('recordThreeOnes', { item: t(item), name: member.name })}
      onCancel={onClose}
      onOk={submit}
      okText={t('submit')}
      cancelText={t('cancel')}
      okButtonProps={{ loading: busy, 'data-testid': 'three-ones-submit' } as never}
      destroyOnHidden
    >
      {error !== null && <ErrorAlert error={error} />}
      <Form form={form} layout="vertical" initialValues={{ date: dayjs() }}>
        <Form.Item name="title" label={t('title')} rules={[{ required: true, whitespace: true, message: t('titleRequired') }]} {...fieldError(error, 'title')}>
          <Input maxLength={500} data-testid="three-ones-title" />
        </Form.Item>
        <Form.Item name="date" label={t('date')} rules={[{ required: true, message: t('dateRequired') }]} {...fieldError(error, 'date')}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="note" label={t('note')} {...fieldError(error, 'note')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
