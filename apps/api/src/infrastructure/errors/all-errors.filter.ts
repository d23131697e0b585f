import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import { toHttpError } from './http-errors';

/** A client may have put a token in the address (it is not accepted there): never into a log line. */
export const redactUrl = (url: string): string => url.replace(/([?&]access_token=)[^&#]*/gi, '$1[redacted]');

/** The one place where errors become HTTP answers. */
@Catch()
export class AllErrorsFilter implements ExceptionFilter {
  private readonly logger = new Logger('errors');

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse();
    const request = host.switchToHttp().getRequest();
    const body = toHttpError(error) ?? { statusCode: 500, error: 'INTERNAL', message: 'an unexpected error occurred; it has been logged' };
    if (body.statusCode >= 500) this.logger.error(`${request?.method} ${redactUrl(String(request?.url ?? ''))}: ${error instanceof Error ? error.stack : String(error)}`);
    if (response.headersSent) return;
    response.status(body.statusCode).json(body);
  }
}
