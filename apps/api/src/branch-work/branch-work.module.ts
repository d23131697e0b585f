import { Module } from '@nestjs/common';

/** BranchWork use cases: one folder per use case (controller, command, handler, spec). */
@Module({
  controllers: [],
  providers: [],
})
export class BranchWorkModule {}
