import { sourceOf, workedExample } from '../../../testing/given-events';
import { branchPhaseHeatMap, CampaignNotProjected, campaignHalfYearCheck } from './plan-counters.queries';

describe('plan-counters queries', () => {
  const source = sourceOf(workedExample());
  const cell = (applicable: number, done: number) => ({ applicable, done, completion: { numerator: done, denominator: applicable } });

  it('campaignHalfYearCheck compares done work with time gone', async () => {
    expect(await campaignHalfYearCheck(source, 'C1', '2009-04-06')).toEqual({
      timeProgress: { numerator: 22, denominator: 42 },
      workProgress: { numerator: 4, denominator: 15 },
      halfwayDate: '2009-04-05',
      passes: false,
    });
  });

  it('branchPhaseHeatMap gives branch × phase cells, the unit level included when it keeps the office work', async () => {
    expect(await branchPhaseHeatMap(source, 'C1')).toEqual({
      phases: [
        { phaseId: 'P1', stageId: 'S1', name: 'Mobilise', order: 1 },
        { phaseId: 'P2', stageId: 'S1', name: 'Learn', order: 2 },
        { phaseId: 'P3', stageId: 'S2', name: 'Analyse', order: 1 },
      ],
      branches: [
        { branchId: 'B1', name: 'Branch one', cells: { P1: cell(4, 2), P2: cell(3, 1), P3: cell(1, 0) } },
        { branchId: 'B2', name: 'Branch two', cells: { P1: cell(1, 0), P2: cell(2, 0), P3: cell(1, 0) } },
        { branchId: '_unit', name: '机关（单位层面）', cells: { P1: cell(1, 0), P2: cell(2, 1), P3: cell(0, 0) } },
      ],
    });
  });

  it('a campaign not in the read model is an error with its code', async () => {
    await expect(campaignHalfYearCheck(source, 'C9', '2009-04-06')).rejects.toBeInstanceOf(CampaignNotProjected);
    await expect(branchPhaseHeatMap(source, 'C9')).rejects.toMatchObject({ code: 'READ_MODEL.CAMPAIGN_NOT_FOUND' });
  });
});
