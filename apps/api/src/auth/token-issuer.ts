// Signs the bearer tokens: the account, the token epoch it is issued in, and an expiry (TOKEN_TTL) every token has.
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { Account } from '@campaign-ledger/domain';

@Injectable()
export class TokenIssuer {
  constructor(private readonly jwt: JwtService) {}

  issue(account: Account): Promise<string> {
    return this.jwt.signAsync({ sub: account.accountId, ep: account.tokenEpoch, role: account.role });
  }
}
