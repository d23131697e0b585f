import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { AddTaskHandler } from './add-task/add-task.handler';
import { AddTaskHttpController } from './add-task/add-task.http.controller';
import { CampaignContext } from './campaign-context';
import { CampaignWriter } from './campaign-writer';
import { CancelTaskHandler } from './cancel-task/cancel-task.handler';
import { CancelTaskHttpController } from './cancel-task/cancel-task.http.controller';
import { CloseCampaignHandler } from './close-campaign/close-campaign.handler';
import { CloseCampaignHttpController } from './close-campaign/close-campaign.http.controller';
import { CloseStageHandler } from './close-stage/close-stage.handler';
import { CloseStageHttpController } from './close-stage/close-stage.http.controller';
import { StageUnfinishedHandler } from './close-stage/stage-unfinished.handler';
import { GetCampaignHandler } from './get-campaign/get-campaign.handler';
import { GetCampaignHttpController } from './get-campaign/get-campaign.http.controller';
import { GetTemplateHandler } from './get-template/get-template.handler';
import { GetTemplateHttpController } from './get-template/get-template.http.controller';
import { CampaignCatalogue } from './list-campaigns/campaign-catalogue';
import { ListCampaignsHandler } from './list-campaigns/list-campaigns.handler';
import { ListCampaignsHttpController } from './list-campaigns/list-campaigns.http.controller';
import { ListInstancesHandler } from './list-instances/list-instances.handler';
import { ListInstancesHttpController } from './list-instances/list-instances.http.controller';
import { ListTemplatesHandler } from './list-templates/list-templates.handler';
import { ListTemplatesHttpController } from './list-templates/list-templates.http.controller';
import { MoveTaskDeadlineHandler } from './move-task-deadline/move-task-deadline.handler';
import { MoveTaskDeadlineHttpController } from './move-task-deadline/move-task-deadline.http.controller';
import { OpenStageHandler } from './open-stage/open-stage.handler';
import { OpenStageHttpController } from './open-stage/open-stage.http.controller';
import { PlanCampaignHandler } from './plan-campaign/plan-campaign.handler';
import { PlanCampaignHttpController } from './plan-campaign/plan-campaign.http.controller';
import { StageWork } from './stage-work';
import { ValidateTemplateHandler } from './validate-template/validate-template.handler';
import { ValidateTemplateHttpController } from './validate-template/validate-template.http.controller';

/** Campaigns use cases: one folder per use case (controller, command or query, handler, DTO). */
@Module({
  imports: [AuthModule],
  controllers: [
    ListTemplatesHttpController,
    ValidateTemplateHttpController,
    GetTemplateHttpController,
    PlanCampaignHttpController,
    ListCampaignsHttpController,
    GetCampaignHttpController,
    ListInstancesHttpController,
    AddTaskHttpController,
    MoveTaskDeadlineHttpController,
    CancelTaskHttpController,
    OpenStageHttpController,
    CloseStageHttpController,
    CloseCampaignHttpController,
  ],
  providers: [
    CampaignContext,
    CampaignWriter,
    StageWork,
    CampaignCatalogue,
    ListTemplatesHandler,
    GetTemplateHandler,
    ValidateTemplateHandler,
    PlanCampaignHandler,
    ListCampaignsHandler,
    GetCampaignHandler,
    ListInstancesHandler,
    AddTaskHandler,
    MoveTaskDeadlineHandler,
    CancelTaskHandler,
    OpenStageHandler,
    CloseStageHandler,
    StageUnfinishedHandler,
    CloseCampaignHandler,
  ],
})
export class CampaignsModule {}
