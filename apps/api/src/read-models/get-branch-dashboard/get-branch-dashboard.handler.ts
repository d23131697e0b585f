import { Inject } from '@nestjs/common';
import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import type { BranchDashboardAnswer, ThreeOnesEntry } from '@campaign-ledger/api-contract';
import { endOfOfficeDay } from '@campaign-ledger/audit';
import { branchWorkDecider, branchWorkStream, evolveEach, type BranchWorkEvent, type BranchWorkState, type ThreeOnesItem } from '@campaign-ledger/domain';
import type { EventStore } from '@campaign-ledger/event-store';
import { branchDashboard, completionNotes } from '@campaign-ledger/projections';
import { EVENT_STORE } from '@api/infrastructure/tokens';
import { ReadModelsService } from '../read-models.service';

export class GetBranchDashboardQuery extends Query<BranchDashboardAnswer> {
  constructor(
    readonly campaignId: string,
    readonly branchId: string,
    readonly options: {
      /** Default: today, from the live read model. */
      readonly asOf?: string;
      readonly amberWithinDays?: number;
    } = {},
  ) {
    super();
  }
}

const ITEMS: readonly ThreeOnesItem[] = ['reading', 'talk', 'essay'];

/** The three-ones items a branch's work holds (the domain's fold keeps each member's record of each item), member by member. */
export function threeOnesEntries(work: BranchWorkState): ThreeOnesEntry[] {
  return Object.keys(work.threeOnes)
    .sort()
    .flatMap((memberId) =>
      ITEMS.flatMap((item) => {
        const recorded = work.threeOnes[memberId]?.[item];
        return recorded ? [{ memberId, item, date: recorded.date, title: recorded.title }] : [];
      }),
    );
}

/**
 * The branch's page in one answer: the read model's dashboard (figures, instances, sessions with every mark, the
 * three-ones grid) and completion notes, and the titles of the three-ones items, which only the branch's own stream keeps (folded by the
 * domain's decider, as the writes fold it; for an earlier day, only what was recorded by its end).
 */
@QueryHandler(GetBranchDashboardQuery)
export class GetBranchDashboardHandler implements IQueryHandler<GetBranchDashboardQuery, BranchDashboardAnswer> {
  constructor(
    private readonly readModels: ReadModelsService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ campaignId, branchId, options }: GetBranchDashboardQuery): Promise<BranchDashboardAnswer> {
    const asOf = options.asOf ?? this.readModels.today();
    const [[dashboard, notes], work] = await Promise.all([
      this.readModels
        .sourceAsOf(asOf)
        .then((source) =>
          Promise.all([
            branchDashboard(source, campaignId, branchId, { asOf, amberWithinDays: options.amberWithinDays }),
            completionNotes(source, campaignId, branchId),
          ]),
        ),
      this.branchWork(campaignId, branchId, asOf),
    ]);
    return { ...dashboard, threeOnesEntries: threeOnesEntries(work), completionNotes: notes };
  }

  private async branchWork(campaignId: string, branchId: string, asOf: string): Promise<BranchWorkState> {
    const recorded = await this.store.readStream(branchWorkStream(campaignId, branchId));
    const until = asOf < this.readModels.today() ? endOfOfficeDay(asOf).getTime() : Number.POSITIVE_INFINITY;
    const events = recorded.filter((e) => e.recordedAt.getTime() <= until).map((e) => ({ type: e.type, data: e.data }) as BranchWorkEvent);
    return evolveEach(branchWorkDecider, branchWorkDecider.initialState(), events);
  }
}
