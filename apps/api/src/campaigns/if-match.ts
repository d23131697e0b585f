// Optimistic concurrency over HTTP for the campaign plan: ETag = the stream revision, If-Match = the revision the editor saw.
import { HttpException, HttpStatus, PreconditionFailedException } from '@nestjs/common';
import type { Response } from 'express';
import { CampaignNotFound } from '@campaign-ledger/domain';
import { ConcurrencyError } from '@campaign-ledger/event-store';
import { etagOf } from './campaign-context';

/** A revision no stream ever has: what a malformed If-Match stands for, so that it fails like a stale one. */
const UNMATCHABLE = -2;

export class IfMatchRequired extends HttpException {
  constructor(campaignId: string) {
    super(
      {
        statusCode: HttpStatus.PRECONDITION_REQUIRED,
        error: 'PRECONDITION.IF_MATCH_REQUIRED',
        message: `this change needs an If-Match header: GET /api/campaigns/${campaignId}, then send its ETag header back as If-Match, so that you never overwrite a change you have not seen`,
        messageZh: `修改计划必须带 If-Match 请求头：请先 GET /api/campaigns/${campaignId}，再把返回的 ETag 作为 If-Match 发送，以免覆盖他人未看到的修改`,
      },
      HttpStatus.PRECONDITION_REQUIRED,
    );
  }
}

/** `"7"`, `W/"7"` or `7` → 7; anything else (including `*` and lists) never matches. */
export function revisionFromIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '') return undefined;
  const match = /^(?:W\/)?"?(\d{1,15})"?$/.exec(header.trim());
  return match ? Number(match[1]) : UNMATCHABLE;
}

export function requireIfMatch(header: string | undefined, campaignId: string): number {
  const revision = revisionFromIfMatch(header);
  if (revision === undefined) throw new IfMatchRequired(campaignId);
  return revision;
}

/**
 * Runs a write made at the revision the client saw; a write that finds the stream elsewhere becomes 412 naming the current ETag
 * (404 when the campaign does not exist at all). Sets the new ETag on success. If-Match is optional for the callers that allow it.
 */
export async function writeAtRevision<T extends { revision: number }>(
  res: Response,
  campaignId: string,
  sent: string | undefined,
  write: () => Promise<T>,
): Promise<T> {
  try {
    const result = await write();
    res.setHeader('ETag', etagOf(result.revision));
    return result;
  } catch (error) {
    if (!(error instanceof ConcurrencyError)) throw error;
    if (typeof error.actual !== 'number') throw CampaignNotFound.notPlanned();
    // Without If-Match the store already retried; what is left is a plain write conflict (409 from the global filter).
    if (sent === undefined || sent.trim() === '') throw error;
    const current = etagOf(error.actual);
    res.setHeader('ETag', current);
    throw new PreconditionFailedException({
      statusCode: HttpStatus.PRECONDITION_FAILED,
      error: 'PRECONDITION.ETAG_MISMATCH',
      message: `the campaign changed since you read it: you sent If-Match ${sent ?? '(none)'} but the current ETag is ${current}; GET /api/campaigns/${campaignId} again, check the plan, and resend with If-Match: ${current}`,
      messageZh: `活动计划已被修改：您发送的 If-Match 为 ${sent ?? '（无）'}，当前 ETag 为 ${current}；请重新读取计划、确认后以 If-Match: ${current} 重新提交`,
      details: { campaignId, sent: sent ?? null, currentETag: current, currentRevision: error.actual },
    });
  }
}
