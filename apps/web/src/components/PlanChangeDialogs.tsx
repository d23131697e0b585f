// The leading group's plan changes: add a task, move a task's deadline, cancel a task. Each sends the plan's ETag
// (If-Match) and a reason; the API's field errors show on the form, and a 412 (the plan changed meanwhile) says so
// in plain words and reloads the plan, so that the next try goes out with the fresh ETag.
import { Alert, App, DatePicker, Form, Input, InputNumber, Modal, Radio, Select, Switch, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { TaskScope, TaskState } from '@campaign-ledger/api-contract';
import * as api from '../api/client';
import { ApiError } from '../api/client';
import { evidenceList, nextTaskId } from '../api/plan-changes';
import { useCampaign, useCurrentCampaign } from '../campaign-context';
import { useSubmit } from '../hooks/useSubmit';
import { useI18n } from '../i18n/i18n';
import { taskTitle } from '../labels';
import { ErrorAlert, fieldError, shownOnFields } from './common';
import { validated } from './forms';

const SCOPES: readonly TaskScope[] = ['unit', 'branch', 'member', 'leader', 'division'];

const isStale = (error: unknown) => error instanceof ApiError && error.status === 412 && error.body.error === 'PRECONDITION.ETAG_MISMATCH';

/** Runs one plan change; on a 412 reloads the plan (the dialog stays open, now on the new ETag) and keeps the error to say so. */
function usePlanChange(onDone: () => void) {
  const { t } = useI18n();
  const { reload } = useCampaign();
  const { message } = App.useApp();
  const submit = useSubmit();
  const run = (work: () => Promise<unknown>) =>
    submit.run(async () => {
      try {
        await work();
      } catch (e) {
        if (isStale(e)) await reload();
        throw e;
      }
      void message.success(t('planChanged'));
      await reload();
      onDone();
    });
  return { ...submit, run };
}

function ChangeErrors({ error, fields }: { error: unknown; fields: readonly string[] }) {
  const { t } = useI18n();
  if (error === null) return null;
  if (isStale(error)) return <Alert type="warning" showIcon title={t('etag412')} style={{ marginBottom: 12 }} data-testid="plan-stale" />;
  return shownOnFields(error, fields) ? null : <ErrorAlert error={error} />;
}

const withinCampaign = (start: string, end: string) => (d: Dayjs) => d.isBefore(dayjs(start), 'day') || d.isAfter(dayjs(end), 'day');

interface AddTaskValues {
  title: string;
  phaseId: string;
  scope: TaskScope;
  dueDate: Dayjs;
  evidence?: string;
  mandatory: boolean;
  kind: 'checklist' | 'quantity';
  target?: number;
  challenge?: number;
  quantityUnit?: string;
  reason: string;
}

export function AddTaskDialog({ phaseId, onClose }: { phaseId?: string; onClose: () => void }) {
  const { t, lang } = useI18n();
  const c = useCurrentCampaign();
  const [form] = Form.useForm<AddTaskValues>();
  const kind = Form.useWatch('kind', form);
  const { error, busy, run } = usePlanChange(onClose);
  const fe = (field: string) => fieldError(error, field, lang);

  const submit = async () => {
    const v = await validated(form);
    if (!v) return;
    const phase = c.phases.find((p) => p.phaseId === v.phaseId);
    const evidence = evidenceList(v.evidence);
    await run(() =>
      api.addTask(c, {
        taskId: nextTaskId(
          c.tasks.map((task) => task.taskId),
          'X',
        ),
        title: v.title.trim(),
        phaseId: v.phaseId,
        ...(phase?.stageId ? { stageId: phase.stageId } : {}),
        scope: v.scope,
        dueDate: v.dueDate.format('YYYY-MM-DD'),
        ...(evidence.length ? { evidence } : {}),
        mandatory: v.mandatory,
        kind: v.kind,
        ...(v.kind === 'quantity'
          ? {
              ...(v.target !== undefined && v.target !== null ? { target: v.target } : {}),
              ...(v.challenge !== undefined && v.challenge !== null ? { challenge: v.challenge } : {}),
              ...(v.quantityUnit?.trim() ? { quantityUnit: v.quantityUnit.trim() } : {}),
            }
          : {}),
        reason: v.reason.trim(),
      }),
    );
  };

  const fields = ['title', 'phaseId', 'stageId', 'scope', 'dueDate', 'evidence', 'kind', 'target', 'challenge', 'quantityUnit', 'reason'];
  return (
    <Modal
      open
      title={t('addTask')}
      onCancel={onClose}
      onOk={submit}
      okText={t('submit')}
      cancelText={t('cancel')}
      okButtonProps={{ loading: busy, 'data-testid': 'add-task-submit' } as never}
      destroyOnHidden
      data-testid="add-task-modal"
    >
      <ChangeErrors error={error} fields={fields} />
      <Form
        form={form}
        layout="vertical"
        initialValues={{ phaseId: phaseId ?? c.phases[0]?.phaseId, scope: 'branch', mandatory: true, kind: 'checklist' }}
        data-testid="add-task-form"
      >
        <Form.Item name="title" label={t('taskName')} rules={[{ required: true, whitespace: true, message: t('taskNameRequired') }]} {...fe('title')}>
          <Input maxLength={300} data-testid="add-task-title" />
        </Form.Item>
        <Form.Item name="phaseId" label={t('phase')} rules={[{ required: true, message: t('phaseRequired') }]} {...fe('phaseId')}>
          <Select
            data-testid="add-task-phase"
            options={c.phases.map((p) => ({ value: p.phaseId, label: `${t('phase')} ${p.order} · ${p.name}`, title: `${t('phase')} ${p.order} · ${p.name}` }))}
          />
        </Form.Item>
        <Form.Item name="scope" label={t('scope')} {...fe('scope')}>
          <Select data-testid="add-task-scope" options={SCOPES.map((s) => ({ value: s, label: t(`scope_${s}`), title: t(`scope_${s}`) }))} />
        </Form.Item>
        <Form.Item name="dueDate" label={t('dueDate')} rules={[{ required: true, message: t('dueDateRequired') }]} {...fe('dueDate')}>
          <DatePicker style={{ width: '100%' }} disabledDate={withinCampaign(c.startDate, c.endDate)} data-testid="add-task-due" />
        </Form.Item>
        <Form.Item name="evidence" label={t('evidenceRequired')} extra={t('evidenceRequiredHelp')} {...fe('evidence')}>
          <Input.TextArea rows={2} maxLength={2000} data-testid="add-task-evidence" />
        </Form.Item>
        <Form.Item name="mandatory" label={t('mandatory')} valuePropName="checked">
          <Switch data-testid="add-task-mandatory" />
        </Form.Item>
        <Form.Item name="kind" label={t('taskKind')} {...fe('kind')}>
          <Radio.Group data-testid="add-task-kind">
            <Radio value="checklist">{t('kind_checklist')}</Radio>
            <Radio value="quantity" data-testid="add-task-kind-quantity">
              {t('kind_quantity')}
            </Radio>
          </Radio.Group>
        </Form.Item>
        {kind === 'quantity' && (
          <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
            <Form.Item name="target" label={t('target')} rules={[{ required: true, message: t('targetRequired') }]} {...fe('target')}>
              <InputNumber min={0} data-testid="add-task-target" />
            </Form.Item>
            <Form.Item name="challenge" label={t('challenge')} {...fe('challenge')}>
              <InputNumber min={0} data-testid="add-task-challenge" />
            </Form.Item>
            <Form.Item name="quantityUnit" label={t('quantityUnit')} {...fe('quantityUnit')}>
              <Input maxLength={50} style={{ width: 100 }} data-testid="add-task-unit" />
            </Form.Item>
          </div>
        )}
        <Form.Item name="reason" label={t('changeReason')} rules={[{ required: true, whitespace: true, message: t('reasonRequired') }]} {...fe('reason')}>
          <Input.TextArea rows={2} maxLength={500} showCount data-testid="add-task-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function MoveDeadlineDialog({ task, onClose }: { task: TaskState; onClose: () => void }) {
  const { t, lang } = useI18n();
  const c = useCurrentCampaign();
  const [form] = Form.useForm<{ dueDate: Dayjs; reason: string }>();
  const { error, busy, run } = usePlanChange(onClose);
  const fe = (field: string) => fieldError(error, field, lang);
  const submit = async () => {
    const v = await validated(form);
    if (!v) return;
    await run(() => api.moveTaskDeadline(c, task.taskId, v.dueDate.format('YYYY-MM-DD'), v.reason.trim()));
  };
  return (
    <Modal
      open
      title={t('moveDeadlineTitle', { title: taskTitle(c, task.taskId, task.title, lang) })}
      onCancel={onClose}
      onOk={submit}
      okText={t('submit')}
      cancelText={t('cancel')}
      okButtonProps={{ loading: busy, 'data-testid': 'move-deadline-submit' } as never}
      destroyOnHidden
      data-testid="move-deadline-modal"
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {t('currentDueDate', { date: task.dueDate })}
      </Typography.Paragraph>
      <ChangeErrors error={error} fields={['dueDate', 'reason']} />
      <Form form={form} layout="vertical" initialValues={{ dueDate: dayjs(task.dueDate) }}>
        <Form.Item name="dueDate" label={t('newDueDate')} rules={[{ required: true, message: t('dueDateRequired') }]} {...fe('dueDate')}>
          <DatePicker style={{ width: '100%' }} disabledDate={withinCampaign(c.startDate, c.endDate)} data-testid="move-deadline-date" />
        </Form.Item>
        <Form.Item name="reason" label={t('changeReason')} rules={[{ required: true, whitespace: true, message: t('reasonRequired') }]} {...fe('reason')}>
          <Input.TextArea rows={2} maxLength={500} showCount data-testid="move-deadline-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function CancelTaskDialog({ task, onClose }: { task: TaskState; onClose: () => void }) {
  const { t, lang } = useI18n();
  const c = useCurrentCampaign();
  const [form] = Form.useForm<{ reason: string }>();
  const { error, busy, run } = usePlanChange(onClose);
  const submit = async () => {
    const v = await validated(form);
    if (!v) return;
    await run(() => api.cancelTask(c, task.taskId, v.reason.trim()));
  };
  return (
    <Modal
      open
      title={t('cancelTaskTitle', { title: taskTitle(c, task.taskId, task.title, lang) })}
      onCancel={onClose}
      onOk={submit}
      okText={t('cancelTask')}
      cancelText={t('cancel')}
      okButtonProps={{ danger: true, loading: busy, 'data-testid': 'cancel-task-submit' } as never}
      destroyOnHidden
      data-testid="cancel-task-modal"
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {t('cancelTaskBody')}
      </Typography.Paragraph>
      <ChangeErrors error={error} fields={['reason']} />
      <Form form={form} layout="vertical">
        <Form.Item
          name="reason"
          label={t('changeReason')}
          rules={[{ required: true, whitespace: true, message: t('reasonRequired') }]}
          {...fieldError(error, 'reason', lang)}
        >
          <Input.TextArea rows={2} maxLength={500} showCount data-testid="cancel-task-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
