// Builds the Nest application (shared by main.ts and the e2e tests).
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ValidationPipe, type INestApplication } from '@nestjs/common';
import type { NestExpressApplication, NestExpressBodyParserOptions } from '@nestjs/platform-express';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { systemClock, type Clock } from '@campaign-ledger/event-store';
import { setOfficeTimeZone } from '@campaign-ledger/office-time';
import { AppModule } from './app.module';
import type { AppConfig } from '@campaign-ledger/runtime';
import { openStorage } from '@campaign-ledger/runtime';
import { AllErrorsFilter } from './infrastructure/errors/all-errors.filter';
import { toHttpError } from './infrastructure/errors/http-errors';
import { flattenValidationErrors, RequestValidationError } from './infrastructure/errors/request-validation.error';
import { problemWithJsonBody, problemWithTarget, RequestTextInvalid } from './infrastructure/http/request-text';
import { trackRequests } from './infrastructure/graceful-shutdown';

const MAX_JSON_DEPTH = 32;

function refuseDeepJson(_request: unknown, _response: unknown, buffer: Buffer): void {
  const problem = problemWithJsonBody(buffer);
  if (problem) throw Object.assign(new Error(`${problem}: send UTF-8 text without NUL characters`), { status: 400, type: 'entity.invalid.text' });
  let depth = 0;
  let inString = false;
  for (let i = 0; i < buffer.length; i++) {
    const c = buffer[i];
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > MAX_JSON_DEPTH) {
        throw Object.assign(new Error(`the JSON body is nested more than ${MAX_JSON_DEPTH} levels deep`), { status: 400, type: 'entity.too.deep' });
      }
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
}

/** The built web app (WEB_DIST, else dist/apps/web), served by this same process so that `npm start` is one URL. */
export function webAppDirectory(config: Pick<AppConfig, 'webDist'>): string | null {
  const candidates = [config.webDist, resolve(__dirname, '../../web'), resolve(process.cwd(), 'dist/apps/web')];
  return candidates.find((dir): dir is string => !!dir && existsSync(join(dir, 'index.html'))) ?? null;
}

function serveWebApp(app: INestApplication, config: AppConfig): void {
  const dir = webAppDirectory(config);
  if (!dir) return;
  (app as NestExpressApplication).useStaticAssets(dir, { index: false, maxAge: '1h' });
  const express = app.getHttpAdapter().getInstance();
  // Client-side routes: anything that is not the API and not a file gets the app's index.html.
  express.use((request: { method: string; path: string }, response: { sendFile(path: string): void }, next: () => void) => {
    if (request.method !== 'GET' || request.path.startsWith('/api')) return next();
    response.sendFile(join(dir, 'index.html'));
  });
}

export async function createApp(config: AppConfig, clock: Clock = systemClock): Promise<INestApplication> {
  setOfficeTimeZone(config.officeTimeZone);
  const storage = await openStorage(config, clock);
  try {
    const app = await NestFactory.create(AppModule.register({ config, storage, clock }), { logger: ['error', 'warn'] });
    trackRequests(app);
    app.setGlobalPrefix('api');
    const express = app as NestExpressApplication;
    // Whom to believe about the client's address (X-Forwarded-For): the log-in limit per address counts it.
    express.set('trust proxy', config.trustProxy);
    express.disable('x-powered-by');
    // The only entity tags are the stream revisions routes set on purpose (If-Match); none computed from any body.
    express.set('etag', false);
    // Before anything parses or records it: an address that is not UTF-8 text, or holds NUL, is refused (400).
    express.use((request: { originalUrl: string }, response: { status(code: number): { json(body: unknown): void } }, next: () => void) => {
      const problem = problemWithTarget(request.originalUrl);
      if (!problem) return next();
      // Answered as the filter answers every error (Nest's filters do not reach middleware).
      const answer = toHttpError(RequestTextInvalid.inAddress(problem));
      if (answer) response.status(answer.statusCode).json(answer);
    });
    // JSON nested deeper than any request of ours is refused before validation recurses through it.
    (app as NestExpressApplication).useBodyParser('json', { limit: '1mb', verify: refuseDeepJson } as NestExpressBodyParserOptions);
    app.useGlobalFilters(new AllErrorsFilter());
    app.useGlobalPipes(
      new ValidationPipe({
        whitelist: true,
        forbidNonWhitelisted: true,
        transform: true,
        exceptionFactory: (errors) => new RequestValidationError(flattenValidationErrors(errors)),
      }),
    );
    const document = SwaggerModule.createDocument(app, new DocumentBuilder().setTitle('Campaign Ledger 活动台账').setVersion('0.1').addBearerAuth().build());
    SwaggerModule.setup('api/docs', app, document);
    serveWebApp(app, config);
    return app;
  } catch (error) {
    await storage.close();
    throw error;
  }
}
