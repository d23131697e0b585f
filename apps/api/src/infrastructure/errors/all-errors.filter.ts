import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import { redactUrl } from '../http/redact';
import { toHttpError } from './http-errors';

/** The one place where errors become HTTP answers. */
@Catch()
export class AllErrorsFilter implements ExceptionFilter {
  private readonly logger = new Logger('errors');

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse();
    const request = host.switchToHttp().getRequest();
    const body = toHttpError(error) ?? { statusCode: 500, error: 'INTERNAL', message: 'an unexpected error occurred; it has been logged' };
    if (body.statusCode >= 500)
      this.logger.error(`${request?.method} ${redactUrl(String(request?.url ?? ''))}: ${error instanceof Error ? error.stack : String(error)}`);
    if (response.headersSent) return;
    const details = body.details as { retryAfterSeconds?: unknown; currentETag?: unknown } | undefined;
    if (typeof details?.retryAfterSeconds === 'number') response.setHeader('Retry-After', String(details.retryAfterSeconds));
    // A write refused for a stale If-Match names the current version, as the header a client resends.
    if (body.statusCode === 412 && typeof details?.currentETag === 'string') response.setHeader('ETag', details.currentETag);
    response.status(body.statusCode).json(body);
  }
}
