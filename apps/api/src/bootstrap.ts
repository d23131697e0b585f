// Builds the Nest application (shared by main.ts and the e2e tests).
import { ValidationPipe, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { systemClock, type Clock } from '@campaign-ledger/event-store';
import { AppModule } from './app.module';
import type { AppConfig } from './config/app-config';
import { openStorage } from './infrastructure/storage';
import { AllErrorsFilter } from './infrastructure/errors/all-errors.filter';
import { flattenValidationErrors, RequestValidationError } from './infrastructure/errors/http-errors';

export async function createApp(config: AppConfig, clock: Clock = systemClock): Promise<INestApplication> {
  const storage = await openStorage(config, clock);
  try {
    const app = await NestFactory.create(AppModule.register({ config, storage, clock }), { logger: ['error', 'warn'] });
    app.setGlobalPrefix('api');
    app.enableShutdownHooks();
    app.useGlobalFilters(new AllErrorsFilter());
    app.useGlobalPipes(
      new ValidationPipe({
        whitelist: true,
        forbidNonWhitelisted: true,
        transform: true,
        exceptionFactory: (errors) => new RequestValidationError(flattenValidationErrors(errors)),
      }),
    );
    const document = SwaggerModule.createDocument(
      app,
      new DocumentBuilder().setTitle('Campaign Ledger 活动台账').setVersion('0.1').addBearerAuth().build(),
    );
    SwaggerModule.setup('api/docs', app, document);
    return app;
  } catch (error) {
    await storage.close();
    throw error;
  }
}
