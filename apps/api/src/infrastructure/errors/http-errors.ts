// Every error becomes an HTTP answer here and only here: an error raised on purpose carries a code and a kind, and the
// kind's status comes from the one table (DOMAIN_ERROR_HTTP_STATUS). What is left are the errors Nest and Express
// raise themselves (no such route, a throttled address, a body that is not JSON, a file too large).
import { HttpException, HttpStatus } from '@nestjs/common';
import { DOMAIN_ERROR_HTTP_STATUS, isCodedError, reportOf } from '@campaign-ledger/domain';
import { ThrottlerException } from '@nestjs/throttler';
import type { ErrorBody } from '@campaign-ledger/api-contract';

// The body of every error answer is the contract's: declared once, there.
export type { ErrorBody };

const statusName = (status: number) => HttpStatus[status] ?? 'ERROR';

/** Maps a thrown value to status and body; null means an unexpected error (answered 500 and logged). */
export function toHttpError(error: unknown): ErrorBody | null {
  if (isCodedError(error)) {
    const report = reportOf(error);
    return {
      ...report.extra,
      statusCode: DOMAIN_ERROR_HTTP_STATUS[report.kind],
      error: report.code,
      message: report.message,
      ...(report.messageZh ? { messageZh: report.messageZh } : {}),
      ...(report.details ? { details: report.details } : {}),
      ...(report.fieldErrors ? { fieldErrors: report.fieldErrors } : {}),
    };
  }
  if (error instanceof ThrottlerException) {
    return {
      statusCode: 429,
      error: 'AUTH.TOO_MANY_REQUESTS',
      message: 'too many attempts from this address: wait a minute and try again (Retry-After)',
      messageZh: '来自此地址的尝试过多，请稍候一分钟再试',
    };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const response = error.getResponse();
    if (
      typeof response === 'object' &&
      response !== null &&
      'error' in response &&
      'message' in response &&
      typeof (response as ErrorBody).message === 'string'
    ) {
      return { ...(response as ErrorBody), statusCode: status };
    }
    const message = typeof response === 'string' ? response : (response as { message?: unknown }).message;
    return { statusCode: status, error: statusName(status), message: Array.isArray(message) ? message.join('; ') : String(message ?? error.message) };
  }
  // Errors raised by Express middleware before Nest sees the request (body parser, multer).
  if (error && typeof error === 'object') {
    const e = error as { type?: string; status?: number; code?: string; message?: string; field?: string };
    if (e.type === 'entity.parse.failed')
      return { statusCode: 400, error: 'REQUEST.MALFORMED_JSON', message: 'the request body is not valid JSON', messageZh: '请求内容不是有效的 JSON' };
    if (e.type === 'entity.too.large')
      return { statusCode: 413, error: 'REQUEST.TOO_LARGE', message: 'the request body is too large', messageZh: '请求内容过大' };
    if (e.type === 'entity.invalid.text')
      return {
        statusCode: 400,
        error: 'REQUEST.INVALID_TEXT',
        message: e.message ?? 'the body is not acceptable text',
        messageZh: '请求内容必须是不含 NUL 字符的 UTF-8 文本',
      };
    if (e.code === 'LIMIT_FILE_SIZE')
      return { statusCode: 413, error: 'UPLOAD.TOO_LARGE', message: `the file${e.field ? ` in "${e.field}"` : ''} is too large`, messageZh: '上传文件过大' };
    if (typeof e.code === 'string' && e.code.startsWith('LIMIT_')) {
      return {
        statusCode: 400,
        error: `UPLOAD.${e.code}`,
        message: `${e.message ?? 'the upload is not acceptable'}: at most 10 files of 10 MB each`,
        messageZh: '上传不符合要求：最多 10 个文件，每个不超过 10 MB',
      };
    }
    if (typeof e.status === 'number' && e.status >= 400 && e.status < 500)
      return { statusCode: e.status, error: statusName(e.status), message: e.message ?? 'bad request' };
  }
  return null;
}
