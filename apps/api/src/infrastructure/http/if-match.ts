// Optimistic concurrency over HTTP, the same for every resource: ETag = the stream revision as `"<revision>"`;
// If-Match = the revision the editor saw. One parser, one decorator, one response header.
import { createParamDecorator, type CallHandler, type ExecutionContext, Injectable, type NestInterceptor, UseInterceptors } from '@nestjs/common';
import type { Request, Response } from 'express';
import { map, type Observable } from 'rxjs';
import { DomainError, type DomainErrorKind } from '@campaign-ledger/domain';

/** Strong entity tag of a stream revision. */
export const etagOf = (revision: number): string => `"${revision}"`;

/** The If-Match header is not an entity tag of ours. */
export class IfMatchMalformed extends DomainError {
  static readonly code = 'REQUEST.IF_MATCH_MALFORMED';
  static readonly kind: DomainErrorKind = 'validation';
  static header(sent: string): IfMatchMalformed {
    return new IfMatchMalformed(
      `If-Match must be the ETag you read (e.g. "3"), or * for any current version; got ${JSON.stringify(sent)}`,
      `If-Match 必须是读取时得到的 ETag（例如 "3"），或 * 表示任意当前版本；收到的是 ${JSON.stringify(sent)}`,
      { sent },
    );
  }
}

/** A change that must say which version it was made on came without If-Match. */
export class IfMatchRequired extends DomainError {
  static readonly code = 'PRECONDITION.IF_MATCH_REQUIRED';
  static readonly kind: DomainErrorKind = 'precondition_required';
  static forRead(readPath: string): IfMatchRequired {
    return new IfMatchRequired(
      `this change needs an If-Match header: GET ${readPath}, then send its ETag header back as If-Match, so that you never overwrite a change you have not seen`,
      `此修改必须带 If-Match 请求头：请先 GET ${readPath}，再把返回的 ETag 作为 If-Match 发送，以免覆盖他人未看到的修改`,
      { read: readPath },
    );
  }
}

/**
 * `"7"`, `W/"7"` or `7` → 7 (a weak tag compares like a strong one: our tags name a revision, nothing else);
 * `*` or no header → undefined (any current version); anything else → IfMatchMalformed (400).
 */
export function revisionFromIfMatch(header: string | undefined): number | undefined {
  const text = header?.trim() ?? '';
  if (text === '' || text === '*') return undefined;
  const match = /^(?:W\/)?"?(\d{1,15})"?$/.exec(text);
  if (!match) throw IfMatchMalformed.header(header ?? '');
  return Number(match[1]);
}

export interface IfMatchOptions {
  /**
   * The change is refused (428) without If-Match; the value is the path to read the ETag from, with `:name` taken
   * from the route's parameters (e.g. `/api/campaigns/:campaignId`). `*` is accepted: the caller says so explicitly.
   */
  readonly requiredFrom?: string;
}

/** The revision the caller saw (If-Match), for the command; undefined when the caller does not ask for one. */
export const IfMatch = createParamDecorator((options: IfMatchOptions | undefined, context: ExecutionContext): number | undefined => {
  const request = context.switchToHttp().getRequest<Request>();
  const header = request.headers['if-match'];
  const sent = Array.isArray(header) ? header.join(', ') : header;
  if (options?.requiredFrom && (sent === undefined || sent.trim() === '')) {
    throw IfMatchRequired.forRead(options.requiredFrom.replace(/:(\w+)/g, (_, name: string) => String(request.params?.[name] ?? `:${name}`)));
  }
  return revisionFromIfMatch(sent);
});

@Injectable()
class ETagOfResult implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const response = context.switchToHttp().getResponse<Response>();
    return next.handle().pipe(
      map((result: unknown) => {
        const revision = (result as { revision?: unknown } | null)?.revision;
        if (typeof revision === 'number' && !response.headersSent) response.setHeader('ETag', etagOf(revision));
        return result;
      }),
    );
  }
}

/** The answer's `revision` becomes its ETag header (a refused write names the current one through the error filter). */
export const RespondsWithETag = () => UseInterceptors(ETagOfResult);
