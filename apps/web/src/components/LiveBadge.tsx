import { Space, Tag, Tooltip, Typography } from 'antd';
import { DisconnectOutlined, SyncOutlined, ThunderboltOutlined } from '@ant-design/icons';
import type { LiveMode } from '../hooks/useLive';
import { useI18n } from '../i18n/i18n';

/**
 * 实时 / Live while the figures follow the server (pushed, or read every 1.5 s while the push connection is being
 * restored), 离线 / Offline while the server cannot be reached. `data-mode` says which way, for tests.
 */
export function LiveBadge({ mode, asOf }: { mode: LiveMode; asOf?: string }) {
  const { t } = useI18n();
  const offline = mode === 'offline';
  const hint = offline ? t('offlineBadgeHint') : mode === 'polling' ? t('liveFallbackHint') : t('liveHint');
  const icon = offline ? <DisconnectOutlined /> : mode === 'live' ? <ThunderboltOutlined /> : <SyncOutlined spin={mode === 'connecting'} />;
  return (
    <Space size={8} wrap>
      {asOf && <Typography.Text type="secondary">{t('asOf', { date: asOf })}</Typography.Text>}
      <Tooltip title={hint}>
        <Tag icon={icon} color={offline ? 'error' : mode === 'live' ? 'success' : 'default'} data-testid="live-mode" data-mode={mode}>
          {offline ? t('offline') : t('live')}
        </Tag>
      </Tooltip>
    </Space>
  );
}
