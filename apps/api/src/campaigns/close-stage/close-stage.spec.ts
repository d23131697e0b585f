import { UNIT_LEVEL_BRANCH_ID } from '@campaign-ledger/domain';
import { routeOf } from '@api/testing/route-access';
import { campaignsFixture, LEADER, openStage, SEEDED_REVISION, TODAY, type CampaignsFixture } from '../testing/campaigns-fixture';
import { CloseStageCommand, CloseStageHandler } from './close-stage.handler';
import { CloseStageHttpController } from './close-stage.http.controller';
import { StageUnfinishedHandler, StageUnfinishedQuery } from './stage-unfinished.handler';

describe('close a stage (转段)', () => {
  let fx: CampaignsFixture;
  const close = (stageId: string, carryOver: boolean, expectedRevision?: number) =>
    fx.get(CloseStageHandler).execute(new CloseStageCommand('C1', stageId, carryOver, '按期转段', expectedRevision, LEADER));
  const unfinished = (stageId: string, campaignId = 'C1') => fx.get(StageUnfinishedHandler).execute(new StageUnfinishedQuery(campaignId, stageId, LEADER));

  beforeEach(async () => {
    fx = await campaignsFixture([CloseStageHandler, StageUnfinishedHandler]);
    await fx.given([openStage('S1')]);
  });
  afterEach(() => fx.close());

  it("lists the stage's unfinished mandatory work of every branch, leaving out cancelled tasks and completed instances", async () => {
    const before = await unfinished('S1');
    expect(before.count).toBe(Object.values(before.byBranch).reduce((a, b) => a + b, 0));
    expect(Object.keys(before.byBranch).sort()).toEqual(['B1', 'B2', UNIT_LEVEL_BRANCH_ID]);
    const keys = before.instances.map((i) => i.instanceKey);
    expect(keys).toEqual(expect.arrayContaining(['T05:branch:B1', 'T05:branch:B2', 'T01:unit']));
    expect(keys.some((key) => key.startsWith('T11:'))).toBe(false);
    expect(before.instances.find((i) => i.instanceKey === 'T05:branch:B1')?.taskTitle).toEqual(expect.any(String));

    await fx.completed('B1', 'T05:branch:B1');
    const after = await unfinished('S1');
    expect(after.count).toBe(before.count - 1);
    expect(after.byBranch.B1).toBe(before.byBranch.B1 - 1);
    expect(after.instances.map((i) => i.instanceKey)).not.toContain('T05:branch:B1');
  });

  it('refuses to close while work is unfinished, naming how much', async () => {
    const { count } = await unfinished('S1');
    await expect(close('S1', false)).rejects.toMatchObject({
      code: 'STAGE.UNFINISHED_WORK',
      kind: 'precondition',
      details: expect.objectContaining({ unfinished: count }),
    });
    expect(await fx.appended()).toEqual([]);
  });

  it('closes with the unfinished work carried into the next stage when asked', async () => {
    const { count } = await unfinished('S1');
    const view = await close('S1', true);
    expect(view).toMatchObject({ currentStageId: null, counts: { carriedOver: count } });
    expect(view.stages.find((s) => s.stageId === 'S1')).toMatchObject({ status: 'closed', closedOn: TODAY, carriedOverCount: count });
    const [event] = await fx.appended();
    expect(event).toMatchObject({ type: 'StageClosed', reason: '按期转段', data: { stageId: 'S1', note: '按期转段' } });
    const carried = event.data.carriedOver as { instanceKey: string; toStageId: string | null }[];
    expect(carried).toHaveLength(count);
    expect(new Set(carried.map((c) => c.toStageId))).toEqual(new Set(['S2']));
  });

  it('refuses a stage not open, an unknown stage, and a stale If-Match', async () => {
    await expect(close('S2', true)).rejects.toMatchObject({ code: 'STAGE.NOT_OPEN', kind: 'precondition' });
    await expect(close('S7', true)).rejects.toMatchObject({ code: 'STAGE.NOT_FOUND', kind: 'not_found' });
    await expect(unfinished('S7')).rejects.toMatchObject({ code: 'STAGE.NOT_FOUND', kind: 'not_found' });
    await expect(unfinished('S1', 'C404')).rejects.toMatchObject({ code: 'CAMPAIGN.NOT_FOUND', kind: 'not_found' });
    await expect(close('S1', true, SEEDED_REVISION)).rejects.toMatchObject({ code: 'PRECONDITION.ETAG_MISMATCH', kind: 'precondition' });
    expect(await fx.appended()).toEqual([]);
  });

  it('is closed by the leading group; the unfinished list is open to those who watch the campaign', () => {
    expect(routeOf(CloseStageHttpController, 'close').roles).toEqual(['leading_group']);
    expect(routeOf(CloseStageHttpController, 'unfinished').roles).toEqual(['leading_group', 'auditor', 'administrator']);
  });
});
