import { createHash } from 'node:crypto';
import { campaignStream } from '@campaign-ledger/domain';
import { routeOf } from '@api/testing/route-access';
import { AUDITOR, branchWorkFixture, CANCELLED_TASK, LEADER, SECRETARY_B1, SECRETARY_B2, TODAY, type BranchWorkFixture } from '../testing/branch-work-fixture';
import { CompleteTaskCommand, CompleteTaskHandler, type UploadedEvidence } from './complete-task.handler';
import { CompleteTaskHttpController } from './complete-task.http.controller';

const minutes: UploadedEvidence = { fileName: '支部会议记录.pdf', contentType: 'application/pdf', content: Buffer.from('%PDF-1.4 会议记录') };
const sha256 = createHash('sha256').update(minutes.content).digest('hex');

describe('complete a task instance of a branch', () => {
  let fx: BranchWorkFixture;
  const complete = (instanceKey: string, input: Partial<CompleteTaskCommand['input']> = {}, principal = SECRETARY_B1, branchId = principal.branchId ?? 'B1') =>
    fx.get(CompleteTaskHandler).execute(new CompleteTaskCommand(principal, 'C1', branchId, instanceKey, { files: [], ...input }));

  beforeEach(async () => {
    fx = await branchWorkFixture([CompleteTaskHandler]);
  });
  afterEach(() => fx.close());

  it('records the completion with its evidence, storing the file it names', async () => {
    const result = await complete('T05:branch:B1', { note: '已制定学习计划', files: [minutes] });
    expect(result).toEqual({
      instanceKey: 'T05:branch:B1',
      status: 'completed',
      alreadyDone: false,
      revision: 0,
      completedOn: TODAY,
      evidence: [{ fileName: minutes.fileName, sha256, size: minutes.content.length, contentType: 'application/pdf' }],
    });
    expect(await fx.blobs.get(sha256)).toEqual(minutes.content);
    const [event] = await fx.appended();
    expect(event).toMatchObject({
      streamId: 'branchWork-C1:B1',
      type: 'TaskCompleted',
      actorId: SECRETARY_B1.accountId,
      data: {
        instanceKey: 'T05:branch:B1',
        taskId: 'T05',
        completedOn: TODAY,
        onTime: false,
        dueDate: '2009-03-29',
        note: '已制定学习计划',
        evidence: result.evidence,
      },
    });
  });

  it('answers a retry with the same command id as already done, and a different completion as a conflict', async () => {
    await complete('T05:branch:B1', { note: 'a', commandId: 'cmd-1' });
    await expect(complete('T05:branch:B1', { note: 'a', commandId: 'cmd-1' })).resolves.toMatchObject({ alreadyDone: true, revision: 0 });
    await expect(complete('T05:branch:B1', { note: 'another note' })).rejects.toMatchObject({ code: 'TASK.ALREADY_COMPLETED', kind: 'conflict' });
    expect((await fx.appended()).map((e) => e.type)).toEqual(['TaskCompleted']);
  });

  it('records one completion when the same request arrives twice at once', async () => {
    const results = await Promise.all([complete('T13:branch:B1', { note: 'x' }), complete('T13:branch:B1', { note: 'x' })]);
    expect(results.map((r) => r.alreadyDone).sort()).toEqual([false, true]);
    expect(await fx.appended()).toHaveLength(1);
  });

  it('decides on the plan as it is now, not as this process last read it', async () => {
    await complete('T05:branch:B1');
    // Another process cancels T13 after this one cached the plan.
    await fx.store.append(
      campaignStream('C1'),
      [{ type: 'TaskCancelled', data: { campaignId: 'C1', taskId: 'T13', stageId: 'S1', reason: '合并', by: 'office' } }],
      {
        expectedRevision: 2,
        metadata: { actor: { id: 'office', role: 'leading_group' } },
      },
    );
    await fx.mark();
    await expect(complete('T13:branch:B1')).rejects.toMatchObject({ code: 'TASK.CANCELLED', kind: 'conflict' });
    expect(await fx.appended()).toEqual([]);
  });

  it("refuses another branch's instance, a cancelled task, an exempt member's and an unknown member's, and stores no file", async () => {
    await expect(complete('T05:branch:B2', { files: [minutes] })).rejects.toMatchObject({ code: 'INSTANCE.NOT_IN_BRANCH', kind: 'forbidden' });
    await expect(complete(`${CANCELLED_TASK}:branch:B1`, { files: [minutes] })).rejects.toMatchObject({ code: 'TASK.CANCELLED' });
    await expect(complete('T07:member:M3', { files: [minutes] })).rejects.toMatchObject({ code: 'MEMBER.EXEMPT' });
    await expect(complete('T07:member:M99', { files: [minutes] })).rejects.toMatchObject({ code: 'MEMBER.NOT_FOUND', kind: 'not_found' });
    await expect(complete('T05:branch:B1', { completedOn: '2009-12-01' })).rejects.toMatchObject({ code: 'CAMPAIGN.DATE_OUTSIDE', kind: 'validation' });
    expect(await fx.blobs.has(sha256)).toBe(false);
    expect(await fx.appended()).toEqual([]);
  });

  it("lets a secretary write only their own branch, and the leading group only the unit's work", async () => {
    await expect(complete('T05:branch:B1', {}, SECRETARY_B2, 'B1')).rejects.toMatchObject({ code: 'ACCESS.FORBIDDEN', kind: 'forbidden' });
    await expect(complete('T05:branch:B1', {}, LEADER, 'B1')).rejects.toMatchObject({ code: 'ACCESS.FORBIDDEN', kind: 'forbidden' });
    await expect(complete('T05:branch:B1', {}, AUDITOR, 'B1')).rejects.toMatchObject({ code: 'ACCESS.FORBIDDEN', kind: 'forbidden' });
    await expect(complete('T01:unit', {}, LEADER, '_unit')).resolves.toMatchObject({ status: 'completed', alreadyDone: false });
    expect(routeOf(CompleteTaskHttpController, 'complete').roles).toEqual(['secretary', 'leading_group']);
  });
});
