// Upload routes also take plain JSON: their file interceptor (multer) runs only for multipart bodies.
import { mixin, type CallHandler, type ExecutionContext, type NestInterceptor, type Type } from '@nestjs/common';
import type { Observable } from 'rxjs';

export const isMultipart = (request: { headers?: Record<string, string | string[] | undefined> }): boolean => {
  const type = request.headers?.['content-type'];
  return typeof type === 'string' && type.toLowerCase().startsWith('multipart/');
};

/**
 * `FilesInterceptor(...)` for multipart requests only. multer passes other bodies through untouched anyway; skipping
 * it spares a JSON request its stream listeners and exception plumbing (a few per cent of a command's CPU).
 */
export function MultipartOnly(Interceptor: Type<NestInterceptor>): Type<NestInterceptor> {
  class MultipartOnlyInterceptor extends Interceptor {
    override intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> | Promise<Observable<unknown>> {
      if (!isMultipart(context.switchToHttp().getRequest())) return next.handle();
      return super.intercept(context, next);
    }
  }
  return mixin(MultipartOnlyInterceptor);
}
