// 计划与转段: the plan (stages, phases, tasks) with stage statuses; the leading group opens and closes stages here.
import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Collapse, Descriptions, Form, Input, Modal, Space, Spin, Steps, Table, Tag, Typography } from 'antd';
import { CalendarOutlined, CloseCircleOutlined, LockOutlined, PlayCircleOutlined, PlusOutlined, StopOutlined } from '@ant-design/icons';
import type { CampaignView, StageUnfinishedView, StageView, TaskState } from '@campaign-ledger/api-contract';
import * as api from '../api/client';
import { unfinishedByBranch } from '../api/plan-changes';
import { ApiError } from '../api/client';
import { useAccount } from '../auth/session';
import { useCampaign, useCurrentCampaign } from '../campaign-context';
import { ErrorAlert, errorText, fieldError, StageTag } from '../components/common';
import PlanCampaignDialog from '../components/PlanCampaignDialog';
import { AddTaskDialog, CancelTaskDialog, MoveDeadlineDialog } from '../components/PlanChangeDialogs';
import { useI18n } from '../i18n/i18n';
import { taskTitle } from '../labels';
import { canManageStages } from '../roles';
import { PageTitle } from './OverviewPage';

export default function PlanPage() {
  const { t, lang } = useI18n();
  const account = useAccount();
  const { reload } = useCampaign();
  const c = useCurrentCampaign();
  const { modal, message } = App.useApp();
  const [closing, setClosing] = useState<StageView | null>(null);
  const [planning, setPlanning] = useState(false);
  const [adding, setAdding] = useState(false);
  const [moving, setMoving] = useState<TaskState | null>(null);
  const [cancelling, setCancelling] = useState<TaskState | null>(null);
  const manage = canManageStages(account.role) && c.status === 'planned';

  const openStage = (stage: StageView) => {
    modal.confirm({
      title: t('openStage'),
      content: t('openStageConfirm', { name: stage.name }),
      okText: t('confirm'),
      cancelText: t('cancel'),
      okButtonProps: { 'data-testid': 'confirm-open-stage' } as never,
      onOk: async () => {
        try {
          await api.openStage(c, stage.stageId);
          void message.success(t('stageOpened'));
        } catch (e) {
          if (e instanceof ApiError && e.body.error === 'PRECONDITION.ETAG_MISMATCH') void message.warning(t('etag412'));
          else modal.error({ title: t('errorTitle'), content: errorText(e, lang) });
        } finally {
          await reload();
        }
      },
    });
  };

  const stepIndex = Math.max(
    0,
    c.stages.findIndex((s) => s.status !== 'closed'),
  );
  return (
    <div>
      <PageTitle
        title={t('planTitle')}
        extra={
          !canManageStages(account.role) ? (
            <Tag icon={<LockOutlined />}>{t('readOnly')}</Tag>
          ) : (
            <Space wrap>
              {manage && (
                <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="add-task">
                  {t('addTask')}
                </Button>
              )}
              <Button icon={<PlusOutlined />} onClick={() => setPlanning(true)} data-testid="new-campaign">
                {t('newCampaign')}
              </Button>
            </Space>
          )
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <Descriptions
          size="small"
          column={{ xs: 1, md: 3 }}
          items={[
            { key: 'name', label: t('campaign'), children: <span data-testid="plan-campaign-name">{c.name}</span> },
            { key: 'period', label: t('period'), children: `${c.startDate} ~ ${c.endDate}` },
            {
              key: 'tasks',
              label: t('task'),
              children: <span data-testid="plan-task-count">{t('tasksCount', { n: c.counts.activeTasks ?? c.tasks.length })}</span>,
            },
          ]}
        />
        {c.stages.length > 0 && (
          <Steps
            style={{ marginTop: 16 }}
            size="small"
            current={stepIndex}
            responsive
            items={c.stages.map((s) => ({
              title: s.name,
              status: s.status === 'closed' ? 'finish' : s.status === 'open' ? 'process' : 'wait',
              content: s.openedOn
                ? s.closedOn
                  ? `${s.openedOn} ~ ${s.closedOn}`
                  : t('openedOn', { date: s.openedOn })
                : `${s.startDate ?? ''} ~ ${s.endDate ?? ''}`,
            }))}
          />
        )}
      </Card>
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        {c.stages.map((stage, index) => {
          const previousClosed = index === 0 || c.stages[index - 1].status === 'closed';
          return (
            <Card
              key={stage.stageId}
              data-testid={`plan-stage-${stage.stageId}`}
              title={
                <Space wrap>
                  <span>{`${t('stage')} ${stage.order} · ${stage.name}`}</span>
                  <StageTag status={stage.status} />
                  {stage.carriedOverCount > 0 && <Tag color="purple">{t('carriedOverCount', { n: stage.carriedOverCount })}</Tag>}
                </Space>
              }
              extra={
                manage && stage.status === 'pending' ? (
                  <Button
                    type="primary"
                    icon={<PlayCircleOutlined />}
                    disabled={!previousClosed}
                    onClick={() => openStage(stage)}
                    data-testid={`open-stage-${stage.stageId}`}
                  >
                    {t('openStage')}
                  </Button>
                ) : manage && stage.status === 'open' ? (
                  <Button danger icon={<StopOutlined />} onClick={() => setClosing(stage)} data-testid={`close-stage-${stage.stageId}`}>
                    {t('closeStage')}
                  </Button>
                ) : null
              }
            >
              <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
                {`${stage.startDate ?? ''} ~ ${stage.endDate ?? ''}`}
                {stage.openedOn && ` · ${t('openedOn', { date: stage.openedOn })}`}
                {stage.closedOn && ` · ${t('closedOn', { date: stage.closedOn })}`}
              </Typography.Paragraph>
              <Collapse
                size="small"
                items={c.phases
                  .filter((p) => p.stageId === stage.stageId)
                  .map((p) => ({
                    key: p.phaseId,
                    label: (
                      <Space wrap size={4} data-testid={`plan-phase-${p.phaseId}`}>
                        <span>{`${t('phase')} ${p.order} · ${p.name}`}</span>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{`${p.startDate ?? ''} ~ ${p.endDate ?? ''}`}</Typography.Text>
                      </Space>
                    ),
                    children: (
                      <TaskTable
                        tasks={c.tasks.filter((task) => task.phaseId === p.phaseId)}
                        campaign={c}
                        onMove={manage ? setMoving : undefined}
                        onCancel={manage ? setCancelling : undefined}
                      />
                    ),
                  }))}
              />
            </Card>
          );
        })}
      </Space>
      {closing && <CloseStageDialog campaign={c} stage={closing} onDone={() => setClosing(null)} />}
      {planning && <PlanCampaignDialog onClose={() => setPlanning(false)} />}
      {adding && <AddTaskDialog onClose={() => setAdding(false)} />}
      {moving && <MoveDeadlineDialog task={moving} onClose={() => setMoving(null)} />}
      {cancelling && <CancelTaskDialog task={cancelling} onClose={() => setCancelling(null)} />}
      {c.stages.length === 0 && (
        <Card>
          <TaskTable tasks={c.tasks} campaign={c} onMove={manage ? setMoving : undefined} onCancel={manage ? setCancelling : undefined} />
        </Card>
      )}
    </div>
  );
}

function TaskTable({
  tasks,
  campaign,
  onMove,
  onCancel,
}: {
  tasks: readonly TaskState[];
  campaign: CampaignView;
  onMove?: (task: TaskState) => void;
  onCancel?: (task: TaskState) => void;
}) {
  const { t, lang } = useI18n();
  const scopeLabel = (scope: string) => {
    const key = `scope_${scope}` as const;
    return ['scope_unit', 'scope_branch', 'scope_branch_recurring_weekly', 'scope_member', 'scope_leader', 'scope_division'].includes(key)
      ? t(key as 'scope_unit')
      : scope;
  };
  return (
    <Table
      rowKey="taskId"
      size="small"
      pagination={false}
      dataSource={tasks as TaskState[]}
      scroll={{ x: onMove ? 940 : 760 }}
      onRow={(task) => ({ 'data-testid': 'plan-task-row', 'data-task-id': task.taskId, 'data-due': task.dueDate }) as React.HTMLAttributes<HTMLElement>}
      rowClassName={(task) => (task.cancelled ? 'task-cancelled' : '')}
      columns={[
        { title: '#', dataIndex: 'taskId', width: 60 },
        {
          title: t('task'),
          key: 'title',
          render: (_, task) => (
            <span style={task.cancelled ? { textDecoration: 'line-through', color: '#999' } : undefined}>
              {taskTitle(campaign, task.taskId, task.title, lang)} {!task.mandatory && <Tag>{t('optional')}</Tag>}
              {task.cancelled && <Tag>{t('inst_cancelled')}</Tag>}
            </span>
          ),
        },
        { title: t('scope'), dataIndex: 'scope', width: 120, render: (s: string) => <Tag>{scopeLabel(s)}</Tag> },
        { title: t('dueDate'), dataIndex: 'dueDate', width: 110 },
        { title: t('responsible'), dataIndex: 'responsible', width: 130, ellipsis: true, render: (r: string | null) => r ?? '—' },
        { title: t('evidence'), dataIndex: 'evidence', width: 160, ellipsis: true, render: (e: readonly string[]) => e.join('、') || '—' },
        ...(onMove && onCancel
          ? [
              {
                title: t('actions'),
                key: 'actions',
                width: 180,
                render: (_: unknown, task: TaskState) =>
                  task.cancelled ? null : (
                    <Space size={4} wrap>
                      <Button size="small" icon={<CalendarOutlined />} onClick={() => onMove(task)} data-testid={`move-deadline-${task.taskId}`}>
                        {t('moveDeadline')}
                      </Button>
                      <Button size="small" danger icon={<CloseCircleOutlined />} onClick={() => onCancel(task)} data-testid={`cancel-task-${task.taskId}`}>
                        {t('cancelTask')}
                      </Button>
                    </Space>
                  ),
              },
            ]
          : []),
      ]}
    />
  );
}

function CloseStageDialog({ campaign, stage, onDone }: { campaign: CampaignView; stage: StageView; onDone: () => void }) {
  const { t, lang } = useI18n();
  const { reload, branchName } = useCampaign();
  const { message } = App.useApp();
  const [unfinished, setUnfinished] = useState<StageUnfinishedView | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [carryOver, setCarryOver] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    api.stageUnfinished(campaign.campaignId, stage.stageId).then(setUnfinished, setLoadError);
  }, [campaign.campaignId, stage.stageId]);

  const refused = error instanceof ApiError && error.status === 412 && error.body.error === 'STAGE.UNFINISHED_WORK';
  const refusedCount = refused ? Number((error.body.details as { unfinished?: number } | undefined)?.unfinished ?? unfinished?.count ?? 0) : 0;

  const [reasonMissing, setReasonMissing] = useState(false);
  const submit = async () => {
    // The API takes the reason as optional (older clients); this dialog asks for it every time.
    if (!reason.trim()) {
      setReasonMissing(true);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api.closeStage(campaign, stage.stageId, carryOver, reason.trim());
      void message.success(t('stageClosed'));
      await reload();
      onDone();
    } catch (e) {
      if (e instanceof ApiError && e.body.error === 'PRECONDITION.ETAG_MISMATCH') {
        await reload();
        void message.warning(t('etag412'));
      }
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t('closeStageTitle', { name: stage.name })}
      onCancel={onDone}
      onOk={submit}
      okText={t('closeStage')}
      cancelText={t('cancel')}
      okButtonProps={{ danger: true, loading: busy, 'data-testid': 'confirm-close-stage' } as never}
      destroyOnHidden
    >
      <Typography.Paragraph>{t('closeStageBody')}</Typography.Paragraph>
      {loadError !== null && <ErrorAlert error={loadError} />}
      {!unfinished && loadError === null ? (
        <Spin />
      ) : unfinished && unfinished.count === 0 ? (
        <Alert type="success" showIcon title={t('unfinishedNone')} style={{ marginBottom: 12 }} />
      ) : unfinished ? (
        <div style={{ marginBottom: 12 }}>
          <Tag color="error" data-testid="unfinished-count">
            {t('unfinishedCount', { n: unfinished.count })}
          </Tag>
          <Typography.Text strong style={{ display: 'block', marginTop: 8 }}>
            {t('unfinishedListTitle')}
          </Typography.Text>
          <div style={{ maxHeight: 260, overflowY: 'auto', marginTop: 4, paddingInlineEnd: 4 }} data-testid="unfinished-list">
            {unfinishedByBranch(unfinished.instances).map(({ branchId, tasks }) => (
              <div key={branchId} data-testid={`unfinished-branch-${branchId}`} style={{ padding: '6px 0', borderBottom: '1px solid #f0f0f0' }}>
                <Typography.Text
                  strong
                >{`${branchId.startsWith('_') ? t('unitLevel') : branchName(branchId)} · ${unfinished.byBranch[branchId] ?? tasks.length}`}</Typography.Text>
                <ul style={{ margin: '2px 0 0', paddingInlineStart: 18 }}>
                  {tasks.map((task) => (
                    <li key={task.taskId} data-testid="unfinished-task" data-task-id={task.taskId}>
                      {taskTitle(campaign, task.taskId, task.taskTitle ?? task.taskId, lang)}
                      {task.count > 1 && <Typography.Text type="secondary">{` · ${t('unfinishedTimes', { n: task.count })}`}</Typography.Text>}
                    </li>
                  ))}
                </ul>
              </div>
            ))}
          </div>
        </div>
      ) : null}
      {refused && (
        <Alert type="warning" showIcon title={t('stageUnfinished412', { n: refusedCount })} style={{ marginBottom: 12 }} data-testid="close-refused" />
      )}
      {error !== null && !refused && <Alert type="error" showIcon title={errorText(error, lang)} style={{ marginBottom: 12 }} />}
      <Form layout="vertical">
        <Form.Item help={t('carryOverHelp')} validateStatus={refused ? 'warning' : undefined}>
          <Checkbox checked={carryOver} onChange={(e) => setCarryOver(e.target.checked)} data-testid="carry-over">
            {t('carryOver')}
          </Checkbox>
        </Form.Item>
        <Form.Item
          label={t('reason')}
          required
          validateStatus={reasonMissing || fieldError(error, 'reason', lang).validateStatus ? 'error' : undefined}
          help={reasonMissing ? t('closeReasonRequired') : fieldError(error, 'reason', lang).help}
        >
          <Input.TextArea
            value={reason}
            onChange={(e) => {
              setReason(e.target.value);
              setReasonMissing(false);
            }}
            placeholder={t('reasonPlaceholder')}
            maxLength={500}
            rows={2}
            data-testid="close-stage-reason"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
