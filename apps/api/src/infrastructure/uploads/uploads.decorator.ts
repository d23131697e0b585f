// Routes that take files: `@Uploads(FilesInterceptor('evidence', …))`. The global request interceptor
// (IdempotencyInterceptor) runs multer for a multipart body on such a route, then honours Idempotency-Key with the
// files known; a JSON body goes straight on. One interceptor on every route instead of two on upload routes.
import { SetMetadata, type NestInterceptor, type Type } from '@nestjs/common';

export const UPLOADS = 'campaign-ledger:uploads';

/** Marks the route as taking multipart uploads, read by the given @nestjs/platform-express interceptor (multer). */
export const Uploads = (files: Type<NestInterceptor>) => SetMetadata(UPLOADS, files);
