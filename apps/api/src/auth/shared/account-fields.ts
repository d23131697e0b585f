// The validated fields account requests share, and the check that a unit and branch named for an account exist.
import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, MaxLength, ValidateIf } from 'class-validator';
import { BranchNotFound, organisationDecider, organisationStream, ROLES, UnitNotRegistered, type Role } from '@campaign-ledger/domain';
import type { AggregateStore } from '@api/infrastructure/event-sourcing/aggregate-store';

export const PASSWORD_RULE = 'password must be 8..200 characters';

/** A new password: 8..200 characters. */
export const IsNewPassword = () =>
  applyDecorators(ApiProperty({ minLength: 8, maxLength: 200 }), IsString({ message: 'password must be text' }), Length(8, 200, { message: PASSWORD_RULE }));

export const IsRole = () =>
  applyDecorators(ApiProperty({ enum: ROLES }), IsIn(ROLES as unknown as string[], { message: `role must be one of: ${ROLES.join(', ')}` }));

/** Optional unit: required by every role but the installation administrator (the decider says so). */
export const IsUnitId = () =>
  applyDecorators(
    ApiPropertyOptional({ description: 'The unit the account works in; omitted only for an installation administrator' }),
    IsOptional(),
    IsString(),
    Length(1, 100),
  );

export const IsBranchOfSecretary = () =>
  applyDecorators(
    ApiPropertyOptional({ description: 'Required for a secretary: the branch they write for' }),
    ValidateIf((dto: { role?: Role; branchId?: unknown }) => dto.role === 'secretary' || dto.branchId !== undefined),
    IsString({ message: 'branchId is required for a secretary' }),
    Length(1, 100),
  );

export const IsReason = (required: boolean) =>
  required
    ? applyDecorators(
        ApiProperty({ maxLength: 500 }),
        IsString({ message: 'reason must be text' }),
        Length(1, 500, { message: 'reason is required: say why (1..500 characters)' }),
      )
    : applyDecorators(ApiPropertyOptional({ maxLength: 500 }), IsOptional(), IsString(), MaxLength(500));

/** The unit (and the secretary's branch) named for an account must be on record. */
export async function assertScopeExists(aggregates: AggregateStore, unitId: string | null | undefined, branchId: string | null | undefined): Promise<void> {
  if (!unitId) return;
  const { state } = await aggregates.load(organisationStream(unitId), organisationDecider);
  if (state.status !== 'registered') throw UnitNotRegistered.yet();
  if (branchId && !state.branches[branchId]) throw BranchNotFound.withId(branchId);
}

/** The role an account has and where it works: what creating an account and changing its role both name. */
export class AccountScopeDto {
  @IsRole()
  role!: Role;

  @IsUnitId()
  unitId?: string;

  @IsBranchOfSecretary()
  branchId?: string;
}
