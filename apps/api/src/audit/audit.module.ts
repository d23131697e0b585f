import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ExportDossierHandler } from './export-dossier/export-dossier.handler';
import { ExportDossierHttpController } from './export-dossier/export-dossier.http.controller';
import { ExportDossierZipHandler } from './export-dossier-zip/export-dossier-zip.handler';
import { ExportDossierZipHttpController } from './export-dossier-zip/export-dossier-zip.http.controller';
import { GetDiffHandler } from './get-diff/get-diff.handler';
import { GetDiffHttpController } from './get-diff/get-diff.http.controller';
import { GetDigestHandler } from './get-digest/get-digest.handler';
import { GetDigestHttpController } from './get-digest/get-digest.http.controller';
import { GetHistoryHandler } from './get-history/get-history.handler';
import { GetHistoryHttpController } from './get-history/get-history.http.controller';
import { GetStateAsOfHandler } from './get-state-as-of/get-state-as-of.handler';
import { GetStateAsOfHttpController } from './get-state-as-of/get-state-as-of.http.controller';
import { AuditorReadGuard } from './record-auditor-reads/auditor-read.guard';
import { VerifyLogHandler } from './verify-log/verify-log.handler';
import { VerifyLogHttpController } from './verify-log/verify-log.http.controller';
import { AuthModule } from '../auth/auth.module';
import { LogScopes } from './log-scopes';

/** Auditors: history, the state as of a moment, diffs, verification of the hash chains, the log digest, and the record of who read what. */
@Module({
  imports: [AuthModule],
  controllers: [
    GetHistoryHttpController,
    GetStateAsOfHttpController,
    GetDiffHttpController,
    VerifyLogHttpController,
    GetDigestHttpController,
    ExportDossierHttpController,
    ExportDossierZipHttpController,
  ],
  providers: [
    GetHistoryHandler,
    GetStateAsOfHandler,
    GetDiffHandler,
    VerifyLogHandler,
    GetDigestHandler,
    ExportDossierHandler,
    ExportDossierZipHandler,
    LogScopes,
    // After AuthModule's AuthGuard (imported first in AppModule), which identifies the principal.
    { provide: APP_GUARD, useClass: AuditorReadGuard },
  ],
})
export class AuditModule {}
