// The administrator's account dialogs: create, reset the password, disable / enable (with the reason the ledger keeps),
// change the role. Each sends one request, shows the API's field errors on their fields, and says what was done.
import { useEffect, useState } from 'react';
import { Alert, App, Form, Input, Modal, Select, Typography } from 'antd';
import type { AccountView, BranchSummary, OrganisationView, Role, UnitSummary } from '@campaign-ledger/api-contract';
import * as api from '../../api/client';
import { ApiError } from '../../api/client';
import { NewPasswordFields } from '../../components/ChangePasswordDialog';
import { ErrorAlert, fieldError, shownOnFields } from '../../components/common';
import { useSubmit } from '../../hooks/useSubmit';
import { useI18n } from '../../i18n/i18n';
import { validated } from '../../components/forms';

export const ROLES: readonly Role[] = ['administrator', 'leading_group', 'secretary', 'auditor'];

/** The value of the unit select that stands for "no unit": an installation administrator. */
const INSTALLATION = '';

/** What the dialogs need to know about the office: the units one may pick, and the unit the page shows. */
export interface AdminScope {
  /** An installation administrator (no unit of their own) picks the unit; a unit administrator's is fixed. */
  readonly installation: boolean;
  readonly units: readonly UnitSummary[];
  readonly unit: OrganisationView;
}

/** Branches of a unit by name: the page's unit at once, another unit's read when it is picked. */
function useBranches(scope: AdminScope, unitId: string | undefined): readonly BranchSummary[] | null {
  const [loaded, setLoaded] = useState<{ unitId: string; branches: readonly BranchSummary[] } | null>(null);
  const other = unitId && unitId !== scope.unit.unitId ? unitId : null;
  useEffect(() => {
    if (!other) return;
    let cancelled = false;
    api.getUnit(other).then(
      (u) => !cancelled && setLoaded({ unitId: other, branches: u.branches }),
      () => !cancelled && setLoaded({ unitId: other, branches: [] }),
    );
    return () => {
      cancelled = true;
    };
  }, [other]);
  if (!unitId) return [];
  if (!other) return scope.unit.branches;
  return loaded?.unitId === other ? loaded.branches : null;
}

/** Form.Item hands the field's value and onChange to its child: each select below passes them on. */
function RoleSelect({ testId, value, onChange }: { testId: string; value?: Role; onChange?: (value: Role) => void }) {
  const { t } = useI18n();
  return <Select<Role> value={value} onChange={onChange} options={ROLES.map((r) => ({ value: r, label: t(`role_${r}`) }))} data-testid={testId} />;
}

function UnitSelect({
  scope,
  allowInstallation,
  testId,
  value,
  onChange,
}: {
  scope: AdminScope;
  allowInstallation: boolean;
  testId: string;
  value?: string;
  onChange?: (value: string) => void;
}) {
  const { t } = useI18n();
  const options = [
    ...(allowInstallation ? [{ value: INSTALLATION, label: t('installationLevel') }] : []),
    ...scope.units.map((u) => ({ value: u.unitId, label: u.name })),
  ];
  return <Select value={value} onChange={onChange} options={options} data-testid={testId} />;
}

function BranchSelect({
  branches,
  testId,
  value,
  onChange,
}: {
  branches: readonly BranchSummary[] | null;
  testId: string;
  value?: string;
  onChange?: (value: string) => void;
}) {
  const { t } = useI18n();
  return (
    <Select
      value={value}
      onChange={onChange}
      loading={branches === null}
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={t('pickBranch')}
      options={(branches ?? []).map((b) => ({ value: b.branchId, label: b.name }))}
      data-testid={testId}
    />
  );
}

interface DialogProps {
  readonly onClose: () => void;
  readonly onDone: () => Promise<void>;
}

interface CreateValues {
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly unitId?: string;
  readonly branchId?: string;
  readonly newPassword: string;
}

const USERNAME = /^[A-Za-z0-9._-]{2,64}$/;

export function CreateAccountDialog({ scope, onClose, onDone }: DialogProps & { scope: AdminScope }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<CreateValues>();
  const role = Form.useWatch('role', form);
  const unitId = Form.useWatch('unitId', form);
  const branches = useBranches(scope, unitId ?? scope.unit.unitId);
  const { error, setError, busy, run } = useSubmit();

  const submit = async () => {
    const values = await validated(form);
    if (!values) return;
    await run(async () => {
      // A unit administrator's accounts are always of their unit; only an installation administrator may leave it out.
      const chosenUnit = scope.installation ? values.unitId : scope.unit.unitId;
      const created = await api.createAccount({
        username: values.username.trim(),
        displayName: values.displayName.trim(),
        role: values.role,
        ...(chosenUnit ? { unitId: chosenUnit } : {}),
        ...(values.role === 'secretary' && values.branchId ? { branchId: values.branchId } : {}),
        password: values.newPassword,
      });
      void message.success(t('accountCreated', { name: created.displayName }));
      await onDone();
      onClose();
    });
  };

  const taken = error instanceof ApiError && error.body.error === 'ACCOUNT.USERNAME_TAKEN' ? error : null;
  const fields = ['username', 'displayName', 'role', 'unitId', 'branchId', 'password'];
  return (
    <Modal
      open
      title={t('createAccount')}
      onCancel={onClose}
      onOk={submit}
      okText={t('createAccountSubmit')}
      cancelText={t('cancel')}
      okButtonProps={{ loading: busy, 'data-testid': 'create-account-submit' } as never}
      destroyOnHidden
    >
      {error !== null && taken === null && !shownOnFields(error, fields) && <ErrorAlert error={error} />}
      <Form
        form={form}
        layout="vertical"
        data-testid="create-account-form"
        initialValues={{ role: 'secretary', unitId: scope.unit.unitId }}
        onValuesChange={(changed: Partial<CreateValues>) => {
          if (error !== null) setError(null);
          // "No unit" is for installation administrators only; another unit has other branches.
          if (changed.role && changed.role !== 'administrator' && form.getFieldValue('unitId') === INSTALLATION)
            form.setFieldValue('unitId', scope.unit.unitId);
          if (changed.unitId !== undefined) form.setFieldValue('branchId', undefined);
        }}
      >
        <Form.Item
          name="username"
          label={t('username')}
          extra={t('usernameRule')}
          rules={[
            { required: true, message: t('usernameRequired') },
            { pattern: USERNAME, message: t('usernameRule') },
          ]}
          {...(taken ? { validateStatus: 'error' as const, help: taken.text(lang) } : fieldError(error, 'username', lang))}
        >
          <Input autoComplete="off" data-testid="account-username" />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t('displayName')}
          rules={[{ required: true, whitespace: true, message: t('displayNameRequired') }, { max: 100 }]}
          {...fieldError(error, 'displayName', lang)}
        >
          <Input data-testid="account-display-name" />
        </Form.Item>
        <Form.Item name="role" label={t('role')} rules={[{ required: true }]} {...fieldError(error, 'role', lang)}>
          <RoleSelect testId="account-role" />
        </Form.Item>
        {scope.installation ? (
          <Form.Item
            name="unitId"
            label={t('unit')}
            rules={[{ required: role !== 'administrator', message: t('unitRequired') }]}
            {...fieldError(error, 'unitId', lang)}
          >
            <UnitSelect scope={scope} allowInstallation={role === 'administrator'} testId="account-unit" />
          </Form.Item>
        ) : (
          <Form.Item label={t('unit')}>
            <Typography.Text data-testid="account-unit-fixed">{scope.unit.name}</Typography.Text>
          </Form.Item>
        )}
        {role === 'secretary' && (
          <Form.Item name="branchId" label={t('branch')} rules={[{ required: true, message: t('branchRequired') }]} {...fieldError(error, 'branchId', lang)}>
            <BranchSelect branches={branches} testId="account-branch" />
          </Form.Item>
        )}
        <NewPasswordFields error={error} name="newPassword" apiField="password" label={t('initialPassword')} />
      </Form>
    </Modal>
  );
}

export function ResetPasswordDialog({ account, onClose, onDone }: DialogProps & { account: AccountView }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ newPassword: string; reason?: string }>();
  const { error, busy, run } = useSubmit();

  const submit = async () => {
    const values = await validated(form);
    if (!values) return;
    await run(async () => {
      // The API names the new password "password"; the form shares its fields with the change of one's own.
      await api.resetPassword(account.accountId, values.newPassword, values.reason?.trim() || undefined);
      void message.success(t('passwordResetDone', { name: account.displayName }));
      await onDone();
      onClose();
    });
  };

  return (
    <Modal
      open
      title={t('resetPasswordTitle', { name: account.displayName })}
      onCancel={onClose}
      onOk={submit}
      okText={t('resetPassword')}
      cancelText={t('cancel')}
      okButtonProps={{ loading: busy, 'data-testid': 'reset-password-submit' } as never}
      destroyOnHidden
    >
      <Alert type="info" showIcon title={t('resetPasswordHint')} style={{ marginBottom: 16 }} />
      {error !== null && !shownOnFields(error, ['password', 'reason']) && <ErrorAlert error={error} />}
      <Form form={form} layout="vertical" data-testid="reset-password-form">
        <NewPasswordFields error={error} name="newPassword" apiField="password" />
        <Form.Item name="reason" label={t('reasonOptional')} rules={[{ max: 500 }]} {...fieldError(error, 'reason', lang)}>
          <Input.TextArea rows={2} maxLength={500} data-testid="account-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Disabling ends the account's sessions at once: the dialog says so and asks for the reason before anything is sent. */
export function DisableEnableDialog({ account, onClose, onDone }: DialogProps & { account: AccountView }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const { error, busy, run } = useSubmit();
  const disabling = !account.disabled;

  const submit = async () => {
    const values = await validated(form);
    if (!values) return;
    await run(async () => {
      if (disabling) await api.disableAccount(account.accountId, values.reason.trim());
      else await api.enableAccount(account.accountId, values.reason.trim());
      void message.success(t(disabling ? 'accountDisabledDone' : 'accountEnabledDone', { name: account.displayName }));
      await onDone();
      onClose();
    });
  };

  return (
    <Modal
      open
      title={t(disabling ? 'disableAccountTitle' : 'enableAccountTitle', { name: account.displayName })}
      onCancel={onClose}
      onOk={submit}
      okText={t(disabling ? 'disableAccountConfirm' : 'enableAccount')}
      cancelText={t('cancel')}
      okButtonProps={{ loading: busy, danger: disabling, 'data-testid': 'disable-enable-submit' } as never}
      destroyOnHidden
    >
      <Alert
        type={disabling ? 'warning' : 'info'}
        showIcon
        title={t(disabling ? 'disableAccountWarning' : 'enableAccountHint', { name: account.displayName, username: account.username })}
        style={{ marginBottom: 16 }}
        data-testid="disable-enable-warning"
      />
      {error !== null && !shownOnFields(error, ['reason']) && <ErrorAlert error={error} />}
      <Form form={form} layout="vertical" data-testid="disable-enable-form">
        <Form.Item
          name="reason"
          label={t('reason')}
          rules={[{ required: true, whitespace: true, message: t('reasonRequired') }, { max: 500 }]}
          {...fieldError(error, 'reason', lang)}
        >
          <Input.TextArea rows={2} maxLength={500} data-testid="account-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface RoleValues {
  readonly role: Role;
  readonly unitId?: string;
  readonly branchId?: string;
  readonly reason?: string;
}

export function ChangeRoleDialog({ scope, account, onClose, onDone }: DialogProps & { scope: AdminScope; account: AccountView }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<RoleValues>();
  const role = Form.useWatch('role', form);
  const unitId = Form.useWatch('unitId', form);
  const currentUnit = account.unitId ?? INSTALLATION;
  const branches = useBranches(scope, scope.installation ? unitId || undefined : (account.unitId ?? scope.unit.unitId));
  const { error, setError, busy, run } = useSubmit();

  const submit = async () => {
    const values = await validated(form);
    if (!values) return;
    await run(async () => {
      const unit = scope.installation ? values.unitId : undefined;
      const changed = await api.changeRole(account.accountId, {
        role: values.role,
        // Sent when another unit is picked; left out, the account keeps its own.
        ...(unit && unit !== account.unitId ? { unitId: unit } : {}),
        ...(values.role === 'secretary' && values.branchId ? { branchId: values.branchId } : {}),
        ...(values.reason?.trim() ? { reason: values.reason.trim() } : {}),
      });
      void message.success(t('roleChangedDone', { name: changed.displayName, role: t(`role_${changed.role}`) }));
      await onDone();
      onClose();
    });
  };

  return (
    <Modal
      open
      title={t('changeRoleTitle', { name: account.displayName })}
      onCancel={onClose}
      onOk={submit}
      okText={t('save')}
      cancelText={t('cancel')}
      okButtonProps={{ loading: busy, 'data-testid': 'change-role-submit' } as never}
      destroyOnHidden
    >
      {error !== null && !shownOnFields(error, ['role', 'unitId', 'branchId', 'reason']) && <ErrorAlert error={error} />}
      <Form
        form={form}
        layout="vertical"
        data-testid="change-role-form"
        initialValues={{ role: account.role, unitId: currentUnit, branchId: account.branchId ?? undefined }}
        onValuesChange={(changed: Partial<RoleValues>) => {
          if (error !== null) setError(null);
          if (changed.role && changed.role !== 'administrator' && form.getFieldValue('unitId') === INSTALLATION)
            form.setFieldValue('unitId', scope.unit.unitId);
          if (changed.unitId !== undefined) form.setFieldValue('branchId', undefined);
        }}
      >
        <Form.Item name="role" label={t('role')} rules={[{ required: true }]} {...fieldError(error, 'role', lang)}>
          <RoleSelect testId="role-role" />
        </Form.Item>
        {scope.installation && (
          <Form.Item
            name="unitId"
            label={t('unit')}
            rules={[{ required: role !== 'administrator', message: t('unitRequired') }]}
            {...fieldError(error, 'unitId', lang)}
          >
            {/* An account of a unit cannot become an installation administrator through this route (the API keeps its unit). */}
            <UnitSelect scope={scope} allowInstallation={role === 'administrator' && account.unitId === null} testId="role-unit" />
          </Form.Item>
        )}
        {role === 'secretary' && (
          <Form.Item name="branchId" label={t('branch')} rules={[{ required: true, message: t('branchRequired') }]} {...fieldError(error, 'branchId', lang)}>
            <BranchSelect branches={branches} testId="role-branch" />
          </Form.Item>
        )}
        <Form.Item name="reason" label={t('reasonOptional')} rules={[{ max: 500 }]} {...fieldError(error, 'reason', lang)}>
          <Input.TextArea rows={2} maxLength={500} data-testid="account-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
