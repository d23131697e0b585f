// Who may read the installation's operational figures (projection status, Prometheus metrics).
import type { AppConfig } from '@campaign-ledger/runtime';
import { AccessRefused } from '@api/auth/access-policy';
import { SignInRequired } from '@api/auth/auth.errors';
import type { Principal } from '@api/auth/principal';

/** Administrators only, unless PUBLIC_METRICS=true (a scraper without a token). */
export function assertMayReadOperationalFigures(config: AppConfig, principal: Principal | undefined): void {
  if (config.publicMetrics) return;
  if (!principal) throw SignInRequired.noToken();
  if (principal.role !== 'administrator') {
    throw AccessRefused.because('operational figures are for administrators (or set PUBLIC_METRICS=true for a scraper)', '运行指标仅供系统管理员查看');
  }
}
