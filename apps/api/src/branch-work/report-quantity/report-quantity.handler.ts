import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { QuantityResult } from '@campaign-ledger/api-contract';
import { BranchWorkWriter, membersOfInstanceKey } from '../shared/branch-work.writer';
import type { IsoDate } from '@campaign-ledger/domain';
import type { Principal } from '@api/auth/principal';

export class ReportQuantityCommand extends Command<QuantityResult> {
  constructor(
    readonly principal: Principal,
    readonly campaignId: string,
    readonly branchId: string,
    readonly input: {
      readonly instanceKey?: string;
      readonly taskId?: string;
      readonly amount: number;
      readonly on?: IsoDate;
      readonly note?: string;
      readonly reportId?: string;
    },
  ) {
    super();
  }
}

@CommandHandler(ReportQuantityCommand)
export class ReportQuantityHandler implements ICommandHandler<ReportQuantityCommand, QuantityResult> {
  constructor(private readonly writer: BranchWorkWriter) {}

  async execute({ principal, campaignId, branchId, input }: ReportQuantityCommand): Promise<QuantityResult> {
    const on = input.on ?? this.writer.today();
    const outcome = await this.writer.write(
      principal,
      {
        type: 'ReportQuantity',
        data: {
          campaignId,
          branchId,
          instanceKey: input.instanceKey ?? null,
          taskId: input.taskId ?? null,
          amount: input.amount,
          on,
          note: input.note ?? null,
          by: principal.accountId,
          reportId: input.reportId ?? null,
        },
      },
      { asOf: on, memberIds: membersOfInstanceKey(input.instanceKey) },
    );
    const reported = outcome.events.find((e) => e.type === 'QuantityReported');
    const data = reported?.type === 'QuantityReported' ? reported.data : null;
    return {
      instanceKey: data?.instanceKey ?? input.instanceKey ?? null,
      reportId: input.reportId ?? null,
      alreadyDone: outcome.alreadyDone,
      revision: outcome.revision,
      actual: data?.actual ?? null,
      target: data?.target ?? null,
      challenge: data?.challenge ?? null,
    };
  }
}
