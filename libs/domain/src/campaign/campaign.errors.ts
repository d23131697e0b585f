import type { IsoDate } from '../shared/dates';
import { DomainError, type DomainErrorKind } from '../shared/errors';

export class CampaignNotFound extends DomainError {
  static readonly code = 'CAMPAIGN.NOT_FOUND';
  static readonly kind: DomainErrorKind = 'not_found';
  static notPlanned(): CampaignNotFound {
    return new CampaignNotFound('This campaign has not been planned yet: plan it from a template first.', '该活动尚未制定计划：请先根据模板制定活动计划。');
  }
}

export class CampaignAlreadyPlanned extends DomainError {
  static readonly code = 'CAMPAIGN.ALREADY_PLANNED';
  static readonly kind: DomainErrorKind = 'conflict';
  static withId(campaignId: string): CampaignAlreadyPlanned {
    return new CampaignAlreadyPlanned(
      `Campaign ${campaignId} is already planned; change the plan with added, moved or cancelled tasks instead of planning it again.`,
      `活动 ${campaignId} 已有计划；请通过增加、调整期限或取消任务修改计划，不能重新制定。`,
      { campaignId },
    );
  }
}

export class CampaignIsClosed extends DomainError {
  static readonly code = 'CAMPAIGN.CLOSED';
  static readonly kind: DomainErrorKind = 'conflict';
  static on(campaignId: string, closedOn: IsoDate): CampaignIsClosed {
    return new CampaignIsClosed(
      `Campaign ${campaignId} was closed on ${closedOn}; its records can no longer change.`,
      `活动 ${campaignId} 已于 ${closedOn} 结束，记录不能再修改。`,
      {
        campaignId,
        closedOn,
      },
    );
  }
}

export class DateOutsideCampaign extends DomainError {
  static readonly code = 'CAMPAIGN.DATE_OUTSIDE';
  static readonly kind: DomainErrorKind = 'validation';
  static forField(field: string, date: IsoDate, startDate: IsoDate, endDate: IsoDate): DateOutsideCampaign {
    return new DateOutsideCampaign(
      `${field} ${date} is outside the campaign (${startDate} to ${endDate}); use a date within it.`,
      `${field} ${date} 不在活动期间（${startDate} 至 ${endDate}）内，请使用活动期间的日期。`,
      { field, date, startDate, endDate },
    );
  }
  static forPlan(items: readonly { item: string; date: IsoDate }[], startDate: IsoDate, endDate: IsoDate): DateOutsideCampaign {
    const list = items.map((i) => `${i.item} (${i.date})`).join(', ');
    return new DateOutsideCampaign(
      `${items.length} plan date(s) fall outside the campaign (${startDate} to ${endDate}): ${list}. Extend the end date or fix the template.`,
      `有 ${items.length} 个计划日期超出活动期间（${startDate} 至 ${endDate}）：${list}。请延后结束日期或修改模板。`,
      { items, startDate, endDate },
    );
  }
}

export class TaskNotFound extends DomainError {
  static readonly code = 'TASK.NOT_FOUND';
  static readonly kind: DomainErrorKind = 'not_found';
  static withId(taskId: string): TaskNotFound {
    return new TaskNotFound(`Task ${taskId} is not in this campaign's plan; check the task id.`, `活动计划中没有任务 ${taskId}，请核对任务编号。`, { taskId });
  }
}

export class TaskAlreadyExists extends DomainError {
  static readonly code = 'TASK.ALREADY_EXISTS';
  static readonly kind: DomainErrorKind = 'conflict';
  static withId(taskId: string): TaskAlreadyExists {
    return new TaskAlreadyExists(`Task ${taskId} is already in the plan; choose another task id.`, `计划中已有任务 ${taskId}，请换一个编号。`, { taskId });
  }
}

export class TaskIsCancelled extends DomainError {
  static readonly code = 'TASK.CANCELLED';
  static readonly kind: DomainErrorKind = 'conflict';
  static already(taskId: string): TaskIsCancelled {
    return new TaskIsCancelled(`Task ${taskId} was cancelled; it cannot be changed or worked on any more.`, `任务 ${taskId} 已取消，不能再修改或办理。`, {
      taskId,
    });
  }
}

export class RecurringDeadlineFixed extends DomainError {
  static readonly code = 'TASK.RECURRING_DEADLINE';
  static readonly kind: DomainErrorKind = 'validation';
  static forTask(taskId: string): RecurringDeadlineFixed {
    return new RecurringDeadlineFixed(
      `Task ${taskId} recurs weekly and each week is due on its Sunday; cancel it and add a task with other weeks instead of moving its deadline.`,
      `任务 ${taskId} 按周重复、每周日到期；如需调整，请取消后按新的周次重新添加。`,
      { taskId },
    );
  }
}

export class PlanReferenceNotFound extends DomainError {
  static readonly code = 'PLAN.REFERENCE_NOT_FOUND';
  static readonly kind: DomainErrorKind = 'not_found';
  static of(what: 'stage' | 'phase' | 'track', id: string): PlanReferenceNotFound {
    const zh = { stage: '阶段', phase: '环节', track: '重点措施' }[what];
    return new PlanReferenceNotFound(`The plan has no ${what} "${id}"; pick one of the plan's ${what}s.`, `计划中没有${zh}“${id}”，请选择计划中已有的${zh}。`, {
      what,
      id,
    });
  }
}

export class TaskPlacementInvalid extends DomainError {
  static readonly code = 'TASK.PLACEMENT_INVALID';
  static readonly kind: DomainErrorKind = 'validation';
  static because(taskId: string, problem: string, problemZh: string): TaskPlacementInvalid {
    return new TaskPlacementInvalid(`Task ${taskId}: ${problem}.`, `任务 ${taskId}：${problemZh}。`, { taskId, problem });
  }
}

export class StageNotFound extends DomainError {
  static readonly code = 'STAGE.NOT_FOUND';
  static readonly kind: DomainErrorKind = 'not_found';
  static withId(stageId: string): StageNotFound {
    return new StageNotFound(
      `The campaign has no stage "${stageId}"; check the stage id (campaigns with tracks have no stages).`,
      `活动中没有阶段“${stageId}”，请核对阶段编号。`,
      { stageId },
    );
  }
}

export class StageOutOfOrder extends DomainError {
  static readonly code = 'STAGE.OUT_OF_ORDER';
  static readonly kind: DomainErrorKind = 'precondition';
  static previousNotClosed(stageId: string, previousStageId: string): StageOutOfOrder {
    return new StageOutOfOrder(
      `Stage ${stageId} cannot open before stage ${previousStageId} is closed: stages run one at a time, in order. Close ${previousStageId} first.`,
      `阶段 ${previousStageId} 尚未转段，不能开启阶段 ${stageId}：请先完成 ${previousStageId} 的转段。`,
      { stageId, previousStageId },
    );
  }
}

export class StageAlreadyOpen extends DomainError {
  static readonly code = 'STAGE.ALREADY_OPEN';
  static readonly kind: DomainErrorKind = 'conflict';
  static since(stageId: string, openedOn: IsoDate): StageAlreadyOpen {
    return new StageAlreadyOpen(`Stage ${stageId} has been open since ${openedOn}.`, `阶段 ${stageId} 已于 ${openedOn} 开启。`, { stageId, openedOn });
  }
}

export class StageAlreadyClosed extends DomainError {
  static readonly code = 'STAGE.ALREADY_CLOSED';
  static readonly kind: DomainErrorKind = 'conflict';
  static on(stageId: string, closedOn: IsoDate): StageAlreadyClosed {
    return new StageAlreadyClosed(
      `Stage ${stageId} was closed on ${closedOn}; a closed stage cannot be reopened or changed.`,
      `阶段 ${stageId} 已于 ${closedOn} 转段，不能再开启或修改。`,
      {
        stageId,
        closedOn,
      },
    );
  }
}

export class StageNotOpen extends DomainError {
  static readonly code = 'STAGE.NOT_OPEN';
  static readonly kind: DomainErrorKind = 'precondition';
  static yet(stageId: string): StageNotOpen {
    return new StageNotOpen(`Stage ${stageId} is not open, so it cannot be closed; open it first.`, `阶段 ${stageId} 尚未开启，不能转段；请先开启该阶段。`, {
      stageId,
    });
  }
}

export class StageHasUnfinishedWork extends DomainError {
  static readonly code = 'STAGE.UNFINISHED_WORK';
  static readonly kind: DomainErrorKind = 'precondition';
  static count(stageId: string, unfinished: number): StageHasUnfinishedWork {
    return new StageHasUnfinishedWork(
      `Stage ${stageId} still has ${unfinished} unfinished mandatory task instance(s); finish them, or close the stage with carry-over so they move to the next stage.`,
      `阶段 ${stageId} 仍有 ${unfinished} 项必办任务未完成；请先完成，或选择“结转”将其转入下一阶段后再转段。`,
      { stageId, unfinished },
    );
  }
}

export class CampaignStagesNotClosed extends DomainError {
  static readonly code = 'CAMPAIGN.STAGES_NOT_CLOSED';
  static readonly kind: DomainErrorKind = 'precondition';
  static remaining(stageIds: readonly string[]): CampaignStagesNotClosed {
    return new CampaignStagesNotClosed(
      `The campaign cannot close while stage(s) ${stageIds.join(', ')} are not closed; close every stage first.`,
      `阶段 ${stageIds.join('、')} 尚未转段，活动不能结束；请先完成所有阶段的转段。`,
      { stageIds },
    );
  }
}
