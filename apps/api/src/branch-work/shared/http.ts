// What the branch-work controllers share: the route prefix, the roles that write, and 201-or-200 answers.
import { Roles } from '@api/auth/principal';

export const BRANCH_ROUTE = 'campaigns/:campaignId/branches/:branchId';

/** Secretaries (their own branch) and the leading group (unit-level work only); the policy narrows it per branch. */
export const BranchWorkWriters = () => Roles('secretary', 'leading_group');

/** The slice of the Express response the controllers touch. */
export interface HttpResponse {
  status(code: number): unknown;
  setHeader(name: string, value: string): unknown;
}

/** 201 when something was recorded, 200 when the request repeated one already recorded. */
export function answerWrite<T extends { alreadyDone: boolean }>(response: HttpResponse, result: T): T {
  response.status(result.alreadyDone ? 200 : 201);
  return result;
}
