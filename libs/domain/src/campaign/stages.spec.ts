import { DeciderSpecification } from '../testing';
import { campaignOf, planned2009, plannedSmall } from '../testing/fixtures';
import { campaignDecider } from './campaign.decider';
import type { CampaignEvent } from './campaign.events';
import {
  CampaignStagesNotClosed,
  DateOutsideCampaign,
  StageAlreadyClosed,
  StageAlreadyOpen,
  StageHasUnfinishedWork,
  StageNotFound,
  StageNotOpen,
  StageOutOfOrder,
  TaskNotFound,
} from './campaign.errors';

const spec = DeciderSpecification.for(campaignDecider);
const planned = planned2009();
const opened = (stageId: string, order: number, openedOn: string): CampaignEvent => ({
  type: 'StageOpened',
  data: { campaignId: 'C1', stageId, order, openedOn, by: 'office' },
});
const closed = (
  stageId: string,
  order: number,
  closedOn: string,
  carriedOver: { instanceKey: string; taskId: string; branchId: string; fromStageId: string; toStageId: string | null }[] = [],
): CampaignEvent => ({
  type: 'StageClosed',
  data: { campaignId: 'C1', stageId, order, closedOn, by: 'office', note: null, carriedOver },
});
const open = (stageId: string, on: string) => ({ type: 'OpenStage' as const, data: { stageId, on, by: 'office' } });
const close = (stageId: string, on: string, unfinished: { instanceKey: string; taskId: string; branchId: string }[] = [], carryOver = false) => ({
  type: 'CloseStage' as const,
  data: { stageId, on, by: 'office', unfinished, carryOver },
});
const unfinishedS1 = [
  { instanceKey: 'T07:member:M1', taskId: 'T07', branchId: 'B1' },
  { instanceKey: 'T11:branch:B2', taskId: 'T11', branchId: 'B2' },
];

describe('campaign: opening stages (in order, one at a time)', () => {
  it('opens the first stage', () =>
    spec
      .given([planned])
      .when(open('S1', '2009-03-16'))
      .then([opened('S1', 1, '2009-03-16')]));
  it('refuses opening a stage before the previous one closed', () => {
    spec
      .given([planned])
      .when(open('S2', '2009-05-18'))
      .thenThrows(StageOutOfOrder, (e) => expect(e.kind).toBe('precondition'));
    spec
      .given([planned, opened('S1', 1, '2009-03-16')])
      .when(open('S2', '2009-05-18'))
      .thenThrows(StageOutOfOrder);
  });
  it('opens the next stage after the transition', () =>
    spec
      .given([planned, opened('S1', 1, '2009-03-16'), closed('S1', 1, '2009-05-17')])
      .when(open('S2', '2009-05-18'))
      .then([opened('S2', 2, '2009-05-18')]));
  it('refuses reopening an open or closed stage', () => {
    spec
      .given([planned, opened('S1', 1, '2009-03-16')])
      .when(open('S1', '2009-03-17'))
      .thenThrows(StageAlreadyOpen);
    spec
      .given([planned, opened('S1', 1, '2009-03-16'), closed('S1', 1, '2009-05-17')])
      .when(open('S1', '2009-05-18'))
      .thenThrows(StageAlreadyClosed);
  });
  it('refuses an unknown stage, a date outside the campaign, or before the previous transition', () => {
    spec.given([planned]).when(open('S9', '2009-03-16')).thenThrows(StageNotFound);
    spec.given([plannedSmall()]).when(open('S1', '2009-03-16')).thenThrows(StageNotFound);
    spec.given([planned]).when(open('S1', '2009-03-01')).thenThrows(DateOutsideCampaign);
    spec
      .given([planned, opened('S1', 1, '2009-03-16'), closed('S1', 1, '2009-05-17')])
      .when(open('S2', '2009-05-10'))
      .thenThrows('DATE.OUT_OF_ORDER');
  });
});

describe('campaign: closing a stage (转段)', () => {
  const s1Open = [planned, opened('S1', 1, '2009-03-16')];
  it('closes an open stage with all mandatory work done', () =>
    spec
      .given(s1Open)
      .when(close('S1', '2009-05-17'))
      .then([closed('S1', 1, '2009-05-17')]));
  it('refuses closing with unfinished mandatory work, naming how many', () =>
    spec
      .given(s1Open)
      .when(close('S1', '2009-05-17', unfinishedS1))
      .thenThrows(StageHasUnfinishedWork, (e) => {
        expect(e.details).toEqual({ stageId: 'S1', unfinished: 2 });
        expect(e.message).toContain('2 unfinished');
      }));
  it('closes with carry-over, listing the carried instances, which stay visible', () => {
    const carried = unfinishedS1.map((u) => ({ ...u, fromStageId: 'S1', toStageId: 'S2' }));
    spec
      .given(s1Open)
      .when(close('S1', '2009-05-17', unfinishedS1, true))
      .then([closed('S1', 1, '2009-05-17', carried)]);
    const state = campaignOf(...(s1Open as CampaignEvent[]), closed('S1', 1, '2009-05-17', carried));
    expect(state.carriedOver).toEqual(carried);
    expect(state.stages[0]).toMatchObject({ status: 'closed', closedOn: '2009-05-17', carriedOver: carried });
  });
  it('ignores optional and cancelled work and duplicates in the unfinished list', () =>
    spec
      .given([...s1Open, { type: 'TaskCancelled', data: { campaignId: 'C1', taskId: 'T11', stageId: 'S1', reason: 'x', by: 'o' } }])
      .when(close('S1', '2009-05-17', [unfinishedS1[1], unfinishedS1[1]]))
      .then([closed('S1', 1, '2009-05-17')]));
  it('refuses closing a stage that is not open, or already closed', () => {
    spec
      .given([planned])
      .when(close('S1', '2009-05-17'))
      .thenThrows(StageNotOpen, (e) => expect(e.kind).toBe('precondition'));
    spec
      .given([...s1Open, closed('S1', 1, '2009-05-17')])
      .when(close('S1', '2009-05-18'))
      .thenThrows(StageAlreadyClosed);
  });
  it('refuses an unfinished entry for an unknown task or another stage', () => {
    spec
      .given(s1Open)
      .when(close('S1', '2009-05-17', [{ instanceKey: 'T99:unit', taskId: 'T99', branchId: '_unit' }]))
      .thenThrows(TaskNotFound);
    spec
      .given(s1Open)
      .when(close('S1', '2009-05-17', [{ instanceKey: 'T21:unit', taskId: 'T21', branchId: '_unit' }]))
      .thenThrows('COMMAND.INVALID');
  });
  it('lets work carried into a stage be carried on again at its close', () => {
    const carried = [{ ...unfinishedS1[0], fromStageId: 'S1', toStageId: 'S2' }];
    spec
      .given([...s1Open, closed('S1', 1, '2009-05-17', carried), opened('S2', 2, '2009-05-18')])
      .when(close('S2', '2009-06-28', [unfinishedS1[0]], true))
      .then([closed('S2', 2, '2009-06-28', [{ ...unfinishedS1[0], fromStageId: 'S2', toStageId: 'S3' }])]);
  });
  it('refuses a closing date before the opening', () =>
    spec
      .given([planned, opened('S1', 1, '2009-04-01')])
      .when(close('S1', '2009-03-20'))
      .thenThrows('DATE.OUT_OF_ORDER'));
  it('requires carryOver to be stated', () =>
    spec
      .given(s1Open)
      .when({ type: 'CloseStage', data: { stageId: 'S1', on: '2009-05-17', by: 'o', unfinished: [] } } as never)
      .thenThrows('COMMAND.INVALID'));
});

describe('campaign: closing the campaign', () => {
  const all = [
    planned,
    opened('S1', 1, '2009-03-16'),
    closed('S1', 1, '2009-05-17'),
    opened('S2', 2, '2009-05-18'),
    closed('S2', 2, '2009-06-28'),
    opened('S3', 3, '2009-06-29'),
    closed('S3', 3, '2009-08-30'),
  ];
  const closeCampaign = (on: string) => ({ type: 'CloseCampaign' as const, data: { on, by: 'office', note: '迎检完成' } });
  it('closes once every stage is closed', () =>
    spec
      .given(all)
      .when(closeCampaign('2009-08-31'))
      .then([{ type: 'CampaignClosed', data: { campaignId: 'C1', closedOn: '2009-08-31', by: 'office', note: '迎检完成' } }]));
  it('closes a stage-less campaign', () =>
    spec
      .given([plannedSmall()])
      .when(closeCampaign('2009-04-12'))
      .then([{ type: 'CampaignClosed', data: { campaignId: 'C2', closedOn: '2009-04-12', by: 'office', note: '迎检完成' } }]));
  it('refuses while stages remain open or pending', () =>
    spec
      .given(all.slice(0, 4))
      .when(closeCampaign('2009-08-31'))
      .thenThrows(CampaignStagesNotClosed, (e) => expect(e.details['stageIds']).toEqual(['S2', 'S3'])));
  it('refuses a date before the last transition, and closing twice', () => {
    spec.given(all).when(closeCampaign('2009-08-01')).thenThrows('DATE.OUT_OF_ORDER');
    spec
      .given([...all, { type: 'CampaignClosed', data: { campaignId: 'C1', closedOn: '2009-08-31', by: 'o', note: null } }])
      .when(closeCampaign('2009-09-01'))
      .thenThrows('CAMPAIGN.CLOSED');
  });
});
