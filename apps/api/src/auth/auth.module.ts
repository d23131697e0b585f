import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import type { AppConfig } from '@campaign-ledger/runtime';
import { APP_CONFIG } from '../infrastructure/tokens';
import { AccountsService } from './accounts.service';
import { AuthGuard } from './auth.guard';
import { CreateAccountHttpController } from './create-account/create-account.http.controller';
import { loadJwtSecret } from './jwt-secret';
import { LoginHttpController } from './login/login.http.controller';
import { PasswordHasher } from './password-hasher';

@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ secret: loadJwtSecret(config.dataDir), signOptions: { expiresIn: '12h' } }),
    }),
    // Only routes that opt in with @Throttle() are limited in practice (log-in); the default is generous.
    ThrottlerModule.forRoot([{ name: 'default', ttl: 60_000, limit: 10_000 }]),
  ],
  controllers: [LoginHttpController, CreateAccountHttpController],
  providers: [
    AccountsService,
    { provide: PasswordHasher, inject: [APP_CONFIG], useFactory: (config: AppConfig) => new PasswordHasher({ cost: config.passwordHashCost }) },
    { provide: APP_GUARD, useClass: ThrottlerGuard },
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AccountsService, PasswordHasher],
})
export class AuthModule {}
