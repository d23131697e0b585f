// 我的支部: the secretary's task instances by phase; complete with a note and evidence, or reopen with a reason.
import { useState } from 'react';
import { App, Button, Card, Col, DatePicker, Form, Input, InputNumber, Modal, Result, Row, Skeleton, Space, Statistic, Typography, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { CheckOutlined, NumberOutlined, RollbackOutlined, UploadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import type { CampaignView, ReadModelInstance } from '@campaign-ledger/api-contract';
import * as api from '../api/client';
import { BRAND, ErrorAlert, fieldError, pct, RatioBar } from '../components/common';
import { InstanceGroups, QuantityFigures } from '../components/InstanceGroups';
import { LiveBadge } from '../components/LiveBadge';
import { useMyBranch } from '../hooks/useMyBranch';
import { useI18n } from '../i18n/i18n';
import { taskTitle } from '../labels';
import { PageTitle } from './OverviewPage';
import { useAccount } from '../auth/session';
import { validated } from '../components/forms';

export default function MyBranchPage() {
  const { t } = useI18n();
  const account = useAccount();
  if (!account.branchId) return <Result status="warning" title={t('noBranch')} />;
  return <MyBranch branchId={account.branchId} />;
}

function MyBranch({ branchId: ownBranch }: { branchId: string }) {
  const { t } = useI18n();
  const account = useAccount();
  const { branchId, campaign, data, error, mode, refresh, name } = useMyBranch(ownBranch);
  const [completing, setCompleting] = useState<ReadModelInstance | null>(null);
  const [reopening, setReopening] = useState<ReadModelInstance | null>(null);
  const [reporting, setReporting] = useState<ReadModelInstance | null>(null);
  const isQuantity = (i: ReadModelInstance) => campaign.tasks.find((k) => k.taskId === i.taskId)?.kind === 'quantity';

  const subjectName = (i: ReadModelInstance) =>
    i.subjectName ?? (i.subjectId === branchId || i.scope === 'branch' || i.scope === 'branch_recurring_weekly' ? null : name(i.subjectId));
  const report = (i: ReadModelInstance) => (
    <Button size="small" icon={<NumberOutlined />} onClick={() => setReporting(i)} data-testid="report-quantity-button">
      {t('reportQuantity')}
    </Button>
  );
  const actions = (i: ReadModelInstance) =>
    isQuantity(i) && i.status !== 'completed' ? (
      <Space size={4} wrap>
        {report(i)}
        <Button size="small" type="primary" icon={<CheckOutlined />} onClick={() => setCompleting(i)} data-testid="complete-button">
          {t('complete')}
        </Button>
      </Space>
    ) : i.status === 'completed' ? (
      <Button size="small" icon={<RollbackOutlined />} onClick={() => setReopening(i)} data-testid="reopen-button">
        {t('reopen')}
      </Button>
    ) : (
      <Button size="small" type="primary" icon={<CheckOutlined />} onClick={() => setCompleting(i)} data-testid="complete-button">
        {t('complete')}
      </Button>
    );

  return (
    <div>
      <PageTitle
        title={`${t('myBranchTitle')} · ${account.displayName.replace(/书记.*$/, '') || branchId}`}
        extra={<LiveBadge mode={mode} asOf={data?.asOf} />}
      />
      {error !== null && !data && <ErrorAlert error={error} action={<a onClick={() => void refresh()}>{t('retry')}</a>} />}
      {!data ? (
        <Skeleton active paragraph={{ rows: 10 }} />
      ) : (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Row gutter={[16, 16]}>
            <Col xs={24} md={12}>
              <Card>
                <Statistic title={t('completionRate')} value={pct(data.totals.completion)} precision={1} suffix="%" styles={{ content: { color: BRAND } }} />
                <RatioBar ratio={data.totals.completion} testId="my-branch-completion" overdue={data.totals.overdue} />
              </Card>
            </Col>
            <Col xs={24} md={12}>
              <Card>
                <Statistic
                  title={`${t('participationRate')} · ${t('byPersonSession')}`}
                  value={pct(data.participation.byPersonSession)}
                  precision={1}
                  suffix="%"
                />
                <Typography.Text type="secondary">
                  {t('participationOfSessions', { n: data.participation.byPersonSession.numerator, d: data.participation.byPersonSession.denominator })}
                </Typography.Text>
              </Card>
            </Col>
          </Row>
          <Card>
            <InstanceGroups dashboard={data} campaign={campaign} subjectName={subjectName} actions={actions} />
          </Card>
        </Space>
      )}
      {completing && (
        <CompleteDialog
          campaign={campaign}
          branchId={branchId}
          instance={completing}
          subject={subjectName(completing)}
          onClose={() => setCompleting(null)}
          onDone={refresh}
        />
      )}
      {reporting && <ReportQuantityDialog campaign={campaign} branchId={branchId} instance={reporting} onClose={() => setReporting(null)} onDone={refresh} />}
      {reopening && <ReopenDialog campaign={campaign} branchId={branchId} instance={reopening} onClose={() => setReopening(null)} onDone={refresh} />}
    </div>
  );
}

function CompleteDialog({
  campaign,
  branchId,
  instance,
  subject,
  onClose,
  onDone,
}: {
  campaign: CampaignView;
  branchId: string;
  instance: ReadModelInstance;
  subject: string | null;
  onClose: () => void;
  onDone: () => Promise<void>;
}) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ note?: string; completedOn?: Dayjs }>();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const values = await validated(form);
    if (!values) return;
    setBusy(true);
    setError(null);
    try {
      await api.completeInstance(campaign.campaignId, branchId, instance.instanceKey, {
        note: values.note?.trim() || undefined,
        completedOn: values.completedOn ? values.completedOn.format('YYYY-MM-DD') : undefined,
        files: files.map((f) => f.originFileObj).filter((f): f is NonNullable<typeof f> => !!f),
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

  const title = taskTitle(campaign, instance.taskId, instance.title, lang);
  return (
    <Modal
      open
      title={t('completeTitle', { title })}
      onCancel={onClose}
      onOk={submit}
      okText={t('submit')}
      cancelText={t('cancel')}
      okButtonProps={{ loading: busy, 'data-testid': 'complete-submit' } as never}
      destroyOnHidden
      data-testid="complete-modal"
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {[subject, instance.weekOf ? t('weekOf', { date: instance.weekOf }) : null, `${t('dueDate')} ${instance.dueDate}`].filter(Boolean).join(' · ')}
      </Typography.Paragraph>
      {error !== null && <ErrorAlert error={error} />}
      <Form form={form} layout="vertical" initialValues={{ completedOn: dayjs() }} data-testid="complete-form">
        <Form.Item name="note" label={t('note')} {...fieldError(error, 'note')}>
          <Input.TextArea rows={3} maxLength={2000} showCount placeholder={t('notePlaceholder')} data-testid="complete-note" />
        </Form.Item>
        <Form.Item name="completedOn" label={t('completedOn')} {...fieldError(error, 'completedOn')}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} data-testid="complete-date" />
        </Form.Item>
        <Form.Item label={t('evidenceFiles')} extra={t('evidenceHelp')} {...fieldError(error, 'evidence')}>
          <Upload
            multiple
            maxCount={10}
            fileList={files}
            beforeUpload={() => false}
            onChange={({ fileList }) => setFiles(fileList)}
            data-testid="complete-evidence"
          >
            <Button icon={<UploadOutlined />} data-testid="complete-evidence-button">
              {t('selectFiles')}
            </Button>
          </Upload>
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ReopenDialog({
  campaign,
  branchId,
  instance,
  onClose,
  onDone,
}: {
  campaign: CampaignView;
  branchId: string;
  instance: ReadModelInstance;
  onClose: () => void;
  onDone: () => Promise<void>;
}) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const checked = await validated(form);
    if (!checked) return;
    const { reason } = checked;
    setBusy(true);
    setError(null);
    try {
      await api.reopenInstance(campaign.campaignId, branchId, instance.instanceKey, reason.trim());
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
      title={t('reopenTitle', { title: taskTitle(campaign, instance.taskId, instance.title, lang) })}
      onCancel={onClose}
      onOk={submit}
      okText={t('submit')}
      cancelText={t('cancel')}
      okButtonProps={{ loading: busy, danger: true, 'data-testid': 'reopen-submit' } as never}
      destroyOnHidden
    >
      {error !== null && <ErrorAlert error={error} />}
      <Form form={form} layout="vertical">
        <Form.Item
          name="reason"
          label={t('reopenReason')}
          rules={[{ required: true, whitespace: true, message: t('reopenReasonRequired') }]}
          {...fieldError(error, 'reason')}
        >
          <Input.TextArea rows={3} maxLength={2000} showCount data-testid="reopen-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ReportQuantityDialog({
  campaign,
  branchId,
  instance,
  onClose,
  onDone,
}: {
  campaign: CampaignView;
  branchId: string;
  instance: ReadModelInstance;
  onClose: () => void;
  onDone: () => Promise<void>;
}) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ amount: number; note?: string }>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // One id for this dialog: pressing submit again after a lost answer counts the amount once.
  const [reportId] = useState(() => `web-${crypto.randomUUID?.() ?? Date.now().toString(36)}`);
  const unit = campaign.tasks.find((k) => k.taskId === instance.taskId)?.quantityUnit ?? undefined;

  const submit = async () => {
    const values = await validated(form);
    if (!values) return;
    setBusy(true);
    setError(null);
    try {
      await api.reportQuantity(campaign.campaignId, branchId, {
        instanceKey: instance.instanceKey,
        amount: values.amount,
        note: values.note?.trim() || undefined,
        reportId,
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
      title={t('reportQuantityTitle', { title: taskTitle(campaign, instance.taskId, instance.title, lang) })}
      onCancel={onClose}
      onOk={submit}
      okText={t('submit')}
      cancelText={t('cancel')}
      okButtonProps={{ loading: busy, 'data-testid': 'report-quantity-submit' } as never}
      destroyOnHidden
      data-testid="report-quantity-modal"
    >
      <div style={{ marginBottom: 12 }}>
        <QuantityFigures campaign={campaign} instance={instance} />
      </div>
      {error !== null && <ErrorAlert error={error} />}
      <Form form={form} layout="vertical">
        <Form.Item
          name="amount"
          label={t('amount')}
          extra={t('amountHelp')}
          rules={[
            { required: true, message: t('amountRequired') },
            { validator: (_, v: number | null) => (v === 0 ? Promise.reject(new Error(t('amountRequired'))) : Promise.resolve()) },
          ]}
          {...fieldError(error, 'amount', lang)}
        >
          <InputNumber style={{ width: '100%' }} suffix={unit} data-testid="report-quantity-amount" />
        </Form.Item>
        <Form.Item name="note" label={t('note')} {...fieldError(error, 'note', lang)}>
          <Input.TextArea rows={2} maxLength={2000} data-testid="report-quantity-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
