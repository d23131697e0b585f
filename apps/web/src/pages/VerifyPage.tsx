// 台账校验: check every hash chain, take the digest to write down, and check the ledger against a digest written down earlier.
import { useState } from 'react';
import { Alert, Button, Card, Col, Input, Result, Row, Space, Table, Tag, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleFilled, DownloadOutlined, LockOutlined, SafetyCertificateOutlined, FieldNumberOutlined } from '@ant-design/icons';
import * as api from '../api/client';
import type { BrokenPlace, DigestCheck, DigestView, VerifyReport } from '../api/audit-types';
import { ErrorAlert } from '../components/common';
import { useI18n } from '../i18n/i18n';
import { PageTitle } from './OverviewPage';

const DIGEST = /^v1:(\d+)\/(\d+):([0-9a-f]{64})$/;

const isDigestCheck = (r: VerifyReport | DigestCheck): r is DigestCheck => 'rootMatches' in r;

export default function VerifyPage() {
  const { t } = useI18n();
  return (
    <div>
      <PageTitle title={t('verifyTitle')} extra={<Tag icon={<LockOutlined />}>{t('readOnly')}</Tag>} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <ChainsCard />
        </Col>
        <Col xs={24} xl={12}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <DigestCard />
            <CompareCard />
          </Space>
        </Col>
      </Row>
    </div>
  );
}

function ChainsCard() {
  const { t } = useI18n();
  const [report, setReport] = useState<VerifyReport | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      const answer = await api.verifyLedger();
      setReport(isDigestCheck(answer) ? answer.verify : answer);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={t('verifyChains')} data-testid="verify-card">
      <Typography.Paragraph type="secondary">{t('verifyChainsHint')}</Typography.Paragraph>
      <Button type="primary" icon={<SafetyCertificateOutlined />} loading={busy} onClick={() => void run()} data-testid="verify-run">
        {t('verifyRun')}
      </Button>
      {error !== null && <div style={{ marginTop: 16 }}><ErrorAlert error={error} /></div>}
      {report && <VerifyResult report={report} />}
    </Card>
  );
}

function VerifyResult({ report }: { report: VerifyReport }) {
  const { t } = useI18n();
  return (
    <div data-testid="verify-result" data-ok={String(report.ok)} data-events={report.events} data-broken={report.brokenCount}>
      <Result
        style={{ padding: '24px 0 8px' }}
        status={report.ok ? 'success' : 'error'}
        title={report.ok ? t('verifyOk') : t('verifyBroken', { n: report.brokenCount })}
        subTitle={t('verifyStats', { streams: report.streams, events: report.events, position: report.lastPosition ?? '—' })}
      />
      {report.broken.length > 0 && (
        <Table<BrokenPlace>
          rowKey={(b) => `${b.streamId}-${b.revision}-${b.reason}`}
          size="small"
          dataSource={report.broken as BrokenPlace[]}
          pagination={{ pageSize: 20, hideOnSinglePage: true, size: 'small' }}
          scroll={{ x: 640 }}
          onRow={() => ({ 'data-testid': 'broken-row' }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { title: t('streamId'), dataIndex: 'streamId', width: 200, ellipsis: true },
            { title: t('revision'), dataIndex: 'revision', width: 80 },
            { title: t('status'), key: 'reason', width: 200, render: (_, b) => <Tag color="error">{t(`breakReason_${b.reason}`)}</Tag> },
            { title: t('content'), dataIndex: 'message' },
          ]}
        />
      )}
    </div>
  );
}

function DigestCard() {
  const { t } = useI18n();
  const [digest, setDigest] = useState<DigestView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const take = async () => {
    setBusy(true);
    setError(null);
    try {
      setDigest(await api.getDigest());
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const download = () => {
    if (!digest) return;
    const blob = new Blob([JSON.stringify(digest.manifest, null, 2)], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = `ledger-manifest-${digest.position.replace('/', '-')}.json`;
    a.click();
    URL.revokeObjectURL(url);
  };
  return (
    <Card title={t('digestTitle')} data-testid="digest-card">
      <Typography.Paragraph type="secondary">{t('digestHint')}</Typography.Paragraph>
      <Button icon={<FieldNumberOutlined />} loading={busy} onClick={() => void take()} data-testid="digest-run">
        {t('digestRun')}
      </Button>
      {error !== null && <div style={{ marginTop: 16 }}><ErrorAlert error={error} /></div>}
      {digest && (
        <div style={{ marginTop: 16 }}>
          <Typography.Paragraph
            code
            copyable
            style={{ wordBreak: 'break-all', fontSize: 13, background: '#fafafa', padding: 8, borderRadius: 6 }}
            data-testid="digest-value"
          >
            {digest.digest}
          </Typography.Paragraph>
          <Typography.Text type="secondary">{t('digestMeta', { position: digest.position, events: digest.events, streams: digest.streams })}</Typography.Text>
          <Alert type="info" showIcon title={t('digestReadsNote')} style={{ margin: '12px 0' }} />
          <Button size="small" icon={<DownloadOutlined />} onClick={download} data-testid="digest-manifest">
            {t('downloadManifest')}
          </Button>
        </div>
      )}
    </Card>
  );
}

type Outcome =
  | { kind: 'server'; check: DigestCheck }
  | { kind: 'local'; verdict: 'same' | 'changed' | 'later' | 'earlier'; current: string };

function CompareCard() {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const pasted = text.trim();
  const valid = DIGEST.test(pasted);

  const run = async () => {
    if (!valid) return;
    setBusy(true);
    setError(null);
    setOutcome(null);
    try {
      const answer = await api.verifyLedger(pasted);
      if (isDigestCheck(answer)) setOutcome({ kind: 'server', check: answer });
      else {
        // The server checks chains only: say what comparing with the digest now can and cannot tell.
        const now = await api.getDigest();
        const [, pc, pp, root] = DIGEST.exec(pasted) ?? [];
        const [, nc, np, nowRoot] = DIGEST.exec(now.digest) ?? [];
        const order = Number(pc) - Number(nc) || Number(pp) - Number(np);
        const verdict = order === 0 ? (root === nowRoot ? 'same' : 'changed') : order > 0 ? 'later' : 'earlier';
        setOutcome({ kind: 'local', verdict, current: now.digest });
      }
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={t('compareTitle')} data-testid="compare-card">
      <Typography.Paragraph type="secondary">{t('compareHint')}</Typography.Paragraph>
      <Space.Compact style={{ width: '100%' }}>
        <Input
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder="v1:123456/789:0f3a…"
          status={pasted && !valid ? 'error' : undefined}
          style={{ fontFamily: 'monospace' }}
          data-testid="compare-input"
        />
        <Button type="primary" onClick={() => void run()} disabled={!valid} loading={busy} data-testid="compare-run">
          {t('compareRun')}
        </Button>
      </Space.Compact>
      {pasted && !valid && <Typography.Text type="danger">{t('compareInvalid')}</Typography.Text>}
      {error !== null && <div style={{ marginTop: 16 }}><ErrorAlert error={error} /></div>}
      {outcome && <CompareOutcome outcome={outcome} digest={pasted} />}
    </Card>
  );
}

function CompareOutcome({ outcome, digest }: { outcome: Outcome; digest: string }) {
  const { t } = useI18n();
  if (outcome.kind === 'server') {
    const c = outcome.check;
    return (
      <Alert
        style={{ marginTop: 16 }}
        type={c.ok ? 'success' : 'error'}
        icon={c.ok ? <CheckCircleFilled /> : <CloseCircleFilled />}
        showIcon
        title={c.rootMatches ? t('compareServerOk', { n: c.eventsSince }) : t('compareServerChanged')}
        description={c.message}
        data-testid="compare-result"
        data-ok={String(c.ok)}
      />
    );
  }
  const type = outcome.verdict === 'same' ? 'success' : outcome.verdict === 'earlier' ? 'info' : 'error';
  const title =
    outcome.verdict === 'same' ? t('compareSame') : outcome.verdict === 'changed' ? t('compareSamePositionDifferentRoot') : outcome.verdict === 'later' ? t('compareLater') : t('compareEarlierNoServer');
  return (
    <Alert
      style={{ marginTop: 16 }}
      type={type}
      showIcon
      title={title}
      data-testid="compare-result"
      data-verdict={outcome.verdict}
      description={
        outcome.verdict === 'earlier' ? (
          <Typography.Text code copyable style={{ wordBreak: 'break-all' }}>{`ledger verify --against ${digest}`}</Typography.Text>
        ) : undefined
      }
    />
  );
}
