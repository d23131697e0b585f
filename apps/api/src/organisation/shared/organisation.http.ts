// HTTP details every organisation controller shares: the roles, and for writes the ETag of the unit's stream revision.
import { applyDecorators } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOperation,
  ApiPreconditionFailedResponse,
} from '@nestjs/swagger';
import type { Role } from '@campaign-ledger/domain';
import { Roles } from '@api/auth/principal';
import { RespondsWithETag } from '@api/infrastructure/http/if-match';

export const WRITERS: Role[] = ['administrator'];
export const READERS: Role[] = ['administrator', 'leading_group', 'auditor'];
/** The roster of one branch: its own secretary may read it too (checked per branch by `assertCanReadBranch`). */
export const ROSTER_READERS: Role[] = [...READERS, 'secretary'];

/** Swagger and role metadata of every organisation write: administrator only, optional If-Match. */
export function OrganisationWrite(summary: string) {
  return applyDecorators(
    Roles(...WRITERS),
    RespondsWithETag(),
    ApiOperation({ summary, description: 'Administrator only. The response carries the new stream revision in `revision` and `ETag`.' }),
    ApiHeader({ name: 'If-Match', required: false, description: 'ETag of the unit as read; refused with 412 when the unit changed since' }),
    ApiBadRequestResponse({ description: 'A field is missing or malformed (fieldErrors say which)' }),
    ApiForbiddenResponse({ description: 'Only an administrator maintains the organisation' }),
    ApiNotFoundResponse({ description: 'Unknown unit, branch or member' }),
    ApiConflictResponse({ description: 'The id is taken, or the change contradicts the record' }),
    ApiPreconditionFailedResponse({ description: 'If-Match names an older revision' }),
  );
}
