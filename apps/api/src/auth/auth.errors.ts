// Why a request is not signed in (401): each says what to do.
import { DomainError, type DomainErrorKind } from '@campaign-ledger/domain';

export class SignInRequired extends DomainError {
  static readonly code = 'AUTH.SIGN_IN_REQUIRED';
  static readonly kind: DomainErrorKind = 'unauthenticated';

  static noToken(): SignInRequired {
    return new SignInRequired('sign in first: send "Authorization: Bearer <token>" from POST /api/auth/login', '请先登录：在请求头中携带登录返回的令牌');
  }

  static tokenInvalid(): SignInRequired {
    return new SignInRequired('the token is invalid or expired: sign in again', '登录已失效或已过期，请重新登录');
  }

  static accountGone(): SignInRequired {
    return new SignInRequired('this account no longer exists or is disabled', '该账号已不存在或已停用');
  }

  static passwordChanged(): SignInRequired {
    return new SignInRequired(
      'the password of this account was changed or reset, or the account was disabled: sign in again',
      '该账号的密码已修改或重置，请重新登录',
    );
  }

  static wrongPassword(): SignInRequired {
    return new SignInRequired('wrong username or password', '用户名或密码错误');
  }
}
