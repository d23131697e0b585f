// 台账校验: check every hash chain, take the digest to write down, and check the ledger against a digest written down earlier.
import { useState } from 'react';
import { Alert, Button, Card, Col, Input, Result, Row, Space, Table, Tag, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleFilled, DownloadOutlined, LockOutlined, SafetyCertificateOutlined, FieldNumberOutlined } from '@ant-design/icons';
import type { BrokenPlace, DigestCheck, DigestView, VerifyLogReport } from '@campaign-ledger/api-contract';
import * as api from '../api/client';
import { ApiError } from '../api/client';
import { useCampaign } from '../campaign-context';
import { ErrorAlert } from '../components/common';
import { useI18n } from '../i18n/i18n';
import { PageTitle } from './OverviewPage';

/** `v2:<scope>:<events>:<root>`: names no database position, so it survives a restore. */
const DIGEST_V2 = /^v2:([^\s:]+):(\d+):([0-9a-f]{64})$/;
/** The older `v1:<commit>/<prepare>:<root>`, still checked. */
const DIGEST_V1 = /^v1:(\d+)\/(\d+):([0-9a-f]{64})$/;

type ParsedDigest = { version: 'v2'; scope: string; events: number; root: string } | { version: 'v1'; commit: number; prepare: number; root: string };

export function parseDigest(text: string): ParsedDigest | null {
  const v2 = DIGEST_V2.exec(text);
  if (v2) return { version: 'v2', scope: v2[1], events: Number(v2[2]), root: v2[3] };
  const v1 = DIGEST_V1.exec(text);
  return v1 ? { version: 'v1', commit: Number(v1[1]), prepare: Number(v1[2]), root: v1[3] } : null;
}

/** A digest's scope in words: the whole ledger, or a unit by its name. */
function useScopeLabel(): (scope: string) => string {
  const { t } = useI18n();
  const { unit } = useCampaign();
  return (scope) => {
    if (scope === 'all') return t('digestScopeAll');
    const unitId = scope.startsWith('unit.') ? scope.slice('unit.'.length) : null;
    if (unitId !== null) return t('digestScopeUnit', { name: unit?.unitId === unitId ? unit.name : unitId });
    return scope;
  };
}

const isDigestCheck = (r: VerifyLogReport | DigestCheck): r is DigestCheck => 'rootMatches' in r;

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
  const [report, setReport] = useState<VerifyLogReport | null>(null);
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
      {error !== null && (
        <div style={{ marginTop: 16 }}>
          <ErrorAlert error={error} />
        </div>
      )}
      {report && <VerifyResult report={report} />}
    </Card>
  );
}

function VerifyResult({ report }: { report: VerifyLogReport }) {
  const { t } = useI18n();
  const scopeLabel = useScopeLabel();
  const stats = t('verifyStats', { streams: report.streams, events: report.events, position: report.lastPosition ?? '—' });
  return (
    <div data-testid="verify-result" data-ok={String(report.ok)} data-events={report.events} data-broken={report.brokenCount} data-scope={report.scope ?? ''}>
      <Result
        style={{ padding: '24px 0 8px' }}
        status={report.ok ? 'success' : 'error'}
        title={report.ok ? t('verifyOk') : t('verifyBroken', { n: report.brokenCount })}
        subTitle={report.scope ? `${scopeLabel(report.scope)} · ${stats}` : stats}
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
  const scopeLabel = useScopeLabel();
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
    a.download = `ledger-manifest-${digest.scope}-${digest.events}.json`;
    a.click();
    URL.revokeObjectURL(url);
  };
  return (
    <Card title={t('digestTitle')} data-testid="digest-card">
      <Typography.Paragraph type="secondary">{t('digestHint')}</Typography.Paragraph>
      <Button icon={<FieldNumberOutlined />} loading={busy} onClick={() => void take()} data-testid="digest-run">
        {t('digestRun')}
      </Button>
      {error !== null && (
        <div style={{ marginTop: 16 }}>
          <ErrorAlert error={error} />
        </div>
      )}
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
          <Space size={8} wrap>
            <Tag color="blue" data-testid="digest-scope" data-scope={digest.scope}>
              {scopeLabel(digest.scope)}
            </Tag>
            <Typography.Text type="secondary" data-testid="digest-meta" data-events={digest.events}>
              {t('digestMeta', { events: digest.events, streams: digest.streams })}
            </Typography.Text>
          </Space>
          <Alert type="info" showIcon title={t('digestReadsNote')} style={{ margin: '12px 0' }} />
          <Button size="small" icon={<DownloadOutlined />} onClick={download} data-testid="digest-manifest">
            {t('downloadManifest')}
          </Button>
        </div>
      )}
    </Card>
  );
}

type Outcome = { kind: 'server'; check: DigestCheck } | { kind: 'local'; verdict: 'same' | 'changed' | 'later' | 'earlier'; current: string };

/** Without the server's re-check, comparing with the digest now can tell only this much. */
function compareLocally(pasted: ParsedDigest, now: ParsedDigest | null): Extract<Outcome, { kind: 'local' }>['verdict'] {
  if (!now || now.version !== pasted.version) return 'earlier';
  const order =
    pasted.version === 'v2' && now.version === 'v2'
      ? pasted.events - now.events
      : pasted.version === 'v1' && now.version === 'v1'
        ? pasted.commit - now.commit || pasted.prepare - now.prepare
        : 0;
  if (order === 0) return pasted.root === now.root ? 'same' : 'changed';
  return order > 0 ? 'later' : 'earlier';
}

function CompareCard() {
  const { t } = useI18n();
  const scopeLabel = useScopeLabel();
  const [text, setText] = useState('');
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const pasted = text.trim();
  const parsed = parseDigest(pasted);

  const run = async () => {
    if (!parsed) return;
    setBusy(true);
    setError(null);
    setOutcome(null);
    try {
      const answer = await api.verifyLedger(pasted);
      if (isDigestCheck(answer)) setOutcome({ kind: 'server', check: answer });
      else {
        // The server checked the chains only: say what comparing with the digest now can and cannot tell.
        const now = await api.getDigest();
        setOutcome({ kind: 'local', verdict: compareLocally(parsed, parseDigest(now.digest)), current: now.digest });
      }
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const otherScope = error instanceof ApiError && error.body.error === 'AUDIT.DIGEST_SCOPE';
  return (
    <Card title={t('compareTitle')} data-testid="compare-card">
      <Typography.Paragraph type="secondary">{t('compareHint')}</Typography.Paragraph>
      <Space.Compact style={{ width: '100%' }}>
        <Input
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder="v2:unit.demo-unit:1234:0f3a…"
          status={pasted && !parsed ? 'error' : undefined}
          style={{ fontFamily: 'monospace' }}
          data-testid="compare-input"
        />
        <Button type="primary" onClick={() => void run()} disabled={!parsed} loading={busy} data-testid="compare-run">
          {t('compareRun')}
        </Button>
      </Space.Compact>
      {pasted && !parsed && (
        <Typography.Text type="danger" data-testid="compare-invalid">
          {t('compareInvalid')}
        </Typography.Text>
      )}
      {parsed && (
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8 }} data-testid="compare-parsed" data-version={parsed.version}>
          {parsed.version === 'v2'
            ? t('compareParsedV2', { scope: scopeLabel(parsed.scope), n: parsed.events })
            : t('compareParsedV1', { position: `${parsed.commit}/${parsed.prepare}` })}
        </Typography.Text>
      )}
      {otherScope ? (
        <Alert
          style={{ marginTop: 16 }}
          type="error"
          showIcon
          title={t('compareOtherScope')}
          description={(error as ApiError).body.message}
          data-testid="compare-scope-error"
        />
      ) : (
        error !== null && (
          <div style={{ marginTop: 16 }}>
            <ErrorAlert error={error} />
          </div>
        )
      )}
      {outcome && <CompareOutcome outcome={outcome} digest={pasted} />}
    </Card>
  );
}

function CompareOutcome({ outcome, digest }: { outcome: Outcome; digest: string }) {
  const { t } = useI18n();
  const scopeLabel = useScopeLabel();
  if (outcome.kind === 'server') {
    const c = outcome.check;
    const title = c.rootMatches ? t('compareServerOk', { n: c.eventsSince }) : t('compareServerChanged');
    return (
      <Alert
        style={{ marginTop: 16 }}
        type={c.ok ? 'success' : 'error'}
        icon={c.ok ? <CheckCircleFilled /> : <CloseCircleFilled />}
        showIcon
        title={title}
        description={
          <div>
            <div data-testid="compare-facts">
              {t('compareFacts', {
                version: c.version,
                scope: scopeLabel(c.scope),
                n: c.eventsAtDigestThen ?? c.eventsAtDigest,
                since: c.eventsSince,
              })}
            </div>
            {!c.rootMatches && c.eventsAtDigestThen !== null && c.eventsAtDigest < c.eventsAtDigestThen && (
              <div>{t('compareEventsMissing', { now: c.eventsAtDigest, then: c.eventsAtDigestThen })}</div>
            )}
            {c.firstDifference && (
              <div data-testid="compare-first-difference" data-from={c.firstDifference.fromEvent} data-to={c.firstDifference.toEvent}>
                {t('compareFirstDifference', { from: c.firstDifference.fromEvent, to: c.firstDifference.toEvent })}
              </div>
            )}
            {!c.verify.ok && <div>{t('verifyBroken', { n: c.verify.brokenCount })}</div>}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {c.message}
            </Typography.Text>
          </div>
        }
        data-testid="compare-result"
        data-ok={String(c.ok)}
        data-version={c.version}
        data-scope={c.scope}
      />
    );
  }
  const type = outcome.verdict === 'same' ? 'success' : outcome.verdict === 'earlier' ? 'info' : 'error';
  const title =
    outcome.verdict === 'same'
      ? t('compareSame')
      : outcome.verdict === 'changed'
        ? t('compareSamePositionDifferentRoot')
        : outcome.verdict === 'later'
          ? t('compareLater')
          : t('compareEarlierNoServer');
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
