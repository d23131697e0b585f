// HTTP details every organisation controller shares: the roles, the ETag and If-Match of a unit's stream revision.
import { applyDecorators, BadRequestException, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import {
  ApiBadRequestResponse, ApiConflictResponse, ApiForbiddenResponse, ApiHeader, ApiNotFoundResponse, ApiOperation, ApiPreconditionFailedResponse,
} from '@nestjs/swagger';
import type { Role } from '@campaign-ledger/domain';
import { Roles } from '@api/auth/principal';

export const WRITERS: Role[] = ['administrator'];
export const READERS: Role[] = ['administrator', 'leading_group', 'auditor'];
/** The roster of one branch: its own secretary may read it too (checked per branch by `assertCanReadBranch`). */
export const ROSTER_READERS: Role[] = [...READERS, 'secretary'];

/** Strong entity tag of a unit at a stream revision: `"<revision>"`. */
export const etagOf = (revision: number): string => `"${revision}"`;

/** The revision named by an `If-Match` header (`"3"`, `W/"3"` or `3`); undefined when absent. */
export const IfMatchRevision = createParamDecorator((_: unknown, context: ExecutionContext): number | undefined => {
  const header: string | undefined = context.switchToHttp().getRequest().headers?.['if-match'];
  if (header === undefined || header.trim() === '' || header.trim() === '*') return undefined;
  const match = /^(?:W\/)?"?(\d{1,15})"?$/.exec(header.trim());
  if (!match) throw new BadRequestException(`If-Match must be the ETag of the unit as read (e.g. "3"), got ${header}`);
  return Number(match[1]);
});

/** Swagger and role metadata of every organisation write: administrator only, optional If-Match. */
export function OrganisationWrite(summary: string) {
  return applyDecorators(
    Roles(...WRITERS),
    ApiOperation({ summary, description: 'Administrator only. The response carries the new stream revision in `revision` and `ETag`.' }),
    ApiHeader({ name: 'If-Match', required: false, description: 'ETag of the unit as read; refused with 412 when the unit changed since' }),
    ApiBadRequestResponse({ description: 'A field is missing or malformed (fieldErrors say which)' }),
    ApiForbiddenResponse({ description: 'Only an administrator maintains the organisation' }),
    ApiNotFoundResponse({ description: 'Unknown unit, branch or member' }),
    ApiConflictResponse({ description: 'The id is taken, or the change contradicts the record' }),
    ApiPreconditionFailedResponse({ description: 'If-Match names an older revision' }),
  );
}
