import type { IsoDate } from '../shared/dates';
import { DomainError, type DomainErrorKind } from '../shared/errors';

export class WrongBranchWorkStream extends DomainError {
  static readonly code = 'BRANCH_WORK.WRONG_STREAM';
  static readonly kind: DomainErrorKind = 'validation';
  static because(field: string, expected: string, actual: string): WrongBranchWorkStream {
    return new WrongBranchWorkStream(
      `The command's ${field} is "${actual}" but this branch-work stream (or its context) is for "${expected}"; send it to the right campaign and branch.`,
      `指令中的 ${field} 为“${actual}”，但该支部工作流属于“${expected}”，请提交到正确的活动和支部。`,
      { field, expected, actual },
    );
  }
}

export class InstanceNotFound extends DomainError {
  static readonly code = 'INSTANCE.NOT_FOUND';
  static readonly kind: DomainErrorKind = 'not_found';
  static withKey(instanceKey: string): InstanceNotFound {
    return new InstanceNotFound(
      `No applicable task instance "${instanceKey}" in this branch; pick an instance from the branch's task list.`,
      `本支部没有适用的任务实例“${instanceKey}”，请从本支部任务清单中选择。`,
      { instanceKey },
    );
  }
}

export class InstanceNotInBranch extends DomainError {
  static readonly code = 'INSTANCE.NOT_IN_BRANCH';
  static readonly kind: DomainErrorKind = 'forbidden';
  static because(instanceKey: string, branchId: string): InstanceNotInBranch {
    return new InstanceNotInBranch(
      `Task instance "${instanceKey}" is not this branch's (${branchId}) work; only the branch or office that owns it may record it.`,
      `任务实例“${instanceKey}”不属于本支部（${branchId}），只能由其所属支部或办公室登记。`,
      { instanceKey, branchId },
    );
  }
}

export class MemberNotInBranch extends DomainError {
  static readonly code = 'MEMBER.NOT_IN_BRANCH';
  static readonly kind: DomainErrorKind = 'forbidden';
  static on(memberId: string, branchId: string, date: IsoDate): MemberNotInBranch {
    return new MemberNotInBranch(
      `Member ${memberId} is not in branch ${branchId} on ${date}; a branch records only its own members.`,
      `党员 ${memberId} 在 ${date} 不属于支部 ${branchId}，支部只能登记本支部党员。`,
      { memberId, branchId, date },
    );
  }
}

export class MemberIsExempt extends DomainError {
  static readonly code = 'MEMBER.EXEMPT';
  static readonly kind: DomainErrorKind = 'conflict';
  static on(memberId: string, date: IsoDate): MemberIsExempt {
    return new MemberIsExempt(
      `Member ${memberId} is exempt on ${date} and has no work to record; reinstate the member first if they take part again.`,
      `党员 ${memberId} 在 ${date} 处于免参状态，无需登记；如恢复参加，请先办理恢复。`,
      { memberId, date },
    );
  }
}

export class TaskAlreadyCompleted extends DomainError {
  static readonly code = 'TASK.ALREADY_COMPLETED';
  static readonly kind: DomainErrorKind = 'conflict';
  static because(instanceKey: string, completedOn: IsoDate, by: string): TaskAlreadyCompleted {
    return new TaskAlreadyCompleted(
      `Task instance "${instanceKey}" was already completed on ${completedOn} by ${by}; reopen it with a reason before recording a different completion.`,
      `任务实例“${instanceKey}”已于 ${completedOn} 由 ${by} 办结；如需更正，请先说明原因重新打开。`,
      { instanceKey, completedOn, by },
    );
  }
}

export class TaskNotCompleted extends DomainError {
  static readonly code = 'TASK.NOT_COMPLETED';
  static readonly kind: DomainErrorKind = 'conflict';
  static cannotReopen(instanceKey: string): TaskNotCompleted {
    return new TaskNotCompleted(
      `Task instance "${instanceKey}" is not completed, so there is nothing to reopen.`,
      `任务实例“${instanceKey}”尚未办结，无需重新打开。`,
      { instanceKey },
    );
  }
}

export class NotAQuantityTask extends DomainError {
  static readonly code = 'TASK.NOT_QUANTITY';
  static readonly kind: DomainErrorKind = 'validation';
  static forTask(taskId: string): NotAQuantityTask {
    return new NotAQuantityTask(
      `Task ${taskId} is a checklist task; mark it complete instead of reporting a quantity.`,
      `任务 ${taskId} 为清单型任务，请直接标记办结，不能填报数量。`,
      { taskId },
    );
  }
}

export class QuantityReportIdReused extends DomainError {
  static readonly code = 'QUANTITY.REPORT_ID_REUSED';
  static readonly kind: DomainErrorKind = 'conflict';
  static withId(reportId: string): QuantityReportIdReused {
    return new QuantityReportIdReused(
      `Report id ${reportId} was already used for a different report; use a new report id.`,
      `填报编号 ${reportId} 已用于另一次填报，请使用新的编号。`,
      { reportId },
    );
  }
}

export class StudySessionExists extends DomainError {
  static readonly code = 'STUDY.SESSION_EXISTS';
  static readonly kind: DomainErrorKind = 'conflict';
  static withId(sessionId: string, date: IsoDate): StudySessionExists {
    return new StudySessionExists(
      `Study session ${sessionId} was already recorded (held on ${date}); use a new session id, or record make-ups against the existing one.`,
      `集中学习 ${sessionId}（${date}）已登记；请使用新的编号，或在原记录上登记补学。`,
      { sessionId, date },
    );
  }
}

export class StudySessionNotFound extends DomainError {
  static readonly code = 'STUDY.SESSION_NOT_FOUND';
  static readonly kind: DomainErrorKind = 'not_found';
  static withId(sessionId: string): StudySessionNotFound {
    return new StudySessionNotFound(
      `No study session ${sessionId} is recorded in this branch; record the session first.`,
      `本支部没有集中学习记录 ${sessionId}，请先登记该次学习。`,
      {
        sessionId,
      },
    );
  }
}

export class AttendanceIncomplete extends DomainError {
  static readonly code = 'STUDY.ATTENDANCE_INCOMPLETE';
  static readonly kind: DomainErrorKind = 'validation';
  static missing(memberIds: readonly string[]): AttendanceIncomplete {
    return new AttendanceIncomplete(
      `The attendance sheet leaves out ${memberIds.length} active member(s): ${memberIds.join(', ')}; mark each of them present, on leave or absent.`,
      `签到表缺少 ${memberIds.length} 名应到党员：${memberIds.join('、')}；请逐一登记到会、请假或缺席。`,
      { memberIds },
    );
  }
}

export class ExemptMemberNotExpected extends DomainError {
  static readonly code = 'STUDY.EXEMPT_NOT_EXPECTED';
  static readonly kind: DomainErrorKind = 'validation';
  static mark(memberId: string, mark: string): ExemptMemberNotExpected {
    return new ExemptMemberNotExpected(
      `Member ${memberId} is exempt and not expected at study sessions, so "${mark}" does not apply; leave them out, or mark them present if they came.`,
      `党员 ${memberId} 免参，不计入应到人数，不能登记为“${mark}”；请不登记，或在其到会时登记为到会。`,
      { memberId, mark },
    );
  }
}

export class MakeUpNotNeeded extends DomainError {
  static readonly code = 'STUDY.MAKE_UP_NOT_NEEDED';
  static readonly kind: DomainErrorKind = 'conflict';
  static because(sessionId: string, memberId: string, mark: string): MakeUpNotNeeded {
    return new MakeUpNotNeeded(
      `Member ${memberId} was "${mark}" at session ${sessionId}; a make-up (补学) is only for members absent or on leave.`,
      `党员 ${memberId} 在学习 ${sessionId} 中为“${mark}”，只有缺席或请假的党员才需补学。`,
      { sessionId, memberId, mark },
    );
  }
}

export class AlreadyMadeUp extends DomainError {
  static readonly code = 'STUDY.ALREADY_MADE_UP';
  static readonly kind: DomainErrorKind = 'conflict';
  static on(sessionId: string, memberId: string, date: IsoDate): AlreadyMadeUp {
    return new AlreadyMadeUp(`Member ${memberId} already made up session ${sessionId} on ${date}.`, `党员 ${memberId} 已于 ${date} 补学了 ${sessionId}。`, {
      sessionId,
      memberId,
      date,
    });
  }
}

export class ThreeOnesAlreadyRecorded extends DomainError {
  static readonly code = 'THREE_ONES.ALREADY_RECORDED';
  static readonly kind: DomainErrorKind = 'conflict';
  static for(memberId: string, item: string, date: IsoDate): ThreeOnesAlreadyRecorded {
    return new ThreeOnesAlreadyRecorded(
      `Member ${memberId}'s "${item}" (three ones) was already recorded on ${date}; each item is recorded once.`,
      `党员 ${memberId} 的“三个一”之“${item}”已于 ${date} 登记，每项只登记一次。`,
      { memberId, item, date },
    );
  }
}
