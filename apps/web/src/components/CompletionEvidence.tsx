// A completed instance's note and evidence files: each file previewed (images, PDF) or downloaded with its original name.
// Files are fetched with the session's Authorization header and shown from blob: URLs, so no token is ever put in a URL.
import { useEffect, useState } from 'react';
import { App, Button, Empty, Image, List, Modal, Skeleton, Space, Tag, Typography } from 'antd';
import { DownloadOutlined, EyeOutlined, PaperClipOutlined } from '@ant-design/icons';
import type { CampaignView, ReadModelInstance, Role } from '@campaign-ledger/api-contract';
import * as api from '../api/client';
import { useAccount } from '../auth/session';
import { useI18n } from '../i18n/i18n';
import { taskTitle } from '../labels';
import { ErrorAlert } from './common';

/** An evidence file as the log names it (the history knows no content type: the name's extension then decides). */
export interface EvidenceFileRef {
  readonly sha256: string;
  readonly fileName: string | null;
  readonly contentType?: string;
  readonly size?: number;
}

/**
 * Who may open evidence: GET /api/evidence/:sha256 has no role restriction, only the branch-work scope (a secretary reads
 * their own branch, everyone else their unit's): every role that is shown a branch's instances.
 */
const EVIDENCE_ROLES: readonly Role[] = ['secretary', 'leading_group', 'auditor', 'administrator'];
export const mayOpenEvidence = (role: Role, ownBranch: string | null, branchId: string) =>
  EVIDENCE_ROLES.includes(role) && (role !== 'secretary' || ownBranch === branchId);

type PreviewKind = 'image' | 'pdf' | null;

export function previewKind(file: EvidenceFileRef): PreviewKind {
  const type = (file.contentType ?? '').toLowerCase();
  const name = (file.fileName ?? '').toLowerCase();
  if (type.startsWith('image/') || /\.(png|jpe?g|gif|webp|bmp|svg)$/.test(name)) return 'image';
  if (type === 'application/pdf' || name.endsWith('.pdf')) return 'pdf';
  return null;
}

const contentTypeOf = (file: EvidenceFileRef, kind: PreviewKind): string | undefined => {
  if (file.contentType) return file.contentType;
  if (kind === 'pdf') return 'application/pdf';
  const ext = /\.([a-z]+)$/.exec((file.fileName ?? '').toLowerCase())?.[1];
  return kind === 'image' && ext ? `image/${ext === 'jpg' ? 'jpeg' : ext === 'svg' ? 'svg+xml' : ext}` : undefined;
};

/** Preview and download buttons for one file of a branch's work. */
export function EvidenceFileActions({ campaignId, branchId, file }: { campaignId: string; branchId: string; file: EvidenceFileRef }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [previewing, setPreviewing] = useState(false);
  const [busy, setBusy] = useState(false);
  const kind = previewKind(file);
  const name = file.fileName ?? file.sha256;
  const ref = { sha256: file.sha256, fileName: name, contentType: contentTypeOf(file, kind) };
  const download = async () => {
    setBusy(true);
    try {
      api.saveBlob(await api.fetchEvidence(campaignId, branchId, ref), name);
    } catch (error) {
      void message.error(`${t('evidenceLoadFailed')}: ${(error as Error).message}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space size={4} wrap>
      {kind && (
        <Button size="small" icon={<EyeOutlined />} onClick={() => setPreviewing(true)} data-testid="evidence-preview" data-file={name}>
          {t('previewEvidence')}
        </Button>
      )}
      <Button size="small" icon={<DownloadOutlined />} loading={busy} onClick={() => void download()} data-testid="evidence-download" data-file={name}>
        {t('downloadEvidence')}
      </Button>
      {previewing && kind && <EvidencePreview campaignId={campaignId} branchId={branchId} file={ref} kind={kind} onClose={() => setPreviewing(false)} />}
    </Space>
  );
}

function EvidencePreview({
  campaignId,
  branchId,
  file,
  kind,
  onClose,
}: {
  campaignId: string;
  branchId: string;
  file: { sha256: string; fileName: string; contentType?: string };
  kind: 'image' | 'pdf';
  onClose: () => void;
}) {
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let live = true;
    let made: string | null = null;
    api.fetchEvidence(campaignId, branchId, file).then(
      (blob) => {
        if (!live) return;
        made = URL.createObjectURL(blob);
        setUrl(made);
      },
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
      if (made) URL.revokeObjectURL(made);
    };
    // The file is named by its hash: nothing else changes what is shown.
  }, [campaignId, branchId, file.sha256]);
  return (
    <Modal
      open
      title={file.fileName}
      onCancel={onClose}
      footer={null}
      width="min(960px, calc(100vw - 16px))"
      destroyOnHidden
      data-testid="evidence-preview-modal"
    >
      {error !== null && <ErrorAlert error={error} />}
      {!url && error === null && <Skeleton active />}
      {url && kind === 'image' && (
        <div style={{ textAlign: 'center' }}>
          <Image src={url} alt={file.fileName} style={{ maxWidth: '100%', maxHeight: '70vh' }} data-testid="evidence-image" />
        </div>
      )}
      {url && kind === 'pdf' && <iframe src={url} title={file.fileName} style={{ width: '100%', height: '70vh', border: 'none' }} data-testid="evidence-pdf" />}
    </Modal>
  );
}

/** The button on a completed instance: its paperclip count; it opens the note and the files. */
export function CompletionDetailsButton({ campaign, branchId, instance }: { campaign: CampaignView; branchId: string; instance: ReadModelInstance }) {
  const { t } = useI18n();
  const account = useAccount();
  const [open, setOpen] = useState(false);
  if (instance.status !== 'completed' || !mayOpenEvidence(account.role, account.branchId, branchId)) {
    return instance.evidence.length > 0 ? <Tag icon={<PaperClipOutlined />}>{instance.evidence.length}</Tag> : null;
  }
  return (
    <>
      <Button
        size="small"
        type="link"
        icon={<PaperClipOutlined />}
        onClick={() => setOpen(true)}
        style={{ paddingInline: 4, height: 22 }}
        data-testid="completion-details"
        data-key={instance.instanceKey}
      >
        {instance.evidence.length > 0 ? `${t('completionDetails')} ${instance.evidence.length}` : t('completionDetails')}
      </Button>
      {open && <CompletionDetails campaign={campaign} branchId={branchId} instance={instance} onClose={() => setOpen(false)} />}
    </>
  );
}

function CompletionDetails({
  campaign,
  branchId,
  instance,
  onClose,
}: {
  campaign: CampaignView;
  branchId: string;
  instance: ReadModelInstance;
  onClose: () => void;
}) {
  const { t, lang } = useI18n();
  const [work, setWork] = useState<Awaited<ReturnType<typeof api.getBranchWork>> | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    const abort = new AbortController();
    api.getBranchWork(campaign.campaignId, branchId, abort.signal).then(setWork, (e: unknown) => {
      if ((e as Error).name !== 'AbortError') setError(e);
    });
    return () => abort.abort();
  }, [campaign.campaignId, branchId]);
  const completion = work?.instances.find((i) => i.instanceKey === instance.instanceKey)?.completion ?? null;
  return (
    <Modal
      open
      title={t('completionDetailsTitle', { title: taskTitle(campaign, instance.taskId, instance.title, lang) })}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
      data-testid="completion-details-modal"
    >
      {error !== null && <ErrorAlert error={error} />}
      {!work && error === null && <Skeleton active />}
      {work && !completion && <Empty description={t('noData')} />}
      {completion && (
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <div>
            <Typography.Text type="secondary">{`${t('note')} · ${t('completedOn')} ${completion.completedOn}`}</Typography.Text>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: '4px 0 0' }} data-testid="completion-note">
              {completion.note || <Typography.Text type="secondary">{t('noNote')}</Typography.Text>}
            </Typography.Paragraph>
          </div>
          <div>
            <Typography.Text type="secondary">{t('evidenceFiles')}</Typography.Text>
            {completion.evidence.length === 0 ? (
              <div>
                <Typography.Text type="secondary">{t('noEvidence')}</Typography.Text>
              </div>
            ) : (
              <List
                size="small"
                dataSource={[...completion.evidence]}
                renderItem={(file) => (
                  <List.Item key={file.sha256} data-testid="evidence-file" data-file={file.fileName} style={{ flexWrap: 'wrap', gap: 8, paddingInline: 0 }}>
                    <Typography.Text style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
                      <PaperClipOutlined /> {file.fileName}
                    </Typography.Text>
                    <EvidenceFileActions campaignId={campaign.campaignId} branchId={branchId} file={file} />
                  </List.Item>
                )}
              />
            )}
          </div>
        </Space>
      )}
    </Modal>
  );
}
