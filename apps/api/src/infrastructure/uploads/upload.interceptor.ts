// One interceptor per upload route: for a multipart body, multer reads the files, then Idempotency-Key is honoured
// (the body it fingerprints is known only then); any other body goes straight on — the global idempotency
// interceptor has already dealt with it. One layer instead of two on every JSON request to these routes.
import { Inject, Injectable, mixin, type CallHandler, type ExecutionContext, type NestInterceptor, type Type } from '@nestjs/common';
import { from, mergeAll, type Observable } from 'rxjs';
import { IdempotencyAfterUploadInterceptor } from '../idempotency/idempotency.interceptor';
import type { IdempotencyStore } from '../idempotency/idempotency.store';
import { IDEMPOTENCY_STORE } from '../tokens';
import { isMultipart } from './multipart';

/** `@UseInterceptors(UploadInterceptor(FilesInterceptor('evidence', …)))`. */
export function UploadInterceptor(Files: Type<NestInterceptor>): Type<NestInterceptor> {
  @Injectable()
  class Upload implements NestInterceptor {
    private readonly files: NestInterceptor = new Files();
    private readonly idempotency: IdempotencyAfterUploadInterceptor;

    constructor(@Inject(IDEMPOTENCY_STORE) store: IdempotencyStore) {
      this.idempotency = new IdempotencyAfterUploadInterceptor(store);
    }

    intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
      if (!isMultipart(context.switchToHttp().getRequest())) return next.handle();
      const afterFiles: CallHandler = { handle: () => this.idempotency.intercept(context, next) };
      return from(Promise.resolve(this.files.intercept(context, afterFiles))).pipe(mergeAll());
    }
  }
  return mixin(Upload);
}
