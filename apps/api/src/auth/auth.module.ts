import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerModule, type ThrottlerModuleOptions } from '@nestjs/throttler';
import type { Pool } from 'pg';
import { InMemoryCredentialStore, PasswordHasher, PostgresCredentialStore } from '@campaign-ledger/identity';
import type { AppConfig } from '@campaign-ledger/runtime';
import { APP_CONFIG, CREDENTIAL_STORE, READ_MODEL_POOL } from '../infrastructure/tokens';
import { AccountsService } from './accounts.service';
import { AuthGuard } from './auth.guard';
import { ChangeOwnPasswordHandler } from './change-own-password/change-own-password.handler';
import { ChangeOwnPasswordHttpController } from './change-own-password/change-own-password.http.controller';
import { ChangeRoleHandler } from './change-role/change-role.handler';
import { ChangeRoleHttpController } from './change-role/change-role.http.controller';
import { CreateAccountHandler } from './create-account/create-account.handler';
import { CreateAccountHttpController } from './create-account/create-account.http.controller';
import { DisableAccountHandler } from './disable-account/disable-account.handler';
import { DisableAccountHttpController } from './disable-account/disable-account.http.controller';
import { EnableAccountHandler } from './enable-account/enable-account.handler';
import { EnableAccountHttpController } from './enable-account/enable-account.http.controller';
import { GetMeHandler } from './get-me/get-me.handler';
import { GetMeHttpController } from './get-me/get-me.http.controller';
import { loadJwtSecret } from './jwt-secret';
import { ListAccountsHandler } from './list-accounts/list-accounts.handler';
import { ListAccountsHttpController } from './list-accounts/list-accounts.http.controller';
import { PostgresThrottlerStorage } from './login/login-throttle.storage';
import { InMemoryFailureCounts, LoginAttempts, PostgresFailureCounts } from './login/login-attempts';
import { LoginHandler } from './login/login.handler';
import { LoginHttpController } from './login/login.http.controller';
import { ResetPasswordHandler } from './reset-password/reset-password.handler';
import { ResetPasswordHttpController } from './reset-password/reset-password.http.controller';
import { TokenIssuer } from './token-issuer';
import { UnitScopeGuard } from './unit-scope.guard';
import { CampaignUnits } from './campaign-units';

/** Log-in attempts per client address a minute (failures per account: see LoginAttempts). */
export const LOGIN_ATTEMPTS_PER_ADDRESS_PER_MINUTE = 30;

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
        // The default throttler's name gives the standard Retry-After header.
        throttlers: [{ name: 'default', ttl: 60_000, limit: LOGIN_ATTEMPTS_PER_ADDRESS_PER_MINUTE }],
        errorMessage: 'too many log-in attempts: wait and try again (see Retry-After)',
        ...(pool ? { storage: await PostgresThrottlerStorage.create(pool) } : {}),
      }),
    }),
  ],
  controllers: [
    LoginHttpController,
    GetMeHttpController,
    ChangeOwnPasswordHttpController,
    ListAccountsHttpController,
    CreateAccountHttpController,
    ResetPasswordHttpController,
    DisableAccountHttpController,
    EnableAccountHttpController,
    ChangeRoleHttpController,
  ],
  providers: [
    // One handler per use case; the CommandBus and QueryBus come from CqrsModule.forRoot() in AppModule (global).
    LoginHandler,
    GetMeHandler,
    ChangeOwnPasswordHandler,
    ListAccountsHandler,
    CreateAccountHandler,
    ResetPasswordHandler,
    DisableAccountHandler,
    EnableAccountHandler,
    ChangeRoleHandler,
    AccountsService,
    TokenIssuer,
    {
      provide: LoginAttempts,
      inject: [READ_MODEL_POOL],
      useFactory: async (pool: Pool | null) => new LoginAttempts(pool ? await PostgresFailureCounts.create(pool) : new InMemoryFailureCounts()),
    },
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
