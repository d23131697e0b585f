// 修改密码: any signed-in user changes their own password; the server ends every earlier token, the session keeps the new one.
import { Alert, App, Form, Input, Modal } from 'antd';
import { ApiError } from '../api/client';
import { useSession } from '../auth/session';
import { useSubmit } from '../hooks/useSubmit';
import { useI18n } from '../i18n/i18n';
import { ErrorAlert, fieldError, shownOnFields } from './common';
import { validated } from './forms';

export const MIN_PASSWORD = 8;

interface Values {
  readonly currentPassword: string;
  readonly newPassword: string;
  readonly confirmPassword: string;
}

export function ChangePasswordDialog({ onClose }: { onClose: () => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const { changePassword } = useSession();
  const [form] = Form.useForm<Values>();
  const { error, setError, busy, run } = useSubmit();

  const submit = async () => {
    const values = await validated(form);
    if (!values) return;
    await run(async () => {
      await changePassword(values.currentPassword, values.newPassword);
      void message.success({ content: t('passwordChanged'), duration: 6 });
      onClose();
    });
  };

  const wrongCurrent = error instanceof ApiError && error.status === 403;
  const onFields = shownOnFields(error, ['currentPassword', 'newPassword']);
  return (
    <Modal
      open
      title={t('changePassword')}
      onCancel={onClose}
      onOk={submit}
      okText={t('save')}
      cancelText={t('cancel')}
      okButtonProps={{ loading: busy, 'data-testid': 'password-submit' } as never}
      destroyOnHidden
    >
      <Alert type="info" showIcon title={t('changePasswordHint')} style={{ marginBottom: 16 }} />
      {error !== null && !wrongCurrent && !onFields && <ErrorAlert error={error} />}
      <Form form={form} layout="vertical" data-testid="password-form" onValuesChange={() => error !== null && setError(null)}>
        <Form.Item
          name="currentPassword"
          label={t('currentPassword')}
          rules={[{ required: true, message: t('passwordRequired') }]}
          {...(wrongCurrent ? { validateStatus: 'error' as const, help: t('currentPasswordWrong') } : fieldError(error, 'currentPassword', lang))}
        >
          <Input.Password autoComplete="current-password" data-testid="password-current" />
        </Form.Item>
        <NewPasswordFields error={error} name="newPassword" />
      </Form>
    </Modal>
  );
}

/**
 * A new password typed twice (8 characters at least, as the server requires); the API's errors for `apiField` (its name
 * for the password, when the form names it otherwise) show on the first.
 */
export function NewPasswordFields({ error, name, label, apiField }: { error: unknown; name: string; label?: string; apiField?: string }) {
  const { t, lang } = useI18n();
  return (
    <>
      <Form.Item
        name={name}
        label={label ?? t('newPassword')}
        extra={t('passwordRule', { n: MIN_PASSWORD })}
        rules={[
          { required: true, message: t('newPasswordRequired') },
          { min: MIN_PASSWORD, message: t('passwordRule', { n: MIN_PASSWORD }) },
          { max: 200, message: t('passwordTooLong') },
        ]}
        {...fieldError(error, apiField ?? name, lang)}
      >
        <Input.Password autoComplete="new-password" data-testid="password-new" />
      </Form.Item>
      <Form.Item
        name="confirmPassword"
        label={t('confirmPassword')}
        dependencies={[name]}
        rules={[
          { required: true, message: t('confirmPasswordRequired') },
          ({ getFieldValue }) => ({
            validator: (_, value: string | undefined) =>
              !value || value === getFieldValue(name) ? Promise.resolve() : Promise.reject(new Error(t('passwordsDiffer'))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" data-testid="password-confirm" />
      </Form.Item>
    </>
  );
}
