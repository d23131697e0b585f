// The administrator's organisation dialogs: register a unit (installation administrator only), add a branch (支部) or a
// division (处室) by hand, for offices without a roster file. Each sends one request, shows the API's refusals on their
// fields (a taken id on the id), and says what was done.
import { Alert, App, Form, Input, Modal } from 'antd';
import type { OrganisationView, OrganisationWriteResult } from '@campaign-ledger/api-contract';
import * as api from '../../api/client';
import { ApiError } from '../../api/client';
import { ErrorAlert, fieldError, shownOnFields } from '../../components/common';
import { useRetryKey } from '../../hooks/useRetryKey';
import { useSubmit } from '../../hooks/useSubmit';
import { useI18n } from '../../i18n/i18n';
import { validated } from '../../components/forms';

/** Ids go into stream ids: 1..64 characters, no spaces or ":", not starting with "$" (as the API checks). */
const ENTITY_ID = /^(?!\$)[^\s:]{1,64}$/;

/** The error, when it is one of these codes: shown on the id field rather than above the form. */
const conflictOf = (error: unknown, codes: readonly string[]) => (error instanceof ApiError && codes.includes(error.body.error) ? error : null);

interface RegisterValues {
  readonly name: string;
  readonly code: string;
  readonly unitId?: string;
}

export function RegisterUnitDialog({ onClose, onDone }: { onClose: () => void; onDone: (unit: { unitId: string; name: string }) => Promise<void> }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<RegisterValues>();
  const { error, setError, busy, run } = useSubmit();
  const sendOnce = useRetryKey();

  const submit = async () => {
    const values = await validated(form);
    if (!values) return;
    await run(async () => {
      const unitId = values.unitId?.trim();
      const name = values.name.trim();
      const result: OrganisationWriteResult = await sendOnce({ ...(unitId ? { unitId } : {}), name, code: values.code.trim() }, api.registerUnit);
      void message.success(t('unitRegistered', { name }));
      await onDone({ unitId: result.unitId, name });
      onClose();
    });
  };

  const taken = conflictOf(error, ['UNIT.ALREADY_REGISTERED']);
  return (
    <Modal
      open
      title={t('registerUnitTitle')}
      onCancel={onClose}
      onOk={submit}
      okText={t('registerUnitSubmit')}
      cancelText={t('cancel')}
      okButtonProps={{ loading: busy, 'data-testid': 'register-unit-submit' } as never}
      destroyOnHidden
    >
      <Alert type="info" showIcon title={t('registerUnitHint')} style={{ marginBottom: 16 }} />
      {error !== null && taken === null && !shownOnFields(error, ['name', 'code', 'unitId']) && <ErrorAlert error={error} />}
      <Form form={form} layout="vertical" data-testid="register-unit-form" onValuesChange={() => error !== null && setError(null)}>
        <Form.Item
          name="name"
          label={t('unitName')}
          rules={[{ required: true, whitespace: true, message: t('unitNameRequired') }, { max: 200 }]}
          {...fieldError(error, 'name', lang)}
        >
          <Input maxLength={200} data-testid="unit-name" />
        </Form.Item>
        <Form.Item
          name="code"
          label={t('unitCode')}
          extra={t('unitCodeHint')}
          rules={[{ required: true, whitespace: true, message: t('unitCodeRequired') }, { max: 50 }]}
          {...fieldError(error, 'code', lang)}
        >
          <Input maxLength={50} data-testid="unit-code" />
        </Form.Item>
        <Form.Item
          name="unitId"
          label={t('unitIdOptional')}
          extra={t('unitIdHint')}
          rules={[{ pattern: ENTITY_ID, message: t('idRule') }]}
          {...(taken ? { validateStatus: 'error' as const, help: taken.text(lang) } : fieldError(error, 'unitId', lang))}
        >
          <Input autoComplete="off" maxLength={64} data-testid="unit-id" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface BranchValues {
  readonly branchId: string;
  readonly name: string;
  readonly secretaryName: string;
}

export function AddBranchDialog({ unit, onClose, onDone }: { unit: OrganisationView; onClose: () => void; onDone: () => Promise<void> }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<BranchValues>();
  const { error, setError, busy, run } = useSubmit();

  const submit = async () => {
    const values = await validated(form);
    if (!values) return;
    await run(async () => {
      const name = values.name.trim();
      await api.addBranch(unit.unitId, { branchId: values.branchId.trim(), name, secretaryName: values.secretaryName.trim() });
      void message.success(t('branchAdded', { name }));
      await onDone();
      onClose();
    });
  };

  const taken = conflictOf(error, ['BRANCH.ALREADY_EXISTS', 'BRANCH.RESERVED_ID']);
  return (
    <Modal
      open
      title={t('addBranchTitle', { unit: unit.name })}
      onCancel={onClose}
      onOk={submit}
      okText={t('add')}
      cancelText={t('cancel')}
      okButtonProps={{ loading: busy, 'data-testid': 'add-branch-submit' } as never}
      destroyOnHidden
    >
      {error !== null && taken === null && !shownOnFields(error, ['branchId', 'name', 'secretaryName']) && <ErrorAlert error={error} />}
      <Form form={form} layout="vertical" data-testid="add-branch-form" onValuesChange={() => error !== null && setError(null)}>
        <Form.Item
          name="branchId"
          label={t('branchIdLabel')}
          extra={t('branchIdHint')}
          rules={[
            { required: true, message: t('branchIdRequired') },
            { pattern: ENTITY_ID, message: t('idRule') },
          ]}
          {...(taken ? { validateStatus: 'error' as const, help: taken.text(lang) } : fieldError(error, 'branchId', lang))}
        >
          <Input autoComplete="off" maxLength={64} data-testid="branch-id" />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('branchName')}
          rules={[{ required: true, whitespace: true, message: t('branchNameRequired') }, { max: 100 }]}
          {...fieldError(error, 'name', lang)}
        >
          <Input maxLength={100} data-testid="branch-name" />
        </Form.Item>
        <Form.Item
          name="secretaryName"
          label={t('secretaryName')}
          rules={[{ required: true, whitespace: true, message: t('secretaryNameRequired') }, { max: 100 }]}
          {...fieldError(error, 'secretaryName', lang)}
        >
          <Input maxLength={100} data-testid="branch-secretary" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface DivisionValues {
  readonly divisionId: string;
  readonly name: string;
}

export function AddDivisionDialog({ unit, onClose, onDone }: { unit: OrganisationView; onClose: () => void; onDone: () => Promise<void> }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<DivisionValues>();
  const { error, setError, busy, run } = useSubmit();

  const submit = async () => {
    const values = await validated(form);
    if (!values) return;
    await run(async () => {
      const name = values.name.trim();
      await api.addDivision(unit.unitId, { divisionId: values.divisionId.trim(), name });
      void message.success(t('divisionAdded', { name }));
      await onDone();
      onClose();
    });
  };

  const taken = conflictOf(error, ['DIVISION.ALREADY_EXISTS']);
  return (
    <Modal
      open
      title={t('addDivisionTitle', { unit: unit.name })}
      onCancel={onClose}
      onOk={submit}
      okText={t('add')}
      cancelText={t('cancel')}
      okButtonProps={{ loading: busy, 'data-testid': 'add-division-submit' } as never}
      destroyOnHidden
    >
      {error !== null && taken === null && !shownOnFields(error, ['divisionId', 'name']) && <ErrorAlert error={error} />}
      <Form form={form} layout="vertical" data-testid="add-division-form" onValuesChange={() => error !== null && setError(null)}>
        <Form.Item
          name="divisionId"
          label={t('divisionIdLabel')}
          extra={t('divisionIdHint')}
          rules={[
            { required: true, message: t('divisionIdRequired') },
            { pattern: ENTITY_ID, message: t('idRule') },
          ]}
          {...(taken ? { validateStatus: 'error' as const, help: taken.text(lang) } : fieldError(error, 'divisionId', lang))}
        >
          <Input autoComplete="off" maxLength={64} data-testid="division-id" />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('divisionName')}
          rules={[{ required: true, whitespace: true, message: t('divisionNameRequired') }, { max: 100 }]}
          {...fieldError(error, 'name', lang)}
        >
          <Input maxLength={100} data-testid="division-name" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
