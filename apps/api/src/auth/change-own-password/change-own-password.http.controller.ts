import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { SkipIdempotency } from '@api/infrastructure/idempotency/skip-idempotency.decorator';
import { CurrentPrincipal, OwnAccount, type Principal } from '../principal';
import type { LoginAnswer } from '@campaign-ledger/api-contract';
import { ChangeOwnPasswordCommand } from './change-own-password.handler';
import { ChangeOwnPasswordDto } from './change-own-password.dto';

@ApiTags('auth')
@ApiBearerAuth()
@Controller('auth')
export class ChangeOwnPasswordHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post('password')
  @HttpCode(200)
  @SkipIdempotency()
  @OwnAccount()
  @ApiOkResponse({ description: 'Changed: every earlier token of the account stops working; a new token is returned' })
  @ApiUnauthorizedResponse({ description: 'Not signed in' })
  change(@Body() body: ChangeOwnPasswordDto, @CurrentPrincipal() principal: Principal, @Req() request: { ip?: string }): Promise<LoginAnswer> {
    return this.commands.execute(new ChangeOwnPasswordCommand(body.currentPassword, body.newPassword, principal, request.ip ?? 'unknown'));
  }
}
