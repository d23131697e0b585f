import { Command } from '@nestjs/cqrs';
import type { AttendanceMark, IsoDate } from '@campaign-ledger/domain';
import type { Principal } from '../../auth/principal';

export interface StudySessionResult {
  readonly sessionId: string;
  readonly alreadyDone: boolean;
  readonly revision: number;
  /** Present ÷ expected for this session (到会率), as numerator and denominator. */
  readonly present: number;
  readonly expected: number;
}

export class RecordStudySessionCommand extends Command<StudySessionResult> {
  constructor(
    readonly principal: Principal,
    readonly campaignId: string,
    readonly branchId: string,
    readonly input: { readonly sessionId?: string; readonly date: IsoDate; readonly topic: string; readonly attendance: Readonly<Record<string, AttendanceMark>> },
  ) {
    super();
  }
}
