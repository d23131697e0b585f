// 名册导入: choose a CSV or XLSX roster, preview what it would do (the API's dry run), then import it — only when no row
// is refused, since an import writes all of its rows or none.
import { useState } from 'react';
import { Alert, App, Button, Card, Col, Collapse, Grid, Row, Space, Statistic, Table, Tag, Typography, Upload } from 'antd';
import { CloudUploadOutlined, DownloadOutlined, EyeOutlined, UploadOutlined } from '@ant-design/icons';
import type { OrganisationView, RefusedRosterRow, RosterField, RosterImportAnswer } from '@campaign-ledger/api-contract';
import * as api from '../../api/client';
import { ErrorAlert } from '../../components/common';
import { useI18n, type DictKey } from '../../i18n/i18n';

export const MAX_ROSTER_BYTES = 5 * 1024 * 1024;

/** The columns the API reads, in file order, with the header it accepts in each language (either may be used). */
const COLUMNS: readonly { field: RosterField; zh: string; en: string; required: boolean; hint: DictKey }[] = [
  { field: 'branchId', zh: '支部编号', en: 'branchId', required: true, hint: 'rosterHint_branchId' },
  { field: 'branchName', zh: '支部名称', en: 'branchName', required: false, hint: 'rosterHint_branchName' },
  { field: 'secretaryName', zh: '书记', en: 'secretaryName', required: false, hint: 'rosterHint_secretaryName' },
  { field: 'memberId', zh: '党员编号', en: 'memberId', required: true, hint: 'rosterHint_memberId' },
  { field: 'name', zh: '姓名', en: 'name', required: true, hint: 'rosterHint_name' },
  { field: 'isLeader', zh: '是否党组成员', en: 'isLeader', required: false, hint: 'rosterHint_isLeader' },
  { field: 'joinedOn', zh: '入党或加入日期', en: 'joinedOn', required: false, hint: 'rosterHint_joinedOn' },
];

/** A CSV (UTF-8 with BOM, so that Excel reads the Chinese) with the headers and one example row. */
function downloadTemplate(unit: OrganisationView) {
  const branch = unit.branches[0];
  const rows = [
    COLUMNS.map((c) => c.zh),
    [branch?.branchId ?? 'B01', branch?.name ?? '第一党支部', branch?.secretaryName ?? '张书记', 'M901', '王小明', '否', '2009-03-16'],
  ];
  const csv = `\uFEFF${rows.map((r) => r.join(',')).join('\r\n')}\r\n`;
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = '名册模板-roster-template.csv';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function RosterImportTab({ unit, onImported }: { unit: OrganisationView; onImported: () => Promise<void> }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<RosterImportAnswer | null>(null);
  const [busy, setBusy] = useState<'preview' | 'import' | null>(null);
  const [error, setError] = useState<unknown>(null);

  const choose = (chosen: File | null) => {
    setFile(chosen);
    setReport(null);
    setError(null);
  };

  const run = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(dryRun ? 'preview' : 'import');
    setError(null);
    try {
      const answer = await api.importRoster(unit.unitId, file, dryRun);
      setReport(answer);
      if (answer.written) {
        void message.success(t('rosterImported', { branches: answer.branchesCreated.length, members: answer.membersJoined.length }));
        await onImported();
      }
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  const tooLarge = file !== null && file.size > MAX_ROSTER_BYTES;
  const previewed = report !== null && !report.written;
  const canImport = previewed && report.dryRun && report.refused.length === 0 && report.events > 0 && busy === null;

  return (
    <div>
      <Collapse
        size="small"
        style={{ marginBottom: 16 }}
        items={[{ key: 'columns', label: <span data-testid="roster-columns-toggle">{t('rosterColumnsTitle')}</span>, children: <ColumnsNote unit={unit} /> }]}
      />
      <Card size="small" title={t('rosterChooseTitle', { unit: unit.name })}>
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <Upload
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            maxCount={1}
            fileList={file ? [{ uid: 'roster', name: file.name, status: tooLarge ? 'error' : 'done', size: file.size }] : []}
            beforeUpload={(chosen) => {
              choose(chosen);
              return false;
            }}
            onRemove={() => choose(null)}
            data-testid="roster-upload"
          >
            <Button icon={<UploadOutlined />} data-testid="roster-choose">
              {t('rosterChoose')}
            </Button>
          </Upload>
          {tooLarge && <Alert type="error" showIcon title={t('rosterTooLarge')} />}
          <Space wrap>
            <Button
              icon={<EyeOutlined />}
              disabled={!file || tooLarge || busy !== null}
              loading={busy === 'preview'}
              onClick={() => void run(true)}
              data-testid="roster-preview"
            >
              {t('rosterPreview')}
            </Button>
            <Button
              type="primary"
              icon={<CloudUploadOutlined />}
              disabled={!canImport}
              loading={busy === 'import'}
              onClick={() => void run(false)}
              data-testid="roster-import"
            >
              {t('rosterImport')}
            </Button>
          </Space>
          {!file && <Typography.Text type="secondary">{t('rosterStepsHint')}</Typography.Text>}
        </Space>
      </Card>
      {error !== null && (
        <div style={{ marginTop: 16 }}>
          <ErrorAlert error={error} />
        </div>
      )}
      {report && <ImportReport report={report} unit={unit} />}
    </div>
  );
}

function ImportReport({ report, unit }: { report: RosterImportAnswer; unit: OrganisationView }) {
  const { t } = useI18n();
  const refusedRows = new Set(report.refused.map((r) => r.row)).size;
  const branchNames = report.branchesCreated.map((id) => unit.branches.find((b) => b.branchId === id)?.name).filter((n): n is string => Boolean(n));
  const figures: { key: string; label: DictKey; value: number; colour?: string }[] = [
    { key: 'rows', label: 'rosterRows', value: report.rows },
    { key: 'accepted', label: 'rosterAccepted', value: report.accepted },
    { key: 'unchanged', label: 'rosterUnchanged', value: report.unchanged },
    { key: 'branches', label: report.written ? 'rosterBranchesCreated' : 'rosterBranchesToCreate', value: report.branchesCreated.length },
    { key: 'members', label: report.written ? 'rosterMembersJoined' : 'rosterMembersToJoin', value: report.membersJoined.length },
    { key: 'refused', label: 'rosterRefusedRows', value: refusedRows, colour: refusedRows > 0 ? '#cf1322' : undefined },
  ];
  return (
    <Card
      style={{ marginTop: 16 }}
      title={report.written ? t('rosterResultTitle') : t('rosterPreviewTitle')}
      data-testid={report.written ? 'roster-result' : 'roster-report'}
      data-refused={report.refused.length}
      extra={<Tag>{report.format.toUpperCase()}</Tag>}
    >
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        {figures.map((f) => (
          <Col xs={12} sm={8} lg={4} key={f.key}>
            <div data-testid={`roster-${f.key}`} data-value={f.value}>
              <Statistic title={t(f.label)} value={f.value} styles={{ content: f.colour ? { color: f.colour } : undefined }} />
            </div>
          </Col>
        ))}
      </Row>
      {report.written ? (
        <Alert
          type="success"
          showIcon
          title={t('rosterImported', { branches: report.branchesCreated.length, members: report.membersJoined.length })}
          description={branchNames.length > 0 ? t('rosterNewBranches', { names: branchNames.join('、') }) : undefined}
          data-testid="roster-result-message"
        />
      ) : report.refused.length > 0 ? (
        <Alert type="error" showIcon title={t('rosterRefused', { n: refusedRows })} style={{ marginBottom: 12 }} data-testid="roster-refused-message" />
      ) : report.events === 0 ? (
        <Alert type="info" showIcon title={t('rosterNothingToDo')} data-testid="roster-nothing" />
      ) : (
        <Alert
          type="success"
          showIcon
          title={t('rosterReady', { branches: report.branchesCreated.length, members: report.membersJoined.length })}
          data-testid="roster-ready"
        />
      )}
      {report.ignoredColumns.length > 0 && (
        <Alert type="info" showIcon style={{ marginTop: 12 }} title={t('rosterIgnoredColumns', { columns: report.ignoredColumns.join('、') })} />
      )}
      {report.refused.length > 0 && <RefusedTable refused={report.refused} />}
    </Card>
  );
}

function RefusedTable({ refused }: { refused: readonly RefusedRosterRow[] }) {
  const { t, lang } = useI18n();
  // On a phone the column goes into the reason's cell: three columns there would leave the reason no room.
  const narrow = !Grid.useBreakpoint().md;
  const column = (field: RosterField | undefined) => {
    const c = COLUMNS.find((x) => x.field === field);
    return c ? t(`rosterCol_${c.field}`) : '—';
  };
  return (
    <Table<RefusedRosterRow>
      style={{ marginTop: 12 }}
      rowKey={(r) => `${r.row}-${r.field ?? ''}-${r.reason}`}
      size="small"
      dataSource={refused as RefusedRosterRow[]}
      pagination={{ pageSize: 20, hideOnSinglePage: true, size: 'small' }}
      onRow={(r) => ({ 'data-testid': 'refused-row', 'data-row': r.row, 'data-field': r.field ?? '' }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        { title: t('rosterRowNumber'), dataIndex: 'row', width: narrow ? 56 : 80 },
        ...(narrow ? [] : [{ title: t('rosterColumn'), dataIndex: 'field', width: 150, render: (f: RosterField | undefined) => column(f) }]),
        {
          title: narrow ? `${t('rosterColumn')} · ${t('rosterReason')}` : t('rosterReason'),
          key: 'reason',
          render: (_: unknown, r: RefusedRosterRow) => (
            <span style={{ wordBreak: 'break-word' }}>
              {narrow && (
                <Typography.Text strong style={{ display: 'block' }}>
                  {column(r.field)}
                </Typography.Text>
              )}
              {lang === 'zh' && r.reasonZh ? r.reasonZh : r.reason}
            </span>
          ),
        },
      ]}
    />
  );
}

function ColumnsNote({ unit }: { unit: OrganisationView }) {
  const { t } = useI18n();
  return (
    <div data-testid="roster-columns">
      <Typography.Paragraph type="secondary">{t('rosterFormatHint')}</Typography.Paragraph>
      <Table
        rowKey="field"
        size="small"
        pagination={false}
        scroll={{ x: 560 }}
        dataSource={COLUMNS as (typeof COLUMNS)[number][]}
        columns={[
          { title: t('rosterHeaderZh'), dataIndex: 'zh', width: 130, render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
          { title: t('rosterHeaderEn'), dataIndex: 'en', width: 130, render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
          { title: t('rosterRequired'), dataIndex: 'required', width: 80, render: (r: boolean) => (r ? <Tag color="red">{t('yes')}</Tag> : t('no')) },
          { title: t('rosterMeaning'), dataIndex: 'hint', render: (k: DictKey) => t(k) },
        ]}
      />
      <Button size="small" icon={<DownloadOutlined />} style={{ marginTop: 12 }} onClick={() => downloadTemplate(unit)} data-testid="roster-template">
        {t('rosterTemplate')}
      </Button>
    </div>
  );
}
