// Honours Idempotency-Key on every POST: a retry with the same key and body gets the first response, once.
import {
  BadRequestException, CallHandler, ConflictException, ExecutionContext, HttpException, Inject, Injectable, Logger, NestInterceptor,
  UnprocessableEntityException,
} from '@nestjs/common';
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { from, lastValueFrom, type Observable } from 'rxjs';
import type { Principal } from '../../auth/principal';
import { toHttpError } from '../errors/http-errors';
import { IDEMPOTENCY_STORE } from '../tokens';
import { isMultipart } from '../uploads/multipart';
import type { IdempotencyStore } from './idempotency.store';


@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  /**
   * The global instance runs before a route's upload interceptor has read a multipart body, so it leaves multipart
   * requests to `IdempotencyAfterUploadInterceptor`, which upload routes list after their file interceptor.
   */
  protected readonly handlesMultipart: boolean = false;

  private readonly logger = new Logger('idempotency');

  constructor(@Inject(IDEMPOTENCY_STORE) private readonly store: IdempotencyStore) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest();
    const key: string | undefined = request.headers?.['idempotency-key'];
    if (request.method !== 'POST' || key === undefined) return next.handle();
    if (isMultipart(request) !== this.handlesMultipart) return next.handle();
    if (key.length < 1 || key.length > 200) throw new BadRequestException('Idempotency-Key must be 1..200 characters');
    const principal: Principal | undefined = request.principal;
    const scope = principal?.accountId ?? 'anonymous';
    const files = ([] as { buffer?: Buffer }[]).concat(request.files ?? [], request.file ?? []);
    const fingerprint = createHash('sha256')
      .update(`${request.method} ${request.originalUrl ?? request.url}\n`)
      .update(canonicalize(request.body ?? null) ?? '')
      .update(files.map((file) => (file.buffer ? createHash('sha256').update(file.buffer).digest('hex') : '')).join(','))
      .digest('hex');
    const response = http.getResponse();
    return from(this.handle(scope, key, fingerprint, response, next));
  }

  private async handle(scope: string, key: string, fingerprint: string, response: any, next: CallHandler): Promise<unknown> {
    const stored = await this.store.claim(scope, key, fingerprint);
    if (stored) {
      if (stored.fingerprint !== fingerprint) {
        throw new UnprocessableEntityException('this Idempotency-Key was already used for a different request: use a new key');
      }
      if (stored.status === null) throw new ConflictException('a request with this Idempotency-Key is still in progress: retry shortly');
      response.setHeader('Idempotent-Replayed', 'true');
      if (stored.status >= 400) throw new HttpException(stored.body as object, stored.status);
      response.status(stored.status);
      return stored.body;
    }
    let body: unknown;
    try {
      body = await lastValueFrom(next.handle(), { defaultValue: undefined });
    } catch (error) {
      // A refusal (4xx) is an answer too and is replayed; anything else frees the key for a retry.
      const answer = toHttpError(error);
      await this.remember(scope, key, answer && answer.statusCode < 500 ? answer : null);
      throw error;
    }
    await this.remember(scope, key, { statusCode: response.statusCode ?? 201, body: body ?? null });
    return body;
  }

  /** Stores the answer for replays; if that fails, frees the key rather than leaving it "in progress" for ever. */
  private async remember(scope: string, key: string, answer: { statusCode: number; body?: unknown } | null): Promise<void> {
    try {
      if (answer) await this.store.complete(scope, key, answer.statusCode, 'body' in answer ? answer.body : answer);
      else await this.store.release(scope, key);
    } catch (error) {
      this.logger.warn(`could not store the answer for Idempotency-Key ${JSON.stringify(key)}: ${(error as Error).message}`);
      await this.store.release(scope, key).catch(() => undefined);
    }
  }
}

/** For upload routes, after their files are read: see `UploadInterceptor` (infrastructure/uploads). */
@Injectable()
export class IdempotencyAfterUploadInterceptor extends IdempotencyInterceptor {
  protected override readonly handlesMultipart = true;
}
