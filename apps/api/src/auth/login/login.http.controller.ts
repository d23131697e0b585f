import { Body, Controller, HttpCode, Post, UnauthorizedException, UseGuards } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { ApiOkResponse, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { Throttle, ThrottlerGuard } from '@nestjs/throttler';
import { AccountsService } from '../accounts.service';
import { PasswordHasher } from '../password-hasher';
import { Public } from '../principal';
import { LoginDto } from './login.dto';

@ApiTags('auth')
@Controller('auth')
export class LoginHttpController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly hasher: PasswordHasher,
    private readonly jwt: JwtService,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  // Ten attempts a minute per client address: enough for a person, too few to guess passwords.
  @Throttle({ default: { limit: 10, ttl: 60_000 } })
  @UseGuards(ThrottlerGuard)
  @ApiOkResponse({ description: 'A bearer token and who you are' })
  @ApiTooManyRequestsResponse({ description: 'Too many attempts: wait a minute' })
  async login(@Body() body: LoginDto) {
    const account = await this.accounts.findByUsername(body.username);
    // Hash even for an unknown user so that timing does not reveal which usernames exist.
    const ok = account && !account.disabled
      ? await this.hasher.verify(body.password, account.passwordHash)
      : (await this.hasher.hash(body.password), false);
    if (!account || !ok) throw new UnauthorizedException('wrong username or password');
    const token = await this.jwt.signAsync({ sub: account.accountId, role: account.role });
    return {
      token,
      account: {
        accountId: account.accountId, username: account.username, displayName: account.displayName,
        role: account.role, unitId: account.unitId, branchId: account.branchId,
      },
    };
  }
}
