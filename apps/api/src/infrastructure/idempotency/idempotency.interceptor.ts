// Honours Idempotency-Key on every POST: a retry with the same key and body gets the first response, once. On a route
// marked @Uploads(…), a multipart body's files are read first (multer), so that they are part of the fingerprint.
import { CallHandler, ExecutionContext, HttpException, Inject, Injectable, Logger, NestInterceptor, type Type } from '@nestjs/common';
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { Reflector } from '@nestjs/core';
import { from, lastValueFrom, mergeAll, type Observable } from 'rxjs';
import { DomainError, type DomainErrorKind } from '@campaign-ledger/domain';
import type { AppConfig } from '@campaign-ledger/runtime';
import type { Principal } from '@api/auth/principal';
import { toHttpError } from '../errors/http-errors';
import { crashPoint } from '../fault-injection';
import { redactText } from '../http/redact';
import type { InstanceLiveness } from '../instance-liveness';
import { APP_CONFIG, IDEMPOTENCY_STORE, INSTANCE_LIVENESS } from '../tokens';
import { withRequestKey } from './keyed-request';
import { assertMultipartText, isMultipart } from '../uploads/multipart';
import { UPLOADS } from '../uploads/uploads.decorator';
import type { IdempotencyStore } from './idempotency.store';
import { SKIP_IDEMPOTENCY } from './skip-idempotency.decorator';

/** An Idempotency-Key header that cannot be used: too long, empty, or the body cannot be fingerprinted. */
export class IdempotencyKeyInvalid extends DomainError {
  static readonly code = 'IDEMPOTENCY.KEY_INVALID';
  static readonly kind: DomainErrorKind = 'validation';
  static badLength(): IdempotencyKeyInvalid {
    return new IdempotencyKeyInvalid('Idempotency-Key must be 1..200 characters', 'Idempotency-Key 须为 1 至 200 个字符');
  }
  static unrecordableBody(): IdempotencyKeyInvalid {
    return new IdempotencyKeyInvalid(
      'the body holds a number too large to record (such as 1e999): send finite numbers',
      '请求体含有无法记录的过大数字（如 1e999）：请发送有限的数字',
    );
  }
}

/** The key was used before for another request. */
export class IdempotencyKeyReused extends DomainError {
  static readonly code = 'IDEMPOTENCY.KEY_REUSED';
  static readonly kind: DomainErrorKind = 'unprocessable';
  static make(): IdempotencyKeyReused {
    return new IdempotencyKeyReused(
      'this Idempotency-Key was already used for a different request: use a new key',
      '该 Idempotency-Key 已用于另一个请求，请换一个新的键',
    );
  }
}

/** The first request with this key is still being answered. */
export class IdempotencyKeyInProgress extends DomainError {
  static readonly code = 'IDEMPOTENCY.IN_PROGRESS';
  static readonly kind: DomainErrorKind = 'conflict';
  static make(): IdempotencyKeyInProgress {
    return new IdempotencyKeyInProgress(
      'a request with this Idempotency-Key is still in progress: retry shortly',
      '使用该 Idempotency-Key 的请求仍在处理中，请稍后重试',
    );
  }
}

/** The body in canonical JSON; a number JSON.parse made infinite (1e999) cannot be fingerprinted, nor recorded. */
function canonicalBody(body: unknown): string {
  try {
    return canonicalize(body ?? null) ?? '';
  } catch {
    throw IdempotencyKeyInvalid.unrecordableBody();
  }
}

/** The part of the (Express) response a replay or a refusal sets. */
interface ReplyResponse {
  readonly statusCode?: number;
  setHeader(name: string, value: string): unknown;
  status(code: number): unknown;
}

@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger('idempotency');
  /** Per route handler: its multer interceptor (from @Uploads), or null. */
  private readonly uploads = new WeakMap<object, NestInterceptor | null>();

  constructor(
    @Inject(IDEMPOTENCY_STORE) private readonly store: IdempotencyStore,
    @Inject(INSTANCE_LIVENESS) private readonly liveness: InstanceLiveness,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'crashAt'>,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest();
    const files = isMultipart(request) ? this.uploadsOf(context) : null;
    if (!files) return this.afterBody(context, next);
    const afterFiles: CallHandler = { handle: () => this.afterBody(context, next) };
    return from(Promise.resolve(files.intercept(context, afterFiles))).pipe(mergeAll());
  }

  private readonly skipped = new WeakMap<object, boolean>();

  /** Routes whose answer holds a secret (@SkipIdempotency) are never stored for replays. */
  private skips(context: ExecutionContext): boolean {
    const handler = context.getHandler();
    let skip = this.skipped.get(handler);
    if (skip === undefined) this.skipped.set(handler, (skip = this.reflector.get<boolean>(SKIP_IDEMPOTENCY, handler) === true));
    return skip;
  }

  private uploadsOf(context: ExecutionContext): NestInterceptor | null {
    const handler = context.getHandler();
    let files = this.uploads.get(handler);
    if (files === undefined) {
      const Files = this.reflector.get<Type<NestInterceptor> | undefined>(UPLOADS, handler);
      files = Files ? new Files() : null;
      this.uploads.set(handler, files);
    }
    return files;
  }

  /** The body (and files) are read: replay, refuse or run the request. */
  private afterBody(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest();
    if (isMultipart(request)) assertMultipartText(request);
    const key: string | undefined = request.headers?.['idempotency-key'];
    if (request.method !== 'POST' || key === undefined || this.skips(context)) return next.handle();
    if (key.length < 1 || key.length > 200) throw IdempotencyKeyInvalid.badLength();
    const principal: Principal | undefined = request.principal;
    const scope = principal?.accountId ?? 'anonymous';
    const files = ([] as { buffer?: Buffer }[]).concat(request.files ?? [], request.file ?? []);
    const fingerprint = createHash('sha256')
      .update(`${request.method} ${request.originalUrl ?? request.url}\n`)
      .update(canonicalBody(request.body))
      .update(files.map((file) => (file.buffer ? createHash('sha256').update(file.buffer).digest('hex') : '')).join(','))
      .digest('hex');
    const response = http.getResponse<ReplyResponse>();
    return from(this.handle(scope, key, fingerprint, response, next));
  }

  private async handle(scope: string, key: string, fingerprint: string, response: ReplyResponse, next: CallHandler): Promise<unknown> {
    const stored = await this.store.claim(scope, key, fingerprint, this.liveness.me);
    let recovering = false;
    if (stored) {
      if (stored.fingerprint !== fingerprint) {
        throw IdempotencyKeyReused.make();
      }
      if (stored.status === null) {
        // Claimed by a process that died before answering: take the request over. The write path then looks in the
        // log for what that attempt committed, and answers from it; if nothing was committed, the request runs anew.
        recovering = !(await this.liveness.isAlive(stored.owner)) && (await this.store.takeOver(scope, key, stored.owner, this.liveness.me));
        if (!recovering) {
          response.setHeader('Retry-After', '1');
          throw IdempotencyKeyInProgress.make();
        }
        this.logger.warn(`Idempotency-Key ${JSON.stringify(redactText(key))}: the process that took it died before answering; answering from the log`);
      } else {
        response.setHeader('Idempotent-Replayed', 'true');
        // The first answer, as it was sent: a stored refusal is already an HTTP answer.
        if (stored.status >= 400) throw new HttpException(stored.body as object, stored.status);
        response.status(stored.status);
        return stored.body;
      }
    }
    crashPoint(this.config.crashAt, 'after-claim-before-write');
    let body: unknown;
    try {
      body = await withRequestKey(scope, key, recovering, () => lastValueFrom(next.handle(), { defaultValue: undefined }));
      crashPoint(this.config.crashAt, 'after-commit-before-answer');
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
      this.logger.warn(`could not store the answer for Idempotency-Key ${JSON.stringify(redactText(key))}: ${(error as Error).message}`);
      await this.store.release(scope, key).catch(() => undefined);
    }
  }
}
