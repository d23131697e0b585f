import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { GetDigestHttpController } from './get-digest/get-digest.http.controller';
import { GetHistoryHttpController } from './get-history/get-history.http.controller';
import { AuditorReadInterceptor } from './record-auditor-reads/auditor-read.interceptor';
import { VerifyLogHttpController } from './verify-log/verify-log.http.controller';

/** Auditors: history, verification of the hash chains, the log digest, and the record of who read what. */
@Module({
  controllers: [GetHistoryHttpController, VerifyLogHttpController, GetDigestHttpController],
  providers: [{ provide: APP_INTERCEPTOR, useClass: AuditorReadInterceptor }],
})
export class AuditModule {}
