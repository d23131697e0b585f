import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createTestDatabase, type TestDatabase } from '@campaign-ledger/testing-support';
import { createApp } from '../bootstrap';
import { loadConfig } from '@campaign-ledger/runtime';

describe('health over HTTP on real PostgreSQL', () => {
  let database: TestDatabase;
  let app: INestApplication;

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await createApp(loadConfig({ DATABASE_URL: database.url, EVENT_STORE: 'postgres', PORT: '0' }));
    await app.init();
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('reports the event store backend and that it answers', async () => {
    const response = await request(app.getHttpServer()).get('/api/health').expect(200);
    expect(response.body.status).toBe('ok');
    // The server does not announce what it runs on.
    expect(response.headers['x-powered-by']).toBeUndefined();
    expect(response.body.eventStore).toMatchObject({ backend: 'postgres', ok: true });
    const status = await request(app.getHttpServer()).get('/api/event-store/status').expect(200);
    expect(status.body.backend).toBe('postgres');
  });

  it('serves the OpenAPI document', async () => {
    const response = await request(app.getHttpServer()).get('/api/docs-json').expect(200);
    expect(response.body.paths['/api/health']).toBeDefined();
  });

  it('answers an unknown route with 404, not 500', async () => {
    await request(app.getHttpServer()).get('/api/nowhere').expect(404);
  });
});
