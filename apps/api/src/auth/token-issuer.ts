// Signs the bearer tokens: the account, the token epoch it is issued in, and an expiry (TOKEN_TTL) every token has.
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { LoginAnswer } from '@campaign-ledger/api-contract';
import type { Account } from '@campaign-ledger/domain';
import { accountView } from './accounts.service';

@Injectable()
export class TokenIssuer {
  constructor(private readonly jwt: JwtService) {}

  issue(account: Account): Promise<string> {
    return this.jwt.signAsync({ sub: account.accountId, ep: account.tokenEpoch, role: account.role });
  }

  /** What signing in (or changing one's own password) answers: a fresh token and who it is for. */
  async signedIn(account: Account): Promise<LoginAnswer> {
    return { token: await this.issue(account), account: accountView(account) };
  }
}
