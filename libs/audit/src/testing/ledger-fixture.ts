// A small ledger with the shapes the domain writes: a campaign, two branches' work, an organisation, an auditor's reads.
import type { EventStore } from '@campaign-ledger/event-store';

export const FIXTURE_CAMPAIGN = 'c1';
export const FIXTURE_MEMBER = 'm-7';
export const EVIDENCE_SHA = 'a'.repeat(64);

const secretary = { id: 'acc-sec', role: 'secretary' };
const admin = { id: 'acc-admin', role: 'administrator' };

/** Appends 12 events over 5 streams; returns the number appended. */
export async function seedLedger(store: EventStore): Promise<number> {
  let count = 0;
  const put = async (streamId: string, type: string, data: unknown, actor: { id: string; role: string }, occurredAt: string, reason?: string) => {
    await store.append(streamId, [{ type, data }], { expectedRevision: 'any', metadata: { actor, occurredAt, ...(reason ? { reason } : {}) } });
    count += 1;
  };
  await put('organisation-u1', 'UnitRegistered', { unitId: 'u1', name: '机关党委' }, admin, '2024-03-01T02:00:00.000Z');
  await put(
    'organisation-u1',
    'MemberJoined',
    { unitId: 'u1', memberId: FIXTURE_MEMBER, name: '张三', branchId: 'b1', isLeader: false, joinedOn: '2024-03-01' },
    admin,
    '2024-03-01T02:05:00.000Z',
  );
  await put('campaign-c1', 'CampaignPlanned', { campaignId: 'c1', title: '主题教育' }, admin, '2024-03-02T01:00:00.000Z');
  await put('campaign-c1', 'StageOpened', { campaignId: 'c1', stageId: 's1' }, admin, '2024-03-03T01:00:00.000Z');
  await put(
    'branchWork-c1:b1',
    'TaskCompleted',
    {
      campaignId: 'c1',
      branchId: 'b1',
      instanceKey: 'k1',
      taskId: 't1',
      subjectId: 'b1',
      completedOn: '2024-03-04',
      by: 'acc-sec',
      note: '',
      evidence: [{ fileName: '会议记录.pdf', sha256: EVIDENCE_SHA, size: 10, contentType: 'application/pdf' }],
      commandId: null,
    },
    secretary,
    '2024-03-04T03:00:00.000Z',
  );
  await put(
    'branchWork-c1:b1',
    'TaskReopened',
    { campaignId: 'c1', branchId: 'b1', instanceKey: 'k1', taskId: 't1', stageId: 's1', reopenedOn: '2024-03-05', reason: '材料不全', by: 'acc-admin' },
    admin,
    '2024-03-05T03:00:00.000Z',
    '材料不全',
  );
  await put(
    'branchWork-c1:b1',
    'StudySessionRecorded',
    {
      campaignId: 'c1',
      branchId: 'b1',
      sessionId: 'ss1',
      date: '2024-03-06',
      topic: '学习',
      by: 'acc-sec',
      attendance: { [FIXTURE_MEMBER]: 'present', 'm-8': 'absent' },
      expected: [FIXTURE_MEMBER, 'm-8'],
    },
    secretary,
    '2024-03-06T03:00:00.000Z',
  );
  await put(
    'branchWork-c1:b1',
    'ThreeOnesRecorded',
    { campaignId: 'c1', branchId: 'b1', memberId: FIXTURE_MEMBER, item: 'talk', date: '2024-03-07', title: '谈心', note: null, by: 'acc-sec' },
    secretary,
    '2024-03-07T03:00:00.000Z',
  );
  await put(
    'branchWork-c1:b2',
    'QuantityReported',
    {
      campaignId: 'c1',
      branchId: 'b2',
      instanceKey: 'k2',
      taskId: 't2',
      subjectId: 'm-9',
      amount: 2,
      on: '2024-03-07',
      note: null,
      by: 'acc-sec2',
      reportId: null,
      actual: 2,
      target: 5,
      challenge: null,
    },
    { id: 'acc-sec2', role: 'secretary' },
    '2024-03-07T05:00:00.000Z',
  );
  await put(
    'branchWork-c2:b1',
    'TaskCompleted',
    {
      campaignId: 'c2',
      branchId: 'b1',
      instanceKey: 'k3',
      taskId: 't3',
      subjectId: 'b1',
      completedOn: '2024-03-08',
      by: 'acc-sec',
      note: '',
      evidence: [],
      commandId: null,
    },
    secretary,
    '2024-03-08T03:00:00.000Z',
  );
  await put(
    'audit-reads-acc-aud',
    'AuditorRead',
    { path: '/api/audit/history', query: {}, at: '2024-03-09T00:00:00.000Z' },
    { id: 'acc-aud', role: 'auditor' },
    '2024-03-09T00:00:00.000Z',
  );
  await put('campaign-c1', 'StageClosed', { campaignId: 'c1', stageId: 's1' }, admin, '2024-03-10T01:00:00.000Z');
  return count;
}
