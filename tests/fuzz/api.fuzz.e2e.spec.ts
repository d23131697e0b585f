// Fuzz (issue 3): 1,000 generated malformed requests against every route the served OpenAPI document lists,
// as every role and anonymously, on the real API over HTTP and a fresh real PostgreSQL.
//
//   npx jest tests/fuzz                      seed printed at the start; FUZZ_SEED=<n> replays a run, FUZZ_RUNS=<n> sizes it
//
// Asserts: no answer ≥ 500 (and no dropped connection); every 4xx body is {statusCode, error, message} with
// statusCode = the HTTP status; and a refused request (≥ 400) appended no event. The generator does send some
// valid requests (a mutation may leave a body valid, e.g. POST …/stages/S1/open has no body to break), so the
// "nothing written" check is made per request: the requests run one at a time and the events table's head is
// read before and after each; only answers ≥ 400 must leave it unchanged.
import { writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { Client } from 'pg';
import { AUDITOR_READS_STREAM_PREFIX } from '@campaign-ledger/audit';
import { EVENT_STORE } from '../../apps/api/src/infrastructure/tokens';
import { startApiTestApp, type ApiTestApp } from '../../apps/api/src/testing/api-test-app';
import { CAMPAIGN, QUANTITY_TASK, seedOffice, UNIT } from '../../apps/api/src/branch-work/testing/seed-office';

const SEED = Number(process.env.FUZZ_SEED ?? 20_090_316);
const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);
const clock = { now: () => new Date('2009-04-01T02:00:00Z') };

jest.setTimeout(180_000);

// ---------------------------------------------------------------------------------------------------------
// What a generated request is, and how it is sent (raw node:http: the path goes out byte for byte).

interface FuzzRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body?: Buffer;
  /** Which route of the OpenAPI document it came from, and what was done to it. */
  readonly route: string;
  readonly mutation: string;
}

interface FuzzResponse {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly text: string;
  readonly error?: string;
}

function send(port: number, request: FuzzRequest): Promise<FuzzResponse> {
  return new Promise((resolve) => {
    const headers: Record<string, string | number> = { ...request.headers, Connection: 'close' };
    if (request.body !== undefined) headers['Content-Length'] = request.body.length;
    let req: http.ClientRequest;
    try {
      req = http.request({ host: '127.0.0.1', port, method: request.method, path: request.path, headers, agent: false });
    } catch (error) {
      // The client refused to send it (a path or header Node will not put on the wire): not the server's doing.
      resolve({ status: 0, headers: {}, text: '', error: `client refused: ${(error as Error).message}` });
      return;
    }
    req.setTimeout(15_000, () => req.destroy(new Error('no answer within 15 s')));
    req.on('response', (res) => {
      // A server-sent-events stream never ends by design: its status is the answer.
      if (String(res.headers['content-type'] ?? '').startsWith('text/event-stream')) {
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text: '' });
        req.destroy();
        return;
      }
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', (error) =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8'), error: error.message }),
      );
    });
    req.on('error', (error) => resolve({ status: -1, headers: {}, text: '', error: error.message }));
    req.end(request.body);
  });
}

// ---------------------------------------------------------------------------------------------------------
// The routes, from the served OpenAPI document.

interface OpenApiSchema {
  type?: string;
  $ref?: string;
  properties?: Record<string, OpenApiSchema>;
  required?: string[];
  items?: OpenApiSchema;
  enum?: unknown[];
  example?: unknown;
  allOf?: OpenApiSchema[];
  format?: string;
}

/** The parts of the served OpenAPI document the generator reads. */
interface OpenApiParameter {
  readonly in: string;
  readonly name: string;
}

interface OpenApiOperation {
  readonly parameters?: OpenApiParameter[];
  readonly requestBody?: { readonly content?: Record<string, { readonly schema?: OpenApiSchema }> };
}

interface OpenApiDocument {
  readonly paths: Record<string, Record<string, OpenApiOperation>>;
  readonly components: { readonly schemas: Record<string, OpenApiSchema> };
}

interface Operation {
  readonly method: string;
  readonly template: string;
  readonly pathParams: string[];
  readonly queryParams: string[];
  readonly headerParams: string[];
  readonly contentTypes: string[];
  readonly bodySchema?: OpenApiSchema;
}

function operationsOf(doc: OpenApiDocument): Operation[] {
  const ops: Operation[] = [];
  for (const [template, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const params = op.parameters ?? [];
      const content = op.requestBody?.content ?? {};
      const contentTypes = Object.keys(content);
      ops.push({
        method: method.toUpperCase(),
        template,
        pathParams: params.filter((p) => p.in === 'path').map((p) => p.name),
        queryParams: params.filter((p) => p.in === 'query').map((p) => p.name),
        headerParams: params.filter((p) => p.in === 'header').map((p) => p.name),
        contentTypes,
        bodySchema: contentTypes.length ? content[contentTypes[0]].schema : undefined,
      });
    }
  }
  return ops;
}

function resolveSchema(doc: OpenApiDocument, schema: OpenApiSchema | undefined, depth = 0): OpenApiSchema | undefined {
  if (!schema || depth > 5) return schema;
  if (schema.$ref) return resolveSchema(doc, doc.components.schemas[schema.$ref.split('/').pop() as string], depth + 1);
  if (schema.allOf?.length === 1) return resolveSchema(doc, schema.allOf[0], depth + 1);
  return schema;
}

/** A plausible value for a schema (examples and enums first), for mutation into something wrong. */
function plausible(doc: OpenApiDocument, raw: OpenApiSchema | undefined, depth = 0): unknown {
  const schema = resolveSchema(doc, raw);
  if (!schema) return 'x';
  if (schema.example !== undefined) return schema.example;
  if (schema.enum?.length) return schema.enum[0];
  switch (schema.type) {
    case 'string':
      return schema.format === 'date' ? '2009-04-01' : schema.format === 'binary' ? undefined : '示例';
    case 'number':
    case 'integer':
      return 1;
    case 'boolean':
      return true;
    case 'array':
      return depth > 3 ? [] : [plausible(doc, schema.items, depth + 1)].filter((v) => v !== undefined);
    default: {
      if (depth > 3 || !schema.properties) return {};
      const out: Record<string, unknown> = {};
      for (const [name, prop] of Object.entries(schema.properties)) {
        const value = plausible(doc, prop, depth + 1);
        if (value !== undefined) out[name] = value;
      }
      return out;
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Hostile values.

const REAL_IDS: Record<string, string[]> = {
  unitId: [UNIT, 'U404'],
  branchId: ['B1', 'B2', '_unit', 'B999'],
  campaignId: [CAMPAIGN, 'C404'],
  memberId: ['M1', 'M2', 'M3', 'M4', 'M999'],
  taskId: ['T05', 'T11', QUANTITY_TASK, 'T999'],
  stageId: ['S1', 'S2', 'S9'],
  instanceKey: ['T05:branch:B1', 'T07:member:M1', 'T07:member:M4', `${QUANTITY_TASK}:branch:B1`, 'T11:branch:B2', 'T05:branch:B2'],
  sessionId: ['s-1', 'B1-W1'],
  templateId: ['sdp-2009', 'nope'],
  sha256: ['0'.repeat(64), 'a'.repeat(64), 'f'.repeat(63)],
};

/** Raw path segments (sent as is when Node allows, otherwise percent-encoded). */
const hostileSegment = fc
  .oneof(
    fc.constantFrom(
      '..',
      '.',
      '../',
      '..%2F..%2Fetc%2Fpasswd',
      '%2e%2e%2f',
      '%00',
      'a%00b',
      '%',
      '%zz',
      '%E4%B8',
      '%C0%AE',
      ':',
      '::::',
      ':id',
      '__proto__',
      'constructor',
      'prototype',
      'toString',
      'null',
      'undefined',
      'NaN',
      '-1',
      '0',
      '1e309',
      '9'.repeat(40),
      "'; DROP TABLE events;--",
      '${jndi:ldap://x}',
      '{{7*7}}',
      '<script>',
      '%3Cscript%3E',
      'T05:branch:B1:extra',
      'T05::B1',
      'T05:branch:',
      ':member:M1',
      'T07:member:',
      'T07:leader:M1',
      'T05%3Abranch%3AB1',
      '%252e',
      '%u002e',
      'a;b',
      'a,b',
      'a|b',
      '*',
      '~',
      'C1?x=1',
    ),
    fc.constantFrom('a', '支', '🎉', '\u202e', '\ufeff', 'é').chain((c) => fc.integer({ min: 200, max: 1200 }).map((n) => encodeURIComponent(c.repeat(n)))),
    fc.integer({ min: 1000, max: 6000 }).map((n) => 'x'.repeat(n)),
    fc.string({ unit: 'binary', maxLength: 30 }).map((s) => encodeURIComponent(s) || '%20'),
    fc.string({ unit: 'grapheme', maxLength: 20 }).map((s) => encodeURIComponent(s) || '-'),
  )
  .map((s) => (/^[\x21-\x7e]*$/.test(s) ? s : encodeURIComponent(s)));

const hostileScalar: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    null,
    '',
    ' ',
    'NaN',
    'Infinity',
    '-0',
    '1e309',
    '2009-02-30',
    '2009-13-01',
    '0000-00-00',
    '9999-99-99',
    '2009-4-1',
    true,
    false,
    0,
    -1,
    2 ** 53 + 1,
    -(2 ** 63),
    1e308,
    Number.MIN_VALUE,
    'null',
    'undefined',
    '__proto__',
    '\u0000',
    '\ud800',
    '<script>alert(1)</script>',
    "'; DROP TABLE events;--",
    '../../etc/passwd',
    {},
    [],
    [[]],
    { $gt: '' },
    { __proto__: { admin: true } },
    ['a', 1, null],
  ),
  fc.string({ maxLength: 50 }),
  fc.string({ unit: 'grapheme', minLength: 2001, maxLength: 2500 }),
  fc.integer({ min: 3000, max: 20_000 }).map((n) => '长'.repeat(n)),
  fc.double(),
  fc.bigInt().map((n) => Number(n)),
  fc.object({ maxDepth: 3 }),
  fc.array(fc.anything({ maxDepth: 2 }), { maxLength: 5 }),
);

const deepNest = (depth: number, open: string, close: string, core = '1') => open.repeat(depth) + core + close.repeat(depth);

/** Whole bodies that are not what any route wants, as JSON text (some not even JSON). */
const hostileJsonText = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    'null',
    'true',
    '42',
    '"string"',
    '[]',
    '[{}]',
    '[null]',
    '{"a":',
    '{a:1}',
    "{'a':1}",
    '{"a":1,}',
    '{"a":1}{"b":2}',
    '\u0000',
    '\ufeff{}',
    '{"__proto__":{"polluted":true}}',
    '{"constructor":{"prototype":{"polluted":true}}}',
    '{"note":1e999}',
    '{"amount":1e999}',
    '{"amount":-1e999}',
    'NaN',
    '{"amount":NaN}',
    '{"note":"\\ud800"}',
    '{"x":"\\u0000"}',
    '{"a":1,"a":2}',
    'undefined',
    '{}',
  ),
  fc.integer({ min: 500, max: 40_000 }).map((d) => deepNest(d, '[', ']')),
  fc.integer({ min: 500, max: 15_000 }).map((d) => deepNest(d, '{"a":', '}')),
  fc.integer({ min: 110_000, max: 300_000 }).map((n) => `{"note":"${'x'.repeat(n)}"}`),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.array(fc.anything({ maxDepth: 3 }), { maxLength: 4 }).map((v) => JSON.stringify(v)),
);

const bodyContentType = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  'application/json; charset=nope',
  'text/plain',
  'application/x-www-form-urlencoded',
  'application/xml',
  'application/octet-stream',
  'application/merge-patch+json',
  'multipart/form-data',
  'multipart/form-data; boundary=',
  'multipart/mixed; boundary=zz',
  '*/*',
  'json',
  ';;;',
);

// ---------------------------------------------------------------------------------------------------------
// The generator.

type Principal = 'anonymous' | 'bad-token' | 'basic' | 'admin' | 'leader' | 'auditor' | 'sec-b1' | 'sec-b2';
const PRINCIPALS: Principal[] = ['anonymous', 'bad-token', 'basic', 'admin', 'leader', 'auditor', 'sec-b1', 'sec-b2'];

function buildGenerator(doc: OpenApiDocument, ops: Operation[], tokens: Record<string, string>): fc.Arbitrary<FuzzRequest> {
  const pathValue = (name: string) =>
    fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...(REAL_IDS[name] ?? ['x'])).map(encodeURIComponent) }, { weight: 2, arbitrary: hostileSegment });

  const mutatedBody = (op: Operation) => {
    const sample = plausible(doc, op.bodySchema);
    const base = (sample !== null && typeof sample === 'object' && !Array.isArray(sample) ? sample : {}) as Record<string, unknown>;
    const schema = resolveSchema(doc, op.bodySchema);
    const fields = Object.keys(schema?.properties ?? { note: {} });
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant('wrong-type'), field: fc.constantFrom(...fields), value: hostileScalar }),
      fc.record({ kind: fc.constant('missing'), field: fc.constantFrom(...fields), value: fc.constant(undefined) }),
      fc.record({
        kind: fc.constant('extra'),
        field: fc.constantFrom('isAdmin', '__proto__', 'revision', 'by', 'role', 'evidence', 'x'.repeat(300)),
        value: hostileScalar,
      }),
      fc.record({ kind: fc.constant('null'), field: fc.constantFrom(...fields), value: fc.constant(null) }),
      fc.record({
        kind: fc.constant('nested'),
        field: fc.constantFrom(...fields),
        value: fc.integer({ min: 50, max: 3000 }).map((d) => JSON.parse(deepNest(Math.min(d, 900), '{"a":', '}'))),
      }),
    );
    return fc.array(mutation, { minLength: 1, maxLength: 3 }).map((mutations) => {
      const body: Record<string, unknown> = JSON.parse(JSON.stringify(base));
      for (const m of mutations) {
        if (m.kind === 'missing') delete body[m.field];
        else Object.defineProperty(body, m.field, { value: m.value, enumerable: true, writable: true, configurable: true });
      }
      return { text: JSON.stringify(body), mutation: mutations.map((m) => `${m.kind}:${m.field.slice(0, 20)}`).join(',') };
    });
  };

  const multipartJunk = fc
    .record({
      boundary: fc.constantFrom('zz', 'x'.repeat(80), '----a', '"q"'),
      field: fc.constantFrom('note', 'completedOn', 'commandId', 'evidence', 'file', 'junk', '__proto__', '', 'note[]', 'evidence[0]'),
      value: fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('', '2009-02-30', 'x'.repeat(3000))),
      asFile: fc.boolean(),
      filename: fc.constantFrom('a.pdf', '../../etc/passwd', '', '会议记录.pdf', '\u0000.png', 'x'.repeat(300)),
      files: fc.integer({ min: 1, max: 12 }),
      truncate: fc.boolean(),
    })
    .map((m) => {
      const parts: string[] = [];
      for (let i = 0; i < (m.asFile ? m.files : 1); i += 1) {
        parts.push(
          m.asFile
            ? `--${m.boundary}\r\nContent-Disposition: form-data; name="${m.field}"; filename="${m.filename}"\r\nContent-Type: application/pdf\r\n\r\n%PDF junk ${m.value}\r\n`
            : `--${m.boundary}\r\nContent-Disposition: form-data; name="${m.field}"\r\n\r\n${m.value}\r\n`,
        );
      }
      const text = parts.join('') + (m.truncate ? '' : `--${m.boundary}--\r\n`);
      return {
        contentType: `multipart/form-data; boundary=${m.boundary}`,
        text,
        mutation: `multipart:${m.field}${m.asFile ? `×${m.files} files` : ''}${m.truncate ? ',truncated' : ''}`,
      };
    });

  const body = (op: Operation) =>
    fc.oneof(
      { weight: 4, arbitrary: mutatedBody(op).map((b) => ({ contentType: 'application/json', ...b })) },
      {
        weight: 3,
        arbitrary: fc.record({ contentType: fc.constant('application/json'), text: hostileJsonText }).map((b) => ({ ...b, mutation: 'json-text' })),
      },
      {
        weight: 2,
        arbitrary: fc
          .record({
            contentType: bodyContentType,
            text: fc.oneof(
              hostileJsonText,
              mutatedBody(op).map((b) => b.text),
              fc.constantFrom('a[b][c]=1&__proto__[x]=y&note=1', '<note>x</note>'),
            ),
          })
          .map((b) => ({ ...b, mutation: `content-type:${b.contentType}` })),
      },
      { weight: 2, arbitrary: multipartJunk },
      { weight: 1, arbitrary: fc.constant({ contentType: '', text: '', mutation: 'no-body' }) },
      {
        weight: 1,
        arbitrary: fc
          .record({
            contentType: fc.constantFrom('application/json', 'text/plain'),
            text: fc.constant('{"note":"x"}'),
            enc: fc.constantFrom('gzip', 'deflate', 'br', 'identity, gzip', 'zstd', 'x'),
          })
          .map((b) => ({ contentType: b.contentType, text: b.text, encoding: b.enc, mutation: `content-encoding:${b.enc}` })),
      },
    );

  const headerValue = fc.oneof(
    fc.constantFrom(
      '',
      ' ',
      '"0"',
      '"-1"',
      '"1.5"',
      '"NaN"',
      'W/"0"',
      '*',
      '0',
      '"99999999999999999999999"',
      '"',
      '""',
      'abc',
      '"0", "1"',
      'x'.repeat(300),
      '\t',
    ),
    fc.string({ unit: 'binary-ascii', maxLength: 30 }).map((s) => s.replace(/[^\t\x20-\x7e]/g, '')),
  );

  const query = (op: Operation) =>
    fc
      .array(
        fc.tuple(
          fc.oneof(
            fc.constantFrom(...(op.queryParams.length ? op.queryParams : ['x'])),
            fc.constantFrom('on[]', 'on[a]', '__proto__[x]', 'branchId', 'unitId', 'dryRun', 'campaignId'),
          ),
          fc.oneof(hostileSegment, fc.constantFrom('B1', 'U1', 'C1', 'true', '2009-04-01')),
        ),
        { maxLength: 3 },
      )
      .map((pairs) => (pairs.length ? `?${pairs.map(([k, v]) => `${encodeURIComponent(k)}=${v}`).join('&')}` : ''));

  return fc
    .constantFrom(...ops)
    .chain(
      (op) =>
        fc
          .record({
            op: fc.constant(op),
            method: fc.oneof(
              { weight: 19, arbitrary: fc.constant(op.method) },
              { weight: 1, arbitrary: fc.constantFrom('PUT', 'PATCH', 'DELETE', 'OPTIONS', op.method === 'GET' ? 'POST' : 'GET') },
            ),
            params: fc.tuple(...op.pathParams.map(pathValue), fc.constant('')),
            query: query(op),
            body: op.method === 'POST' ? body(op) : fc.option(body(op), { freq: 5 }),
            principal: fc.constantFrom(...PRINCIPALS),
            idempotencyKey: fc.option(fc.oneof(headerValue, fc.uuid()), { freq: 2 }),
            ifMatch: fc.option(headerValue, { freq: 2 }),
            correlation: fc.option(headerValue, { freq: 4 }),
          })
          .map(({ op: o, method, params, query: q, body: b, principal, idempotencyKey, ifMatch, correlation }) => {
            let i = 0;
            const path = o.template.replace(/\{[^}]+\}/g, () => params[i++]) + q;
            const headers: Record<string, string> = {};
            if (principal === 'bad-token') headers.Authorization = 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJhY2MtYWRtaW4ifQ.';
            else if (principal === 'basic') headers.Authorization = 'Basic YWRtaW46YWRtaW4=';
            else if (principal !== 'anonymous') headers.Authorization = `Bearer ${tokens[principal]}`;
            if (idempotencyKey !== null) headers['Idempotency-Key'] = idempotencyKey;
            if (ifMatch !== null) headers['If-Match'] = ifMatch;
            if (correlation !== null) headers['x-correlation-id'] = correlation;
            let payload: Buffer | undefined;
            let mutation = 'none';
            if (b) {
              if (b.contentType) headers['Content-Type'] = b.contentType;
              if ('encoding' in b && b.encoding) headers['Content-Encoding'] = b.encoding as string;
              payload = b.contentType.includes('utf-16') ? Buffer.from(b.text, 'utf16le') : Buffer.from(b.text, 'utf8');
              mutation = b.mutation;
            }
            return { method, path, headers, body: payload, route: `${o.method} ${o.template}`, mutation };
          }),
      // Node's HTTP parser answers a request head over 16 KB with a bare 431 before Express sees it: stay under.
    )
    .filter((r) => r.path.length < 12_000);
}

// ---------------------------------------------------------------------------------------------------------

interface ErrorShape {
  statusCode: unknown;
  error: unknown;
  message: unknown;
}
const hasErrorShape = (status: number, text: string) => {
  try {
    const body = JSON.parse(text) as ErrorShape;
    return body !== null && body.statusCode === status && typeof body.error === 'string' && typeof body.message === 'string';
  } catch {
    return false;
  }
};

const clip = (s: string, n = 400) => (s.length > n ? `${s.slice(0, n)}… (${s.length} chars)` : s);
const describeRequest = (r: FuzzRequest) =>
  `${r.method} ${clip(r.path, 200)}  [route ${r.route}; ${r.mutation}]\n    headers ${clip(JSON.stringify({ ...r.headers, Authorization: r.headers.Authorization ? `${r.headers.Authorization.slice(0, 14)}…` : undefined }), 300)}\n    body ${r.body ? clip(JSON.stringify(r.body.toString('utf8')), 300) : '(none)'}`;

describe(`API fuzz: ${RUNS} malformed requests (fast-check seed ${SEED})`, () => {
  let t: ApiTestApp;
  let port: number;
  let db: Client;
  let server: http.Server;
  const serverLog: string[] = [];
  let restoreLog: () => void;

  beforeAll(async () => {
    t = await startApiTestApp({ clock });
    await seedOffice(t.app.get(EVENT_STORE));
    server = t.app.getHttpServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
    db = new Client({ connectionString: t.sqlUrl });
    await db.connect();
    // The server's error log (5xx stacks) goes to stderr/stdout: keep it to attach to failures.
    const { write: errWrite } = process.stderr;
    const { write: outWrite } = process.stdout;
    const capture = (chunk: unknown) => {
      serverLog.push(String(chunk));
      return true;
    };
    process.stderr.write = capture as typeof process.stderr.write;
    process.stdout.write = capture as typeof process.stdout.write;
    restoreLog = () => {
      process.stderr.write = errWrite;
      process.stdout.write = outWrite;
    };
  });

  afterAll(async () => {
    restoreLog?.();
    await db?.end();
    await t?.close();
  });

  it('answers every malformed request with a 4xx in the error shape (or a 2xx), never ≥ 500, and writes nothing when it refuses', async () => {
    const doc = JSON.parse((await send(port, { method: 'GET', path: '/api/docs-json', headers: {}, route: 'doc', mutation: 'none' })).text) as OpenApiDocument;
    const ops = operationsOf(doc);
    expect(ops.length).toBeGreaterThan(30);
    const tokens: Record<string, string> = {
      admin: await t.signIn({ username: 'fz-admin', password: 'fz-admin-pass', role: 'administrator' }),
      leader: await t.signIn({ username: 'fz-leader', password: 'fz-leader-pass', role: 'leading_group' }),
      auditor: await t.signIn({ username: 'fz-auditor', password: 'fz-auditor-pass', role: 'auditor' }),
      'sec-b1': await t.signIn({ username: 'fz-sec-b1', password: 'fz-sec-b1-pass', role: 'secretary', branchId: 'B1', unitId: UNIT }),
      'sec-b2': await t.signIn({ username: 'fz-sec-b2', password: 'fz-sec-b2-pass', role: 'secretary', branchId: 'B2', unitId: UNIT }),
    };
    restoreLog();
    console.log(`fuzz: fast-check seed ${SEED} (replay with FUZZ_SEED=${SEED}), ${RUNS} requests over ${ops.length} operations from /api/docs-json`);
    process.stderr.write = ((chunk: unknown) => {
      serverLog.push(String(chunk));
      return true;
    }) as typeof process.stderr.write;

    const requests = fc.sample(buildGenerator(doc, ops, tokens), { seed: SEED, numRuns: RUNS });
    // Auditors' GETs are recorded on purpose (AuditorRead, one per GET, refused or not, in their own streams): not a write by the request.
    const head = async () =>
      (
        await db.query<{ head: string }>('SELECT coalesce(max(position), 0)::text AS head FROM events WHERE NOT starts_with(stream_id, $1)', [
          AUDITOR_READS_STREAM_PREFIX,
        ])
      ).rows[0].head;

    const serverErrors: string[] = [];
    const badShapes: string[] = [];
    const refusedButWrote: string[] = [];
    const statusCounts = new Map<number, number>();
    const routesHit = new Set<string>();
    let clientRefused = 0;
    const started = Date.now();
    for (const [index, request] of requests.entries()) {
      const before = await head();
      const logMark = serverLog.length;
      const response = await send(port, request);
      const after = await head();
      if (response.status === 0) {
        clientRefused += 1;
        continue;
      }
      statusCounts.set(response.status, (statusCounts.get(response.status) ?? 0) + 1);
      routesHit.add(request.route);
      const line = () =>
        `#${index} ${describeRequest(request)}\n    → ${response.status}${response.error ? ` (${response.error})` : ''} ${clip(response.text)}`;
      if (response.status >= 500 || response.status < 0) {
        serverErrors.push(`${line()}\n    server log: ${clip(serverLog.slice(logMark).join('').trim(), 3000) || '(nothing logged)'}`);
      } else if (response.status >= 400 && !hasErrorShape(response.status, response.text)) {
        badShapes.push(line());
      }
      if (response.status >= 400 && after !== before) refusedButWrote.push(`${line()}\n    events head ${before} → ${after}`);
    }
    restoreLog();
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `fuzz: ${requests.length} requests in ${seconds.toFixed(1)} s; ${routesHit.size}/${ops.length} routes reached; ` +
        `statuses ${[...statusCounts.entries()]
          .sort((a, b) => a[0] - b[0])
          .map(([s, n]) => `${s}×${n}`)
          .join(' ')}; ` +
        `${clientRefused} not sendable by the client; ${serverErrors.length} ≥ 500, ${badShapes.length} 4xx without the error shape, ${refusedButWrote.length} refused-but-wrote`,
    );

    const reportFile = join(tmpdir(), `api-fuzz-${SEED}.txt`);
    writeFileSync(
      reportFile,
      [
        ['≥ 500', serverErrors],
        ['4xx shape', badShapes],
        ['refused but wrote', refusedButWrote],
      ]
        .map(([title, list]) => `== ${title as string} (${list.length})\n${(list as string[]).join('\n\n')}`)
        .join('\n\n'),
    );
    if (serverErrors.length + badShapes.length + refusedButWrote.length > 0) console.log(`fuzz: every offender in full: ${reportFile}`);
    const report = (title: string, list: string[]) => (list.length ? `${title} (${list.length}, seed ${SEED}):\n${list.slice(0, 25).join('\n\n')}` : '');
    expect(report('answers ≥ 500 or dropped connections', serverErrors)).toBe('');
    expect(report('4xx answers without {statusCode, error, message}', badShapes)).toBe('');
    expect(report('refused requests that appended events', refusedButWrote)).toBe('');
    // The generator must actually have exercised the API, not bounced off one door.
    expect(routesHit.size).toBe(ops.length);
    expect(clientRefused).toBeLessThan(RUNS / 20);
  });
  it('keeps text a valid request carries that PostgreSQL jsonb cannot (NUL, lone surrogate), or refuses it with a 4xx', async () => {
    process.stderr.write = ((chunk: unknown) => {
      serverLog.push(String(chunk));
      return true;
    }) as typeof process.stderr.write;
    const token = await t.signIn({ username: 'fz-sec-b1', password: 'fz-sec-b1-pass', role: 'secretary', branchId: 'B1', unitId: UNIT });
    const cases: [string, string][] = [
      ['T07:member:M1', 'a\u0000b'],
      ['T07:member:M2', 'x\ud800y'],
      ['T14:member:M1', '\u202e\ufeff支部'],
    ];
    const failures: string[] = [];
    for (const [key, note] of cases) {
      for (const idempotencyKey of [undefined, `nul-${key}`]) {
        const request: FuzzRequest = {
          method: 'POST',
          path: `/api/campaigns/${CAMPAIGN}/branches/B1/instances/${encodeURIComponent(key)}/complete`,
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...(idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {}) },
          body: Buffer.from(JSON.stringify({ note })),
          route: 'complete',
          mutation: 'hostile text',
        };
        const logMark = serverLog.length;
        const response = await send(port, request);
        if (response.status >= 500 || (response.status >= 400 && !hasErrorShape(response.status, response.text))) {
          failures.push(
            `${describeRequest(request)}\n    → ${response.status} ${clip(response.text)}\n    server log: ${clip(serverLog.slice(logMark).join('').trim(), 3000)}`,
          );
        }
      }
    }
    restoreLog();
    expect(failures).toEqual([]);
  });
  it('refuses a JSON body nested thousands of levels deep with 400 (validation would overflow the stack)', async () => {
    const token = await t.signIn({ username: 'fz-sec-deep', password: 'fz-sec-deep-pass', role: 'secretary', branchId: 'B1', unitId: UNIT });
    const deep = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
    const response = await send(port, {
      method: 'POST',
      path: `/api/campaigns/${CAMPAIGN}/branches/B1/quantities`,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: Buffer.from(deep),
      route: 'quantities',
      mutation: 'deep',
    });
    expect(response.status).toBe(400);
    expect(JSON.parse(response.text).message).toMatch(/nested more than 32 levels/);
  });
});
