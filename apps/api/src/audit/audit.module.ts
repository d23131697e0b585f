import { Module } from '@nestjs/common';

/** Auditors: history, verification of the hash chains, the log digest, and the record of who read what. */
@Module({
  controllers: [],
  providers: [],
})
export class AuditModule {}
