import { Module } from '@nestjs/common';
import { CompleteTaskHandler } from './complete-task/complete-task.handler';
import { CompleteTaskHttpController } from './complete-task/complete-task.http.controller';
import { DownloadEvidenceHandler } from './download-evidence/download-evidence.handler';
import { DownloadEvidenceHttpController } from './download-evidence/download-evidence.http.controller';
import { GetBranchWorkHandler } from './get-branch-work/get-branch-work.handler';
import { GetBranchWorkHttpController } from './get-branch-work/get-branch-work.http.controller';
import { RecordMakeUpHandler } from './record-make-up/record-make-up.handler';
import { RecordMakeUpHttpController } from './record-make-up/record-make-up.http.controller';
import { RecordStudySessionHandler } from './record-study-session/record-study-session.handler';
import { RecordStudySessionHttpController } from './record-study-session/record-study-session.http.controller';
import { RecordThreeOnesHandler } from './record-three-ones/record-three-ones.handler';
import { RecordThreeOnesHttpController } from './record-three-ones/record-three-ones.http.controller';
import { ReopenTaskHandler } from './reopen-task/reopen-task.handler';
import { ReopenTaskHttpController } from './reopen-task/reopen-task.http.controller';
import { ReportQuantityHandler } from './report-quantity/report-quantity.handler';
import { ReportQuantityHttpController } from './report-quantity/report-quantity.http.controller';
import { BranchWorkWriter } from './shared/branch-work.writer';

/** BranchWork use cases: one folder per use case (controller, command, handler, spec). */
@Module({
  controllers: [
    CompleteTaskHttpController,
    ReopenTaskHttpController,
    ReportQuantityHttpController,
    RecordStudySessionHttpController,
    RecordMakeUpHttpController,
    RecordThreeOnesHttpController,
    GetBranchWorkHttpController,
    DownloadEvidenceHttpController,
  ],
  providers: [
    BranchWorkWriter,
    CompleteTaskHandler,
    ReopenTaskHandler,
    ReportQuantityHandler,
    RecordStudySessionHandler,
    RecordMakeUpHandler,
    RecordThreeOnesHandler,
    GetBranchWorkHandler,
    DownloadEvidenceHandler,
  ],
})
export class BranchWorkModule {}
