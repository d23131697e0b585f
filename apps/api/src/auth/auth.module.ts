import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerModule } from '@nestjs/throttler';
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
      // A KeyObject, not the string: jsonwebtoken otherwise tries (and fails) to parse the secret as a public or
      // private key on every sign and verify, which was an eighth of a request's CPU.
      useFactory: (config: AppConfig) => ({ secret: createSecretKey(Buffer.from(loadJwtSecret(config.dataDir), 'utf8')), signOptions: { expiresIn: '12h' } }),
    }),
    // Only log-in is rate-limited (its own guard and @Throttle); everything else is behind a token. A global limit
    // per address would throttle a whole office behind one NAT address, and every secretary at once.
    ThrottlerModule.forRoot([{ name: 'default', ttl: 60_000, limit: 10_000 }]),
  ],
  controllers: [LoginHttpController, CreateAccountHttpController],
  providers: [
    AccountsService,
    { provide: PasswordHasher, inject: [APP_CONFIG], useFactory: (config: AppConfig) => new PasswordHasher({ cost: config.passwordHashCost }) },
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AccountsService, PasswordHasher],
})
export class AuthModule {}
