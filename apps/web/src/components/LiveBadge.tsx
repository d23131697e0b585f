import { Space, Tag, Tooltip, Typography } from 'antd';
import { SyncOutlined, ThunderboltOutlined } from '@ant-design/icons';
import type { LiveMode } from '../hooks/useLive';
import { useI18n } from '../i18n/i18n';

export function LiveBadge({ mode, asOf }: { mode: LiveMode; asOf?: string }) {
  const { t } = useI18n();
  return (
    <Space size={8} wrap>
      {asOf && <Typography.Text type="secondary">{t('asOf', { date: asOf })}</Typography.Text>}
      <Tooltip title={t('liveHint')}>
        <Tag
          icon={mode === 'live' ? <ThunderboltOutlined /> : <SyncOutlined spin={mode === 'connecting'} />}
          color={mode === 'live' ? 'success' : 'default'}
          data-testid="live-mode"
          data-mode={mode}
        >
          {mode === 'live' ? t('live') : t('polling')}
        </Tag>
      </Tooltip>
    </Space>
  );
}
