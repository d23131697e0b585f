import { Module } from '@nestjs/common';

/** Read models: the projector that follows the log, and the queries over its tables. */
@Module({
  controllers: [],
  providers: [],
})
export class ReadModelsModule {}
