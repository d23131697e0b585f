import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerModule, type ThrottlerModuleOptions } from '@nestjs/throttler';
import type { Pool } from 'pg';
import { normaliseUsername } from '@campaign-ledger/domain';
import { InMemoryCredentialStore, PasswordHasher, PostgresCredentialStore } from '@campaign-ledger/identity';
import type { AppConfig } from '@campaign-ledger/runtime';
import { APP_CONFIG, CREDENTIAL_STORE, READ_MODEL_POOL } from '../infrastructure/tokens';
import { AccountsService } from './accounts.service';
import { AuthGuard } from './auth.guard';
import { ChangeOwnPasswordHttpController } from './change-own-password/change-own-password.http.controller';
import { ChangeRoleHttpController } from './change-role/change-role.http.controller';
import { CreateAccountHttpController } from './create-account/create-account.http.controller';
import { DisableAccountHttpController } from './disable-account/disable-account.http.controller';
import { EnableAccountHttpController } from './enable-account/enable-account.http.controller';
import { GetMeHttpController } from './get-me/get-me.http.controller';
import { loadJwtSecret } from './jwt-secret';
import { ListAccountsHttpController } from './list-accounts/list-accounts.http.controller';
import { PostgresThrottlerStorage } from './login/login-throttle.storage';
import { LoginHttpController } from './login/login.http.controller';
import { ResetPasswordHttpController } from './reset-password/reset-password.http.controller';
import { TokenIssuer } from './token-issuer';
import { UnitScopeGuard } from './unit-scope.guard';
import { CampaignUnits } from './campaign-units';

/** Log-in attempts per client address a minute, and per account a quarter of an hour (every process counts together). */
export const LOGIN_LIMITS = { perAddressPerMinute: 30, perAccountPerQuarterHour: 10 } as const;

@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [APP_CONFIG, READ_MODEL_POOL],
      // A KeyObject, not the string: jsonwebtoken otherwise tries (and fails) to parse the secret as a public or
      // private key on every sign and verify, which was an eighth of a request's CPU.
      useFactory: async (config: AppConfig, pool: Pool | null) => ({
        secret: createSecretKey(Buffer.from(await loadJwtSecret(pool, config), 'utf8')),
        signOptions: { expiresIn: config.tokenTtlSeconds },
      }),
    }),
    // Only log-in is rate-limited (its route uses the guard); everything else is behind a token. A global limit per
    // address would throttle a whole office behind one NAT address.
    ThrottlerModule.forRootAsync({
      inject: [READ_MODEL_POOL],
      useFactory: async (pool: Pool | null): Promise<ThrottlerModuleOptions> => ({
        throttlers: [
          { name: 'address', ttl: 60_000, limit: LOGIN_LIMITS.perAddressPerMinute },
          {
            name: 'account', ttl: 15 * 60_000, limit: LOGIN_LIMITS.perAccountPerQuarterHour,
            getTracker: (request) => `account:${typeof request.body?.username === 'string' ? normaliseUsername(request.body.username) : ''}`,
          },
        ],
        errorMessage: 'too many log-in attempts: wait and try again (see Retry-After)',
        ...(pool ? { storage: await PostgresThrottlerStorage.create(pool) } : {}),
      }),
    }),
  ],
  controllers: [
    LoginHttpController, GetMeHttpController, ChangeOwnPasswordHttpController,
    ListAccountsHttpController, CreateAccountHttpController, ResetPasswordHttpController, DisableAccountHttpController,
    EnableAccountHttpController, ChangeRoleHttpController,
  ],
  providers: [
    AccountsService,
    TokenIssuer,
    CampaignUnits,
    { provide: PasswordHasher, inject: [APP_CONFIG], useFactory: (config: AppConfig) => new PasswordHasher({ cost: config.passwordHashCost }) },
    {
      provide: CREDENTIAL_STORE,
      inject: [READ_MODEL_POOL],
      useFactory: (pool: Pool | null) => (pool ? PostgresCredentialStore.create(pool) : new InMemoryCredentialStore()),
    },
    // Guards run in this order: who you are, then whether the unit, campaign and branch of the route are yours.
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_GUARD, useClass: UnitScopeGuard },
  ],
  exports: [AccountsService, PasswordHasher, TokenIssuer, CampaignUnits, CREDENTIAL_STORE],
})
export class AuthModule {}
