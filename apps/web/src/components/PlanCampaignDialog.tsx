// 制定活动计划: the leading group plans a campaign of their unit from a built-in template — its name, the template (by
// name, with its size), the Monday of week 1, an optional end (the template gives one) and an optional branch that keeps
// the unit-level work. The new campaign becomes the one looked at, and its plan is shown.
import { useEffect, useMemo, useState } from 'react';
import { App, DatePicker, Form, Input, Modal, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { OrganisationView, PlanCampaignBody, TemplateListItem } from '@campaign-ledger/api-contract';
import * as api from '../api/client';
import { ApiError } from '../api/client';
import { useAccount } from '../auth/session';
import { useCampaign } from '../campaign-context';
import { useRetryKey } from '../hooks/useRetryKey';
import { useSubmit } from '../hooks/useSubmit';
import { useI18n } from '../i18n/i18n';
import { navigate } from '../router';
import { ErrorAlert, fieldError, shownOnFields } from './common';
import { validated } from './forms';

interface Values {
  readonly name: string;
  readonly templateId: string;
  readonly startDate: Dayjs;
  readonly endDate?: Dayjs | null;
  readonly officeBranchId?: string;
}

const FIELDS = ['name', 'templateId', 'template', 'startDate', 'endDate', 'officeBranchId', 'unitId'];
const DAY = 'YYYY-MM-DD';

export default function PlanCampaignDialog({ onClose }: { onClose: () => void }) {
  const { t, lang } = useI18n();
  const account = useAccount();
  const { adopt, unit: sessionUnit } = useCampaign();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [templates, setTemplates] = useState<readonly TemplateListItem[] | null>(null);
  const [unit, setUnit] = useState<OrganisationView | null>(sessionUnit);
  const [loadError, setLoadError] = useState<unknown>(null);
  const { error, setError, busy, run } = useSubmit();
  const sendOnce = useRetryKey();
  const templateId = Form.useWatch('templateId', form);
  const startDate = Form.useWatch('startDate', form);
  const unitId = account.unitId;

  const templateName = (tpl: TemplateListItem) => (lang === 'en' && tpl.nameEn ? tpl.nameEn : tpl.name);
  const sizeOf = (tpl: TemplateListItem) => {
    const { counts, weeks } = tpl.summary;
    const size = t('templateSize', { stages: counts.stages, phases: counts.phases, tasks: counts.tasks });
    return weeks ? `${size} · ${t('templateWeeks', { n: weeks })}` : size;
  };

  useEffect(() => {
    let cancelled = false;
    api.listTemplates().then(
      (list) => {
        if (cancelled) return;
        setTemplates(list);
        // One template (the built-in one): chosen already, and its name offered as the campaign's.
        if (list.length === 1 && !form.getFieldValue('templateId')) {
          form.setFieldsValue({
            templateId: list[0].id,
            ...(form.getFieldValue('name') ? {} : { name: lang === 'en' && list[0].nameEn ? list[0].nameEn : list[0].name }),
          });
        }
      },
      (e) => !cancelled && setLoadError(e),
    );
    // The branches as they are now (the administrator may have added some since this session began).
    if (unitId)
      api.getUnit(unitId).then(
        (u) => !cancelled && setUnit(u),
        () => undefined,
      );
    return () => {
      cancelled = true;
    };
  }, [unitId]);

  const chosen = templates?.find((tpl) => tpl.id === templateId) ?? null;
  /** The end the server will take when none is given: the Sunday of the template's last week. */
  const defaultEnd = useMemo(
    () => (chosen?.summary.weeks && startDate ? startDate.add(chosen.summary.weeks * 7 - 1, 'day').format(DAY) : null),
    [chosen, startDate],
  );

  const submit = async () => {
    const values = await validated(form);
    if (!values) return;
    await run(async () => {
      if (!unitId) throw new Error(t('planNeedsUnit'));
      const body: PlanCampaignBody = {
        name: values.name.trim(),
        unitId,
        templateId: values.templateId,
        startDate: values.startDate.format(DAY),
        ...(values.endDate ? { endDate: values.endDate.format(DAY) } : {}),
        ...(values.officeBranchId ? { officeBranchId: values.officeBranchId } : {}),
      };
      const campaign = await sendOnce(body, api.planCampaign);
      void message.success(t('campaignPlanned', { name: campaign.name }));
      adopt(campaign);
      navigate('/plan');
      onClose();
    });
  };

  // A branch that is not (or no longer) in the unit is named on its field.
  const noBranch = error instanceof ApiError && error.body.error === 'BRANCH.NOT_FOUND' ? error : null;
  const branches = unit?.branches ?? [];
  return (
    <Modal
      open
      title={
        <span>
          {t('planCampaignTitle')}
          {unit && (
            <Typography.Text type="secondary" style={{ fontWeight: 'normal', marginInlineStart: 8 }} data-testid="plan-unit">
              {unit.name}
            </Typography.Text>
          )}
        </span>
      }
      onCancel={onClose}
      onOk={submit}
      okText={t('planCampaignSubmit')}
      cancelText={t('cancel')}
      okButtonProps={{ loading: busy, disabled: templates === null, 'data-testid': 'plan-campaign-submit' } as never}
      destroyOnHidden
    >
      {loadError !== null && <ErrorAlert error={loadError} />}
      {error !== null && noBranch === null && !shownOnFields(error, FIELDS) && <ErrorAlert error={error} />}
      <Form
        form={form}
        layout="vertical"
        name="plan-campaign"
        data-testid="plan-campaign-form"
        onValuesChange={(changed: Partial<Values>) => {
          if (error !== null) setError(null);
          // Another template: its name replaces a name that was only the previous template's.
          if (changed.templateId && templates) {
            const name: string | undefined = form.getFieldValue('name');
            const next = templates.find((tpl) => tpl.id === changed.templateId);
            if (next && (!name || templates.some((tpl) => name === tpl.name || name === tpl.nameEn))) form.setFieldValue('name', templateName(next));
          }
        }}
      >
        <Form.Item
          name="name"
          label={t('campaignName')}
          rules={[{ required: true, whitespace: true, message: t('campaignNameRequired') }, { max: 200 }]}
          {...fieldError(error, 'name', lang)}
        >
          <Input maxLength={200} data-testid="plan-name" />
        </Form.Item>
        <Form.Item
          name="templateId"
          label={t('template')}
          rules={[{ required: true, message: t('templateRequired') }]}
          extra={chosen ? <span data-testid="plan-template-size">{sizeOf(chosen)}</span> : undefined}
          {...fieldError(error, 'templateId', lang)}
        >
          <Select
            loading={templates === null}
            placeholder={t('templatePick')}
            options={(templates ?? []).map((tpl) => ({ value: tpl.id, label: templateName(tpl), size: sizeOf(tpl) }))}
            optionRender={(option) => (
              <div style={{ whiteSpace: 'normal' }}>
                <div>{option.label}</div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {option.data.size}
                </Typography.Text>
              </div>
            )}
            data-testid="plan-template"
          />
        </Form.Item>
        <Form.Item
          name="startDate"
          label={t('startDate')}
          extra={t('startDateHint')}
          rules={[{ required: true, message: t('startDateRequired') }]}
          {...fieldError(error, 'startDate', lang)}
        >
          <DatePicker style={{ width: '100%' }} format={DAY} disabledDate={(d) => d.day() !== 1} showToday={false} data-testid="plan-start" />
        </Form.Item>
        <Form.Item
          name="endDate"
          label={t('endDateOptional')}
          extra={<span data-testid="plan-end-default">{defaultEnd ? t('endDateDefault', { date: defaultEnd }) : t('endDateTemplate')}</span>}
          dependencies={['startDate']}
          rules={[
            {
              validator: async (_, value: Dayjs | null | undefined) => {
                const start: Dayjs | undefined = form.getFieldValue('startDate');
                if (value && start && value.isBefore(start, 'day')) throw new Error(t('endBeforeStart'));
              },
            },
          ]}
          {...fieldError(error, 'endDate', lang)}
        >
          <DatePicker
            style={{ width: '100%' }}
            format={DAY}
            disabledDate={(d) => Boolean(startDate && d.isBefore(startDate, 'day'))}
            defaultPickerValue={defaultEnd ? dayjs(defaultEnd) : undefined}
            data-testid="plan-end"
          />
        </Form.Item>
        <Form.Item
          name="officeBranchId"
          label={t('officeBranch')}
          extra={t('officeBranchHint')}
          {...(noBranch ? { validateStatus: 'error' as const, help: noBranch.text(lang) } : fieldError(error, 'officeBranchId', lang))}
        >
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            disabled={branches.length === 0}
            placeholder={branches.length === 0 ? t('officeBranchNone') : t('officeBranchPlaceholder')}
            options={branches.map((b) => ({ value: b.branchId, label: b.name }))}
            data-testid="plan-office-branch"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
