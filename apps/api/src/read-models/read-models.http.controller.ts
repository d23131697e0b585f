// HTTP over the read models: translates parameters and roles, the queries do the rest.
import { BadRequestException, Controller, Get, Header, Inject, MessageEvent, NotFoundException, Param, Query, Sse } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Observable } from 'rxjs';
import { isIsoDate } from '@campaign-ledger/domain';
import {
  branchDashboard, branchPhaseHeatMap, BranchNotProjected, CampaignNotProjected, campaignOverview, overdueInstances, participationOverTime, rankBranches,
} from '@campaign-ledger/projections';
import type { AppConfig } from '@campaign-ledger/runtime';
import { AccessRefused } from '../auth/access-policy';
import { AccountsService } from '../auth/accounts.service';
import { SignInRequired } from '../auth/auth.errors';
import { CurrentPrincipal, Public, Roles, type Principal } from '../auth/principal';
import { APP_CONFIG } from '../infrastructure/tokens';
import { ProjectionMetrics } from './projection-metrics';
import { ReadModelsService } from './read-models.service';

const WATCHERS = ['leading_group', 'auditor', 'administrator'] as const;
const STREAM_INTERVAL_MS = 500;
/** How often an idle live stream checks that its session still holds. */
const SESSION_CHECK_MS = 5_000;

function translate(error: unknown): never {
  if (error instanceof CampaignNotProjected || error instanceof BranchNotProjected) throw new NotFoundException(error.message);
  throw error;
}

@ApiTags('read-models')
@ApiBearerAuth()
@Controller()
export class ReadModelsHttpController {
  constructor(
    private readonly readModels: ReadModelsService,
    private readonly accounts: AccountsService,
  ) {}

  private asOf(value: string | undefined): string {
    if (value === undefined || value === '') return this.readModels.today();
    if (!isIsoDate(value)) throw new BadRequestException('asOf must be a date YYYY-MM-DD');
    return value;
  }

  private amberDays(value: string | undefined): number | undefined {
    if (value === undefined || value === '') return undefined;
    const days = Number(value);
    if (!Number.isInteger(days) || days < 0 || days > 365) throw new BadRequestException('amberDays must be a whole number of days 0..365');
    return days;
  }

  @Get('projections/freshness')
  @ApiOperation({ summary: 'Whether the figures are current: behind the log, or held back by an open transaction (the web app shows a banner)' })
  freshness() {
    return this.readModels.freshness();
  }

  @Get('campaigns/:campaignId/overview')
  @Roles(...WATCHERS)
  @ApiOperation({ summary: 'Progress per stage, phase and campaign (applicable / done / overdue), half-year check, participation' })
  @ApiQuery({ name: 'asOf', required: false, description: 'YYYY-MM-DD; an earlier day replays the log as recorded by then' })
  @ApiQuery({ name: 'amberDays', required: false })
  async overview(@Param('campaignId') campaignId: string, @Query('asOf') asOfText?: string, @Query('amberDays') amber?: string) {
    const asOf = this.asOf(asOfText);
    return campaignOverview(await this.readModels.sourceAsOf(asOf), campaignId, { asOf, amberWithinDays: this.amberDays(amber) }).catch(translate);
  }

  @Sse('campaigns/:campaignId/overview/stream')
  @Roles(...WATCHERS)
  @ApiOperation({ summary: 'Server-sent events: a fresh overview whenever the read model moves (at most every 500 ms)' })
  overviewStream(
    @Param('campaignId') campaignId: string, @CurrentPrincipal() principal: Principal, @Query('amberDays') amber?: string,
  ): Observable<MessageEvent> {
    const amberWithinDays = this.amberDays(amber);
    return new Observable<MessageEvent>((subscriber) => {
      let timer: NodeJS.Timeout | null = null;
      let lastSent = 0;
      let closed = false;
      // A stream lives no longer than the session that opened it: it ends when the token expires, and at the next
      // look (a push, or the periodic check) once the account is disabled or its password changed.
      const signOut = () => {
        if (closed) return;
        subscriber.next({ type: 'signed-out', data: { message: 'the session ended: sign in again', messageZh: '登录已失效，请重新登录' } });
        subscriber.complete();
      };
      const stillSignedIn = async () => {
        if (await this.accounts.stillSignedIn(principal, Date.now())) return true;
        signOut();
        return false;
      };
      const expiry = principal.session ? setTimeout(signOut, Math.max(0, principal.session.expiresAtMs - Date.now())) : null;
      const check = setInterval(() => void stillSignedIn(), SESSION_CHECK_MS);
      const push = async () => {
        lastSent = Date.now();
        if (!(await stillSignedIn())) return;
        try {
          const overview = await campaignOverview(this.readModels.source(), campaignId, { asOf: this.readModels.today(), amberWithinDays });
          if (!closed) subscriber.next({ type: 'overview', data: overview });
        } catch (error) {
          if (!closed) subscriber.next({ type: 'error', data: { message: error instanceof Error ? error.message : String(error) } });
        }
      };
      const schedule = () => {
        if (timer || closed) return;
        timer = setTimeout(() => {
          timer = null;
          void push();
        }, Math.max(0, lastSent + STREAM_INTERVAL_MS - Date.now()));
      };
      void push();
      const subscription = this.readModels.checkpoints.subscribe({ next: schedule, complete: () => subscriber.complete() });
      return () => {
        closed = true;
        subscription.unsubscribe();
        if (timer) clearTimeout(timer);
        if (expiry) clearTimeout(expiry);
        clearInterval(check);
      };
    });
  }

  @Get('campaigns/:campaignId/branches/:branchId/dashboard')
  @Roles(...WATCHERS, 'secretary')
  @ApiOperation({ summary: "One branch: completion per phase, its instances with due dates and colours, study sessions, participation, three ones" })
  @ApiOkResponse({ description: "A secretary sees only their own branch (403 otherwise)" })
  async dashboard(
    @Param('campaignId') campaignId: string, @Param('branchId') branchId: string,
    @Query('asOf') asOfText?: string, @Query('amberDays') amber?: string,
  ) {
    const asOf = this.asOf(asOfText);
    return branchDashboard(await this.readModels.sourceAsOf(asOf), campaignId, branchId, { asOf, amberWithinDays: this.amberDays(amber) }).catch(translate);
  }

  @Get('campaigns/:campaignId/overdue')
  @Roles(...WATCHERS)
  @ApiOperation({ summary: 'Overdue (red) and due-soon (amber) instances, most overdue first' })
  async overdue(@Param('campaignId') campaignId: string, @Query('asOf') asOfText?: string, @Query('amberDays') amber?: string, @Query('limit') limit?: string) {
    const asOf = this.asOf(asOfText);
    const max = limit === undefined ? undefined : Math.min(1_000, Math.max(1, Number(limit) || 200));
    return overdueInstances(await this.readModels.sourceAsOf(asOf), campaignId, { asOf, amberWithinDays: this.amberDays(amber), limit: max }).catch(translate);
  }

  @Get('campaigns/:campaignId/ranking')
  @Roles(...WATCHERS)
  @ApiQuery({ name: 'by', required: false, enum: ['completion', 'participation'] })
  @ApiOperation({ summary: 'Branches ranked by completion or by participation' })
  async ranking(@Param('campaignId') campaignId: string, @Query('by') by?: string) {
    if (by !== undefined && by !== 'completion' && by !== 'participation') throw new BadRequestException('by must be completion or participation');
    return rankBranches(this.readModels.source(), campaignId, by ?? 'completion').catch(translate);
  }

  @Get('campaigns/:campaignId/heat-map')
  @Roles(...WATCHERS)
  @ApiOperation({ summary: 'Branch × phase: applicable and done instances' })
  async heatMap(@Param('campaignId') campaignId: string) {
    return branchPhaseHeatMap(this.readModels.source(), campaignId).catch(translate);
  }

  @Get('campaigns/:campaignId/participation/weekly')
  @Roles(...WATCHERS)
  @ApiOperation({ summary: 'Participation and attendance per week' })
  async weekly(@Param('campaignId') campaignId: string) {
    return participationOverTime(this.readModels.source(), campaignId).catch(translate);
  }
}

/** Operational figures of the whole installation: administrators only, unless PUBLIC_METRICS=true (a scraper). */
@ApiTags('read-models')
@ApiBearerAuth()
@Public()
@Controller()
export class ProjectionsHttpController {
  constructor(
    private readonly readModels: ReadModelsService,
    private readonly metrics: ProjectionMetrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private assertMayRead(principal: Principal | undefined): void {
    if (this.config.publicMetrics) return;
    if (!principal) throw SignInRequired.noToken();
    if (principal.role !== 'administrator') {
      throw AccessRefused.because('operational figures are for administrators (or set PUBLIC_METRICS=true for a scraper)', '运行指标仅供系统管理员查看');
    }
  }

  @Get('projections/status')
  @ApiOperation({ summary: 'Projection lag (events and seconds behind, events held back by an open transaction), lease owner and checkpoint' })
  status(@CurrentPrincipal() principal: Principal | undefined) {
    this.assertMayRead(principal);
    return this.readModels.status();
  }

  @Get('metrics')
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  @ApiOperation({ summary: 'Prometheus metrics' })
  prometheus(@CurrentPrincipal() principal: Principal | undefined) {
    this.assertMayRead(principal);
    return this.metrics.text();
  }
}
