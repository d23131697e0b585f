// 计划与转段: the plan (stages, phases, tasks) with stage statuses; the leading group opens and closes stages here.
import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Col, Collapse, Descriptions, Form, Input, Modal, Row, Space, Spin, Steps, Table, Tag, Typography } from 'antd';
import { LockOutlined, PlayCircleOutlined, PlusOutlined, StopOutlined } from '@ant-design/icons';
import type { CampaignView, StageUnfinishedView, StageView, TaskState } from '@campaign-ledger/api-contract';
import * as api from '../api/client';
import { ApiError } from '../api/client';
import { useAccount } from '../auth/session';
import { useCampaign, useCurrentCampaign } from '../campaign-context';
import { ErrorAlert, errorText, StageTag } from '../components/common';
import PlanCampaignDialog from '../components/PlanCampaignDialog';
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
            <Button icon={<PlusOutlined />} onClick={() => setPlanning(true)} data-testid="new-campaign">
              {t('newCampaign')}
            </Button>
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
                      <Space wrap size={4}>
                        <span>{`${t('phase')} ${p.order} · ${p.name}`}</span>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{`${p.startDate ?? ''} ~ ${p.endDate ?? ''}`}</Typography.Text>
                      </Space>
                    ),
                    children: <TaskTable tasks={c.tasks.filter((task) => task.phaseId === p.phaseId)} campaign={c} />,
                  }))}
              />
            </Card>
          );
        })}
      </Space>
      {closing && <CloseStageDialog campaign={c} stage={closing} onDone={() => setClosing(null)} />}
      {planning && <PlanCampaignDialog onClose={() => setPlanning(false)} />}
      {c.stages.length === 0 && (
        <Card>
          <TaskTable tasks={c.tasks} campaign={c} />
        </Card>
      )}
    </div>
  );
}

function TaskTable({ tasks, campaign }: { tasks: readonly TaskState[]; campaign: CampaignView }) {
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
      scroll={{ x: 760 }}
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

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.closeStage(campaign, stage.stageId, carryOver, reason.trim() || undefined);
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
          <Row gutter={[8, 4]} style={{ marginTop: 8 }}>
            {Object.entries(unfinished.byBranch).map(([branchId, n]) => (
              <Col key={branchId} xs={24} sm={12}>
                <Typography.Text type="secondary">{`${branchId.startsWith('_') ? t('unitLevel') : branchName(branchId)}: ${n}`}</Typography.Text>
              </Col>
            ))}
          </Row>
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
        <Form.Item label={t('reason')}>
          <Input.TextArea value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('reasonPlaceholder')} maxLength={500} rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
