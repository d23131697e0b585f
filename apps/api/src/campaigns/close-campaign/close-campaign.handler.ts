import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CampaignContext } from '../campaign-context';
import { CampaignWriter } from '../campaign-writer';
import type { CampaignView } from '../campaign-view';
import type { Principal } from '@api/auth/principal';

export class CloseCampaignCommand extends Command<CampaignView> {
  constructor(
    readonly campaignId: string,
    readonly note: string | null,
    readonly expectedRevision: number | undefined,
    readonly principal: Principal,
    readonly correlationId?: string,
  ) {
    super();
  }
}

@CommandHandler(CloseCampaignCommand)
export class CloseCampaignHandler implements ICommandHandler<CloseCampaignCommand, CampaignView> {
  constructor(
    private readonly writer: CampaignWriter,
    private readonly context: CampaignContext,
  ) {}

  execute(c: CloseCampaignCommand): Promise<CampaignView> {
    return this.writer.write(
      c.campaignId,
      { type: 'CloseCampaign', data: { on: this.context.today(), by: c.principal.accountId, note: c.note } },
      c.principal,
      { expectedRevision: c.expectedRevision, reason: c.note, correlationId: c.correlationId },
    );
  }
}
