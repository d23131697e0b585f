import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { v7 as uuidv7 } from 'uuid';
import {
  BranchNotFound,
  type CampaignTemplate,
  findBuiltinTemplate,
  isIsoDate,
  parseTemplate,
  plannedEnd,
  UNIT_LEVEL_BRANCH_ID,
  UnitNotRegistered,
} from '@campaign-ledger/domain';
import { RequestValidationError } from '@api/infrastructure/errors/request-validation.error';
import { assertUnitReachable, IdNotAvailable, mayReachUnit } from '@api/auth/access-policy';
import { CampaignUnits } from '@api/auth/campaign-units';
import { CampaignContext } from '../campaign-context';
import type { CampaignView } from '../campaign-view';
import { CampaignWriter } from '../campaign-writer';
import { TemplateNotFound } from '../get-template/get-template.handler';
import { TemplateInvalid } from '../template-problems';
import type { Principal } from '@api/auth/principal';

export interface PlanCampaignInput {
  readonly campaignId?: string;
  readonly unitId: string;
  readonly name: string;
  readonly templateId?: string;
  readonly template?: Record<string, unknown>;
  readonly startDate: string;
  readonly endDate?: string;
  readonly officeBranchId?: string;
}

export class PlanCampaignCommand extends Command<CampaignView> {
  constructor(
    readonly input: PlanCampaignInput,
    readonly principal: Principal,
    readonly correlationId?: string,
  ) {
    super();
  }
}

function resolveTemplate(input: PlanCampaignInput): CampaignTemplate {
  if (input.templateId !== undefined) {
    const builtin = findBuiltinTemplate(input.templateId);
    if (!builtin) throw new RequestValidationError([{ field: 'templateId', messages: [TemplateNotFound.withId(input.templateId).message] }]);
    return builtin.load();
  }
  const result = parseTemplate(input.template);
  if (!result.ok) throw TemplateInvalid.because(result.errors, 'template');
  return result.template;
}

// Shared with `ledger template load --plan`; re-exported for the specs that know it from here.
export { plannedEnd };

@CommandHandler(PlanCampaignCommand)
export class PlanCampaignHandler implements ICommandHandler<PlanCampaignCommand, CampaignView> {
  constructor(
    private readonly writer: CampaignWriter,
    private readonly context: CampaignContext,
    private readonly campaigns: CampaignUnits,
  ) {}

  async execute({ input, principal, correlationId }: PlanCampaignCommand): Promise<CampaignView> {
    assertUnitReachable(principal, input.unitId);
    if (input.campaignId !== undefined) {
      // Another unit's campaign id is refused as merely taken: neither its plan nor its unit is disclosed.
      const taken = await this.campaigns.unitOf(input.campaignId);
      if (taken !== null && !mayReachUnit(principal, taken)) throw IdNotAvailable.campaign(input.campaignId);
    }
    const template = resolveTemplate(input);
    const organisation = await this.context.organisation(input.unitId);
    if (organisation.status !== 'registered') throw UnitNotRegistered.yet();
    // The unit's own office (_unit, as a campaign's plan shows it) is no branch of the roster: a plan read can be sent back.
    const officeBranchId = input.officeBranchId === UNIT_LEVEL_BRANCH_ID ? undefined : input.officeBranchId;
    if (officeBranchId !== undefined && !organisation.branches[officeBranchId]) throw BranchNotFound.withId(officeBranchId);
    if (!isIsoDate(input.startDate)) throw RequestValidationError.field('startDate', 'startDate must be a calendar date written YYYY-MM-DD');
    const endDate = input.endDate ?? plannedEnd(template, input.startDate);
    if (endDate === null) {
      throw new RequestValidationError([
        { field: 'endDate', messages: ['is required: the template says neither its length in weeks nor any due week or date'] },
      ]);
    }
    const campaignId = input.campaignId ?? uuidv7();
    return this.writer.write(
      campaignId,
      {
        type: 'PlanCampaign',
        data: {
          campaignId,
          name: input.name,
          unitId: input.unitId,
          template,
          startDate: input.startDate,
          endDate,
          createdBy: principal.accountId,
          officeBranchId: officeBranchId ?? null,
        },
      },
      principal,
      { correlationId },
    );
  }
}
