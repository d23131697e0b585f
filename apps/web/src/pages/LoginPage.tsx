import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { ApiError } from '../api/client';
import { useSession } from '../auth/session';
import { errorText } from '../components/common';
import { useI18n } from '../i18n/i18n';
import { LanguageSwitch } from '../layout/AppLayout';
import { homeOf } from '../roles';
import { navigate } from '../router';

export function LoginPage() {
  const { t, lang } = useI18n();
  const { login, expired } = useSession();
  const { message } = App.useApp();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (values: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      const account = await login(values.username.trim(), values.password);
      navigate(homeOf(account.role), true);
    } catch (e) {
      setError(e);
      if (!(e instanceof ApiError)) void message.error(errorText(e, lang));
    } finally {
      setBusy(false);
    }
  };
  const wrong = error instanceof ApiError && error.status === 401;

  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        padding: 16,
        boxSizing: 'border-box',
        background: 'linear-gradient(160deg, #7f1212 0%, #b71c1c 45%, #f5f5f5 45%)',
      }}
    >
      <div style={{ position: 'absolute', top: 12, right: 12 }}>
        <LanguageSwitch light />
      </div>
      <Card style={{ width: '100%', maxWidth: 380, boxShadow: '0 8px 30px rgba(0,0,0,.15)' }}>
        <div style={{ textAlign: 'center', marginBottom: 20 }}>
          <div
            style={{
              width: 48,
              height: 48,
              borderRadius: 10,
              background: '#b71c1c',
              color: '#fff',
              display: 'inline-grid',
              placeItems: 'center',
              fontSize: 24,
              fontWeight: 700,
            }}
          >
            台
          </div>
          <Typography.Title level={3} style={{ margin: '12px 0 4px' }}>
            {t('appName')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('loginHint')}</Typography.Text>
        </div>
        {expired && !error && <Alert type="warning" showIcon title={t('sessionExpired')} style={{ marginBottom: 16 }} />}
        {error !== null && (
          <Alert type="error" showIcon title={wrong ? t('loginFailed') : errorText(error, lang)} style={{ marginBottom: 16 }} data-testid="login-error" />
        )}
        <Form layout="vertical" onFinish={submit} requiredMark={false} data-testid="login-form">
          <Form.Item name="username" label={t('username')} rules={[{ required: true, message: t('usernameRequired') }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" data-testid="login-username" size="large" />
          </Form.Item>
          <Form.Item name="password" label={t('password')} rules={[{ required: true, message: t('passwordRequired') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" size="large" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={busy} data-testid="login-submit">
            {t('loginSubmit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
