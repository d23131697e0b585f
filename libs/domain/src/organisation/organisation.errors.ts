import type { IsoDate } from '../shared/dates';
import { DomainError, type DomainErrorKind } from '../shared/errors';

export class UnitNotRegistered extends DomainError {
  static readonly code = 'UNIT.NOT_REGISTERED';
  static readonly kind: DomainErrorKind = 'not_found';
  static yet(): UnitNotRegistered {
    return new UnitNotRegistered('This unit is not registered yet: register the unit (name and code) first.', '该单位尚未登记：请先登记单位名称和代码。');
  }
}

export class UnitAlreadyRegistered extends DomainError {
  static readonly code = 'UNIT.ALREADY_REGISTERED';
  static readonly kind: DomainErrorKind = 'conflict';
  static as(unitId: string, name: string): UnitAlreadyRegistered {
    return new UnitAlreadyRegistered(
      `Unit ${unitId} is already registered as "${name}"; rename it instead of registering it again.`,
      `单位 ${unitId} 已登记为“${name}”，无需重复登记。`,
      { unitId, name },
    );
  }
}

export class DivisionAlreadyExists extends DomainError {
  static readonly code = 'DIVISION.ALREADY_EXISTS';
  static readonly kind: DomainErrorKind = 'conflict';
  static withId(divisionId: string): DivisionAlreadyExists {
    return new DivisionAlreadyExists(`Division ${divisionId} already exists; choose another id.`, `处室 ${divisionId} 已存在，请换一个标识。`, { divisionId });
  }
}

export class BranchNotFound extends DomainError {
  static readonly code = 'BRANCH.NOT_FOUND';
  static readonly kind: DomainErrorKind = 'not_found';
  static withId(branchId: string): BranchNotFound {
    return new BranchNotFound(
      `Branch ${branchId} does not exist in this unit; add the branch first or pick an existing one.`,
      `本单位没有支部 ${branchId}：请先添加该支部或选择已有支部。`,
      {
        branchId,
      },
    );
  }
}

export class BranchAlreadyExists extends DomainError {
  static readonly code = 'BRANCH.ALREADY_EXISTS';
  static readonly kind: DomainErrorKind = 'conflict';
  static withId(branchId: string): BranchAlreadyExists {
    return new BranchAlreadyExists(`Branch ${branchId} already exists; choose another id.`, `支部 ${branchId} 已存在，请换一个标识。`, { branchId });
  }
}

export class ReservedBranchId extends DomainError {
  static readonly code = 'BRANCH.RESERVED_ID';
  static readonly kind: DomainErrorKind = 'validation';
  static because(branchId: string): ReservedBranchId {
    return new ReservedBranchId(
      `"${branchId}" is reserved for the unit-level work of campaigns; choose another branch id.`,
      `“${branchId}”是活动单位级工作的保留标识，请换一个支部标识。`,
      { branchId },
    );
  }
}

export class MemberNotFound extends DomainError {
  static readonly code = 'MEMBER.NOT_FOUND';
  static readonly kind: DomainErrorKind = 'not_found';
  static withId(memberId: string): MemberNotFound {
    return new MemberNotFound(
      `Member ${memberId} is not on this unit's roll; check the id or record the member joining first.`,
      `本单位名册中没有党员 ${memberId}：请核对标识或先登记入册。`,
      {
        memberId,
      },
    );
  }
}

export class MemberAlreadyExists extends DomainError {
  static readonly code = 'MEMBER.ALREADY_EXISTS';
  static readonly kind: DomainErrorKind = 'conflict';
  static withId(memberId: string): MemberAlreadyExists {
    return new MemberAlreadyExists(
      `Member ${memberId} is already on the roll (a member who left keeps the id); use another id.`,
      `党员 ${memberId} 已在名册中（已离开的党员仍占用该标识），请使用其他标识。`,
      { memberId },
    );
  }
}

export class SameBranchTransfer extends DomainError {
  static readonly code = 'MEMBER.SAME_BRANCH_TRANSFER';
  static readonly kind: DomainErrorKind = 'validation';
  static of(memberId: string, branchId: string): SameBranchTransfer {
    return new SameBranchTransfer(
      `Member ${memberId} already belongs to branch ${branchId}; choose a different target branch.`,
      `党员 ${memberId} 已在支部 ${branchId}，请选择其他支部。`,
      { memberId, branchId },
    );
  }
}

export class MemberAlreadyExempt extends DomainError {
  static readonly code = 'MEMBER.ALREADY_EXEMPT';
  static readonly kind: DomainErrorKind = 'conflict';
  static on(memberId: string, date: IsoDate): MemberAlreadyExempt {
    return new MemberAlreadyExempt(
      `Member ${memberId} is already exempt on ${date}; reinstate the member before recording a new exemption.`,
      `党员 ${memberId} 在 ${date} 已处于免参状态，如需重新登记请先恢复。`,
      { memberId, date },
    );
  }
}

export class MemberNotExempt extends DomainError {
  static readonly code = 'MEMBER.NOT_EXEMPT';
  static readonly kind: DomainErrorKind = 'conflict';
  static on(memberId: string, date: IsoDate): MemberNotExempt {
    return new MemberNotExempt(
      `Member ${memberId} is not exempt on ${date}, so there is nothing to reinstate.`,
      `党员 ${memberId} 在 ${date} 并未免参，无需恢复。`,
      {
        memberId,
        date,
      },
    );
  }
}

export class MemberHasLeft extends DomainError {
  static readonly code = 'MEMBER.HAS_LEFT';
  static readonly kind: DomainErrorKind = 'conflict';
  static on(memberId: string, leftOn: IsoDate): MemberHasLeft {
    return new MemberHasLeft(
      `Member ${memberId} left on ${leftOn}; no further changes can be recorded for this member.`,
      `党员 ${memberId} 已于 ${leftOn} 离开，不能再登记变动。`,
      { memberId, leftOn },
    );
  }
}

export class MemberChangeOutOfOrder extends DomainError {
  static readonly code = 'MEMBER.CHANGE_OUT_OF_ORDER';
  static readonly kind: DomainErrorKind = 'conflict';
  static before(memberId: string, date: IsoDate, lastChangeOn: IsoDate): MemberChangeOutOfOrder {
    return new MemberChangeOutOfOrder(
      `Member ${memberId}'s last recorded change is on ${lastChangeOn}; a new change must be dated on or after it (got ${date}).`,
      `党员 ${memberId} 最近一次变动在 ${lastChangeOn}，新的变动日期不能早于该日（收到 ${date}）。`,
      { memberId, date, lastChangeOn },
    );
  }
}
