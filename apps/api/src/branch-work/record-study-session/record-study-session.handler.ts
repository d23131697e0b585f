import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { StudySessionResult } from '@campaign-ledger/api-contract';
import { v7 as uuidv7 } from 'uuid';
import { BranchWorkWriter } from '../shared/branch-work.writer';
import type { AttendanceMark, IsoDate } from '@campaign-ledger/domain';
import type { Principal } from '@api/auth/principal';

export class RecordStudySessionCommand extends Command<StudySessionResult> {
  constructor(
    readonly principal: Principal,
    readonly campaignId: string,
    readonly branchId: string,
    readonly input: {
      readonly sessionId?: string;
      readonly date: IsoDate;
      readonly topic: string;
      readonly attendance: Readonly<Record<string, AttendanceMark>>;
    },
  ) {
    super();
  }
}

@CommandHandler(RecordStudySessionCommand)
export class RecordStudySessionHandler implements ICommandHandler<RecordStudySessionCommand, StudySessionResult> {
  constructor(private readonly writer: BranchWorkWriter) {}

  async execute({ principal, campaignId, branchId, input }: RecordStudySessionCommand): Promise<StudySessionResult> {
    const sessionId = input.sessionId ?? uuidv7();
    const outcome = await this.writer.write(
      principal,
      {
        type: 'RecordStudySession',
        data: { campaignId, branchId, sessionId, date: input.date, topic: input.topic, attendance: input.attendance, by: principal.accountId },
      },
      { asOf: input.date, memberIds: Object.keys(input.attendance) },
    );
    const recorded = outcome.events.find((e) => e.type === 'StudySessionRecorded');
    const data = recorded?.type === 'StudySessionRecorded' ? recorded.data : null;
    return {
      sessionId,
      alreadyDone: outcome.alreadyDone,
      revision: outcome.revision,
      present: data ? data.expected.filter((id) => data.attendance[id] === 'present').length : 0,
      expected: data ? data.expected.length : 0,
    };
  }
}
