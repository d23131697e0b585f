import { Body, Controller, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { SkipIdempotency } from '@api/infrastructure/idempotency/skip-idempotency.decorator';
import { Public } from '../principal';
import type { LoginAnswer } from '@campaign-ledger/api-contract';
import { LoginCommand } from './login.handler';
import { LoginDto } from './login.dto';

@ApiTags('auth')
@Controller('auth')
export class LoginHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  // Every attempt is limited per client address (the throttler); failures per account (LoginAttempts). Both are
  // counted in the database, so every API process sees the same counts.
  @UseGuards(ThrottlerGuard)
  // A token is a secret: it is never stored for a replay.
  @SkipIdempotency()
  @ApiOkResponse({ description: 'A bearer token (expires after TOKEN_TTL) and who you are' })
  @ApiUnauthorizedResponse({ description: 'Wrong username or password, or a disabled account' })
  @ApiTooManyRequestsResponse({ description: 'Too many attempts from this address, or too many failures for this account: wait (Retry-After)' })
  login(@Body() body: LoginDto, @Req() request: { ip?: string }): Promise<LoginAnswer> {
    return this.commands.execute(new LoginCommand(body.username, body.password, request.ip ?? 'unknown'));
  }
}
