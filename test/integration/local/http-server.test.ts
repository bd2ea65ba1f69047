import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Context } from 'aws-lambda';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { AllowedOrigins } from '../../../functions/middleware/cors.ts';
import type { LocalApiGatewayEvent, LocalHttpHandler } from '../../../infra/local/api-gateway-event.ts';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { createLocalServer, HandlerNotFoundError, MAX_BODY_BYTES, MAX_HEADER_BYTES, type LocalServer } from '../../../infra/local/http-server.ts';
import { DEFAULT_SPEC_PATH } from '../../../infra/local/paths.ts';

const SPEC = `
openapi: 3.1.0
info: { title: Fixture, version: 1.0.0 }
paths:
  /quotes:
    get: { operationId: listQuotes, tags: [quotes, reporting], responses: { '200': { description: ok } } }
    post: { operationId: createQuote, tags: [quotes], responses: { '201': { description: created } } }
  /quotes/{quoteId}:
    get: { operationId: getQuote, tags: [quotes], responses: { '200': { description: ok } } }
  /quotes/export:
    get: { operationId: exportQuotes, tags: [quotes], responses: { '200': { description: ok } } }
  /quotes/{quoteId}/lines/{lineId}:
    delete: { operationId: removeQuoteLine, tags: [quotes], responses: { '204': { description: gone } } }
  /broken:
    get: { operationId: failLoudly, tags: [broken], responses: { '200': { description: ok } } }
  /orders:
    get: { operationId: listOrders, tags: [orders], responses: { '200': { description: ok } } }
`;

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** The bytes on the wire, not decoded (fetch would decompress them). */
  body: Buffer;
}

function rawRequest(url: string, method: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
    });
    request.on('error', reject);
    request.end();
  });
}

/** Sends bytes as they are, for requests no HTTP client would make, and reads until the server closes. */
function rawExchange(baseUrl: string, bytes: string): Promise<string> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(bytes));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    socket.on('error', reject);
  });
}

function parseRawResponse(text: string) {
  const [head = '', body = ''] = text.split('\r\n\r\n');
  const [statusLine = '', ...fields] = head.split('\r\n');
  const headers = Object.fromEntries(fields.map((field) => [field.slice(0, field.indexOf(':')).toLowerCase(), field.slice(field.indexOf(':') + 1).trim()]));
  return { statusLine, headers, body };
}

interface Invocation {
  tag: string;
  event: LocalApiGatewayEvent;
  context: Context;
}

describe('the local API Gateway', () => {
  let directory: string;
  let server: LocalServer;
  let baseUrl: string;
  const invocations: Invocation[] = [];
  const logLines: Record<string, unknown>[] = [];
  let nextResult: Awaited<ReturnType<LocalHttpHandler>> = { statusCode: 200, body: '{}' };

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'comptoir-http-'));
    const specPath = join(directory, 'openapi.yaml');
    await writeFile(specPath, SPEC);
    server = createLocalServer({
      specPath,
      log: (entry) => void logLines.push(entry),
      loadHandler: async (tag) => {
        if (tag === 'orders') throw new HandlerNotFoundError('No handler module for the orders context yet');
        if (tag === 'broken') {
          return async () => {
            throw new Error('database exploded at /secret/path.ts:12');
          };
        }
        return async (event, context) => {
          invocations.push({ tag, event, context });
          return nextResult;
        };
      },
    });
    baseUrl = await server.listen(0);
  });

  afterAll(async () => {
    await server?.close();
    await rm(directory, { recursive: true, force: true });
  });

  beforeEach(() => {
    invocations.length = 0;
    logLines.length = 0;
    nextResult = { statusCode: 200, body: '{}' };
  });

  async function lastInvocation(): Promise<Invocation> {
    expect(invocations).toHaveLength(1);
    return invocations[0] as Invocation;
  }

  it('builds the API Gateway REST proxy event the handlers route on', async () => {
    const response = await fetch(`${baseUrl}/quotes/qte_01%2F02%20x?status=draft&tag=a&tag=b%20c`, {
      headers: { 'X-Custom': 'one', Accept: 'application/json' },
    });
    expect(response.status).toBe(200);

    const { tag, event, context } = await lastInvocation();
    expect(tag).toBe('quotes');
    expect(event).toMatchObject({
      resource: '/quotes/{quoteId}',
      path: '/quotes/qte_01%2F02%20x',
      httpMethod: 'GET',
      pathParameters: { quoteId: 'qte_01/02 x' },
      queryStringParameters: { status: 'draft', tag: 'b c' },
      multiValueQueryStringParameters: { status: ['draft'], tag: ['a', 'b c'] },
      body: null,
      isBase64Encoded: false,
      stageVariables: null,
      requestContext: {
        operationName: 'getQuote',
        resourcePath: '/quotes/{quoteId}',
        httpMethod: 'GET',
        stage: 'local',
        path: '/local/quotes/qte_01%2F02%20x',
        identity: { sourceIp: '127.0.0.1' },
      },
    });
    expect(event.requestContext.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(event.requestContext.requestTimeEpoch).toBeGreaterThan(Date.now() - 60_000);
    // Names keep the client's case, as API Gateway passes them (fetch sends them as written).
    expect(event.headers['X-Custom']).toBe('one');
    expect(event.multiValueHeaders['X-Custom']).toEqual(['one']);
    expect(response.headers.get('x-amzn-requestid')).toBe(event.requestContext.requestId);
    expect(context.functionName).toBe('comptoir-quotes');
    expect(context.awsRequestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(context.getRemainingTimeInMillis()).toBeGreaterThan(28_000);
  });

  it('passes nulls when there are no path or query parameters, and routes on the first tag', async () => {
    await fetch(`${baseUrl}/quotes`);

    const { tag, event } = await lastInvocation();
    expect(tag).toBe('quotes');
    expect(event).toMatchObject({ resource: '/quotes', pathParameters: null, queryStringParameters: null, multiValueQueryStringParameters: null });
    expect(event.requestContext.operationName).toBe('listQuotes');
  });

  it('prefers literal segments over parameters', async () => {
    await fetch(`${baseUrl}/quotes/export`);

    const { event } = await lastInvocation();
    expect(event.requestContext.operationName).toBe('exportQuotes');
    expect(event.pathParameters).toBeNull();
  });

  it('decodes every path parameter', async () => {
    await fetch(`${baseUrl}/quotes/qte_1/lines/l%C3%A9ne`, { method: 'DELETE' });

    const { event } = await lastInvocation();
    expect(event.pathParameters).toEqual({ quoteId: 'qte_1', lineId: 'léne' });
  });

  it('passes every body as its bytes in base64, JSON and binary alike, like the gateway', async () => {
    await fetch(`${baseUrl}/quotes`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"customerId":"cus_1","note":"é"}' });
    const { event: json } = await lastInvocation();
    expect(json.isBase64Encoded).toBe(true);
    expect(Buffer.from(json.body ?? '', 'base64').toString('utf8')).toBe('{"customerId":"cus_1","note":"é"}');

    invocations.length = 0;
    const bytes = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0xff]);
    await fetch(`${baseUrl}/quotes`, { method: 'POST', headers: { 'Content-Type': 'application/pdf' }, body: bytes });
    const { event: binary } = await lastInvocation();
    expect(binary.isBase64Encoded).toBe(true);
    expect(Buffer.from(binary.body ?? '', 'base64')).toEqual(bytes);
  });

  it('writes the handler result: status, merged headers, text or base64 body', async () => {
    nextResult = {
      statusCode: 201,
      headers: { 'Content-Type': 'application/json', ETag: '"3"', Location: '/quotes/qte_1' },
      multiValueHeaders: { 'Set-Cookie': ['a=1', 'b=2'], ETag: ['"4"'] },
      body: '{"id":"qte_1"}',
    };
    const created = await fetch(`${baseUrl}/quotes`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    expect(created.status).toBe(201);
    expect(created.headers.get('etag')).toBe('"4"');
    expect(created.headers.get('location')).toBe('/quotes/qte_1');
    expect(created.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
    expect(await created.json()).toEqual({ id: 'qte_1' });

    nextResult = { statusCode: 200, headers: { 'Content-Type': 'application/pdf' }, body: Buffer.from('%PDF-1.7').toString('base64'), isBase64Encoded: true };
    const pdf = await fetch(`${baseUrl}/quotes/qte_1`);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await pdf.arrayBuffer()).toString()).toBe('%PDF-1.7');
  });

  it('answers an unknown path with a 404 problem', async () => {
    const response = await fetch(`${baseUrl}/nowhere/at/all`);

    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await response.json()).toMatchObject({ type: 'https://comptoir.dev/problems/route-not-found', title: 'Not Found', status: 404, detail: expect.any(String) });
    expect(invocations).toHaveLength(0);
  });

  it('answers a known path with another method with a 405 problem and Allow', async () => {
    const response = await fetch(`${baseUrl}/quotes`, { method: 'PATCH', body: '{}' });

    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, POST, HEAD');
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await response.json()).toMatchObject({ title: 'Method Not Allowed', status: 405 });
  });

  it('refuses a body over API Gateway’s 10 MB with a 413 problem', async () => {
    const response = await fetch(`${baseUrl}/quotes`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: 'x'.repeat(MAX_BODY_BYTES + 1) });

    expect(response.status).toBe(413);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await response.json()).toMatchObject({ title: 'Content Too Large', status: 413 });
    expect(invocations).toHaveLength(0);
  });

  it('answers HEAD with the GET operation: its status and headers, Content-Length included, and no body', async () => {
    nextResult = { statusCode: 200, headers: { 'Content-Type': 'application/json', ETag: '"7"' }, body: '{"id":"qte_1","note":"é"}' };
    const get = await rawRequest(`${baseUrl}/quotes/qte_1`, 'GET');
    invocations.length = 0;

    const head = await rawRequest(`${baseUrl}/quotes/qte_1`, 'HEAD');

    const { event } = await lastInvocation();
    expect(event.httpMethod).toBe('HEAD');
    expect(event.requestContext.operationName).toBe('getQuoteHead');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    const { date: _getDate, 'x-amzn-requestid': _getId, ...getHeaders } = get.headers;
    const { date: _headDate, 'x-amzn-requestid': _headId, ...headHeaders } = head.headers;
    expect(headHeaders).toEqual(getHeaders);
    expect(head.headers['content-length']).toBe(String(Buffer.byteLength('{"id":"qte_1","note":"é"}')));
    expect(head.headers.etag).toBe('"7"');
  });

  it('answers HEAD on a path without GET with a 405 problem, and names HEAD in Allow where there is a GET', async () => {
    const response = await rawRequest(`${baseUrl}/quotes/qte_1/lines/lin_1`, 'HEAD');

    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe('DELETE');
    expect(response.headers['content-type']).toBe('application/problem+json');
    expect(invocations).toHaveLength(0);
  });

  describe('compression', () => {
    const big = JSON.stringify({ items: Array.from({ length: 200 }, (_, index) => ({ id: `qte_${index}`, name: `Quote number ${index}`, state: 'draft' })) });

    it.each([
      ['gzip', 'gzip', gunzipSync],
      ['br', 'br', brotliDecompressSync],
      ['deflate', 'deflate', inflateSync],
      ['gzip;q=0.5, br;q=0.9, deflate;q=0.1', 'br', brotliDecompressSync],
      ['br;q=0, *', 'gzip', gunzipSync],
    ])('encodes a large body for Accept-Encoding: %s as %s, varying on Accept-Encoding', async (acceptEncoding, coding, decode) => {
      nextResult = { statusCode: 200, headers: { 'Content-Type': 'application/json', Vary: 'Origin' }, body: big };

      const response = await rawRequest(`${baseUrl}/quotes`, 'GET', { 'Accept-Encoding': acceptEncoding });

      expect(response.headers['content-encoding']).toBe(coding);
      expect(response.headers.vary).toBe('Origin, Accept-Encoding');
      expect(Number(response.headers['content-length'])).toBe(response.body.length);
      expect(response.body.length).toBeLessThan(Buffer.byteLength(big) / 4);
      expect(decode(response.body).toString('utf8')).toBe(big);
    });

    it.each([[undefined], ['identity'], ['gzip;q=0, br;q=0, deflate;q=0'], ['compress']])('sends the body as it is for Accept-Encoding: %s', async (acceptEncoding) => {
      nextResult = { statusCode: 200, headers: { 'Content-Type': 'application/json' }, body: big };

      const response = await rawRequest(`${baseUrl}/quotes`, 'GET', acceptEncoding === undefined ? {} : { 'Accept-Encoding': acceptEncoding });

      expect(response.headers['content-encoding']).toBeUndefined();
      expect(response.headers.vary).toBe('Accept-Encoding');
      expect(response.body.toString('utf8')).toBe(big);
    });

    it('sends a body under 1 KiB as it is, and the HEAD of a large one with the GET\'s encoded length', async () => {
      nextResult = { statusCode: 200, headers: { 'Content-Type': 'application/json' }, body: '{"id":"qte_1"}' };
      const small = await rawRequest(`${baseUrl}/quotes`, 'GET', { 'Accept-Encoding': 'gzip' });
      expect(small.headers['content-encoding']).toBeUndefined();
      expect(small.body.toString()).toBe('{"id":"qte_1"}');

      nextResult = { statusCode: 200, headers: { 'Content-Type': 'application/json' }, body: big };
      const get = await rawRequest(`${baseUrl}/quotes`, 'GET', { 'Accept-Encoding': 'gzip' });
      const head = await rawRequest(`${baseUrl}/quotes`, 'HEAD', { 'Accept-Encoding': 'gzip' });
      expect(head.headers['content-encoding']).toBe('gzip');
      expect(head.headers['content-length']).toBe(String(get.body.length));
      expect(head.body.length).toBe(0);
    });
  });

  describe('requests Node cannot parse', () => {
    it('answers headers over API Gateway\'s 10 KiB with a 431 problem', async () => {
      const text = await rawExchange(baseUrl, `GET /quotes HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(MAX_HEADER_BYTES)}\r\n\r\n`);

      const { statusLine, headers, body } = parseRawResponse(text);
      expect(statusLine).toBe('HTTP/1.1 431 Request Header Fields Too Large');
      expect(headers['content-type']).toBe('application/problem+json');
      expect(Number(headers['content-length'])).toBe(Buffer.byteLength(body));
      expect(JSON.parse(body)).toEqual({
        type: 'https://comptoir.dev/problems/request-header-fields-too-large',
        title: 'Request Header Fields Too Large',
        status: 431,
        detail: expect.stringContaining('10 KiB'),
        code: 'request_header_fields_too_large',
      });
      expect(invocations).toHaveLength(0);
    });

    it('answers a request that did not arrive in time with a 408 problem', async () => {
      // Node's request timeout is checked every 30 s: the parser's error is raised on the connection directly.
      const { hostname, port } = new URL(baseUrl);
      const accepted = new Promise<Socket>((resolve) => server.server.once('connection', resolve));
      const client = connect(Number(port), hostname);
      const chunks: Buffer[] = [];
      client.on('data', (chunk: Buffer) => chunks.push(chunk));
      const ended = new Promise((resolve) => client.on('end', resolve));
      server.server.emit('clientError', Object.assign(new Error('Request timeout'), { code: 'ERR_HTTP_REQUEST_TIMEOUT' }), await accepted);
      await ended;

      const { statusLine, body } = parseRawResponse(Buffer.concat(chunks).toString('utf8'));
      expect(statusLine).toBe('HTTP/1.1 408 Request Timeout');
      expect(JSON.parse(body)).toMatchObject({ status: 408, code: 'request_timeout' });
    });

    it.each([
      ['a bad request line', 'NOT HTTP AT ALL\r\n\r\n'],
      ['a header without a colon', 'GET /quotes HTTP/1.1\r\nHost: x\r\nno colon here\r\n\r\n'],
      ['a bad Content-Length', 'POST /quotes HTTP/1.1\r\nHost: x\r\nContent-Length: twelve\r\n\r\n'],
      ['both Content-Length and chunked', 'POST /quotes HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n'],
    ])('answers %s with a 400 problem', async (_case, bytes) => {
      const { statusLine, headers, body } = parseRawResponse(await rawExchange(baseUrl, bytes));

      expect(statusLine).toBe('HTTP/1.1 400 Bad Request');
      expect(headers['content-type']).toBe('application/problem+json');
      expect(headers.connection).toBe('close');
      expect(JSON.parse(body)).toMatchObject({ status: 400, code: 'malformed_request', title: 'Bad Request' });
      expect(body).not.toMatch(/HPE_|Parse Error/);
      expect(invocations).toHaveLength(0);
    });
  });

  it('answers a throwing handler with a 502 problem, the details going to the log only', async () => {
    const response = await fetch(`${baseUrl}/broken`);

    expect(response.status).toBe(502);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    const text = await response.text();
    expect(JSON.parse(text)).toMatchObject({ title: 'Bad Gateway', status: 502 });
    expect(text).not.toMatch(/exploded|secret|\.ts|at /);
    expect(logLines).toContainEqual(
      expect.objectContaining({ level: 'error', operationId: 'failLoudly', error: expect.objectContaining({ message: 'database exploded at /secret/path.ts:12' }) }),
    );
  });

  it('answers a malformed proxy result with a 502 problem', async () => {
    nextResult = { body: 'no status code' } as unknown as typeof nextResult;

    const response = await fetch(`${baseUrl}/quotes`);

    expect(response.status).toBe(502);
    expect(await response.json()).toMatchObject({ status: 502 });
  });

  it('answers an operation whose context has no handler yet with a 501 problem', async () => {
    const response = await fetch(`${baseUrl}/orders`);

    expect(response.status).toBe(501);
    expect(await response.json()).toMatchObject({ status: 501, detail: expect.stringContaining('listOrders') });
  });

  it('logs one JSON line per request', async () => {
    await fetch(`${baseUrl}/quotes?x=1`);

    const { event } = await lastInvocation();
    expect(logLines).toEqual([
      {
        level: 'info',
        message: 'request',
        method: 'GET',
        path: '/quotes',
        status: 200,
        durationMs: expect.any(Number),
        requestId: event.requestContext.requestId,
        operationId: 'listQuotes',
      },
    ]);
  });

  it('serves its health', async () => {
    const response = await fetch(`${baseUrl}/health`);

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('serves the contract as JSON, with itself as the server that Swagger UI calls', async () => {
    const response = await fetch(`${baseUrl}/openapi.json`);

    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({ ...parse(SPEC), servers: [{ url: baseUrl, description: 'this local server (npm start)' }] });
  });

  it('serves Swagger UI from the package, set to load the contract and keep the token', async () => {
    for (const path of ['/docs', '/docs/']) {
      const page = await fetch(`${baseUrl}${path}`);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      const html = await page.text();
      for (const asset of ['/docs/swagger-ui.css', '/docs/swagger-ui-bundle.js', '/docs/swagger-ui-standalone-preset.js', '/docs/swagger-initializer.js']) {
        expect(html).toContain(asset);
      }
    }

    const bundle = await fetch(`${baseUrl}/docs/swagger-ui-bundle.js`);
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect((await bundle.text()).length).toBeGreaterThan(100_000);
    const css = await fetch(`${baseUrl}/docs/swagger-ui.css`);
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
    const initializer = await (await fetch(`${baseUrl}/docs/swagger-initializer.js`)).text();
    expect(initializer).toContain('url: "/openapi.json"');
    expect(initializer).toContain('persistAuthorization: true');
    expect(initializer).not.toContain('petstore');

    expect((await fetch(`${baseUrl}/docs/package.json`)).status).toBe(404);
    expect((await fetch(`${baseUrl}/docs/..%2F..%2Fpackage.json`)).status).toBe(404);
  });
});

describe('the local API Gateway on the real contract', () => {
  it('routes every operation of openapi/openapi.yaml and serves it', async () => {
    const document = parse(await readFile(DEFAULT_SPEC_PATH, 'utf8')) as { paths: Record<string, Record<string, { operationId: string }>> };
    const seen: string[] = [];
    const server = createLocalServer({
      log: () => {},
      loadHandler: async () => async (event) => {
        seen.push(event.requestContext.operationName);
        return { statusCode: 204, body: '' };
      },
    });
    const baseUrl = await server.listen(0);
    try {
      const expected: string[] = [];
      for (const [template, pathItem] of Object.entries(document.paths)) {
        for (const [method, operation] of Object.entries(pathItem)) {
          if (typeof operation !== 'object' || !operation?.operationId) continue;
          expected.push(operation.operationId);
          const path = template.replace(/\{[^}]+\}/g, 'x_1');
          const response = await fetch(`${baseUrl}${path}`, { method: method.toUpperCase(), ...(['post', 'put', 'patch'].includes(method) ? { body: '{}' } : {}) });
          expect(response.status, `${method} ${template}`).toBe(204);
          if (method !== 'get') continue;
          expected.push(`${operation.operationId}Head`);
          expect((await fetch(`${baseUrl}${path}`, { method: 'HEAD' })).status, `head ${template}`).toBe(204);
        }
      }
      expect(seen).toEqual(expected);
      expect(await (await fetch(`${baseUrl}/openapi.json`)).json()).toEqual({ ...document, servers: [{ url: baseUrl, description: 'this local server (npm start)' }] });
    } finally {
      await server.close();
    }
  });
});

describe('CORS on the local API Gateway', () => {
  const APP = 'https://app.example.com';
  let directory: string;
  const servers: LocalServer[] = [];
  let handlerCalls = 0;

  /** A server on the fixture contract whose handler answers 200 with a header of its own. */
  async function serve(allowedOrigins?: AllowedOrigins): Promise<string> {
    const server = createLocalServer({
      specPath: join(directory, 'openapi.yaml'),
      log: () => {},
      ...(allowedOrigins !== undefined ? { allowedOrigins } : {}),
      loadHandler: async () => async () => {
        handlerCalls++;
        return { statusCode: 200, headers: { 'Access-Control-Allow-Origin': 'from-the-handler' }, body: '{}' };
      },
    });
    servers.push(server);
    return server.listen(0);
  }

  const preflight = (baseUrl: string, path: string, origin: string) =>
    fetch(`${baseUrl}${path}`, { method: 'OPTIONS', headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization, content-type' } });
  const corsHeadersOf = (response: Response) => Object.fromEntries([...response.headers].filter(([name]) => /^(access-control-|vary$)/.test(name)));

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'comptoir-cors-'));
    await writeFile(join(directory, 'openapi.yaml'), SPEC);
  });

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.close()));
    await rm(directory, { recursive: true, force: true });
  });

  beforeEach(() => {
    handlerCalls = 0;
  });

  it('answers a preflight from an allowed origin with 204 and the methods of that path, without a token nor a handler', async () => {
    const baseUrl = await serve([APP, 'https://admin.example.com']);

    const collection = await preflight(baseUrl, '/quotes', APP);
    const line = await preflight(baseUrl, '/quotes/qte_1/lines/lin_1', APP);

    expect(collection.status).toBe(204);
    expect(await collection.text()).toBe('');
    expect(corsHeadersOf(collection)).toEqual({
      'access-control-allow-origin': APP,
      'access-control-allow-methods': 'GET, POST, OPTIONS',
      'access-control-allow-headers': 'Authorization, Content-Type, If-Match, If-None-Match, Idempotency-Key, X-Correlation-Id',
      'access-control-max-age': '600',
      vary: 'Origin',
    });
    expect(line.headers.get('access-control-allow-methods')).toBe('DELETE, OPTIONS');
    expect(handlerCalls).toBe(0);
  });

  it('answers a preflight from any origin with * when configured so', async () => {
    const baseUrl = await serve('*');

    const response = await preflight(baseUrl, '/quotes/qte_1', 'http://localhost:5173');

    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-methods')).toBe('GET, OPTIONS');
    expect(response.headers.get('vary')).toBeNull();
  });

  it('gives a preflight from an origin that is not allowed no CORS header, so that the browser stops there', async () => {
    for (const baseUrl of [await serve([APP]), await serve()]) {
      const response = await preflight(baseUrl, '/quotes', 'https://evil.example');
      expect(response.status).toBe(204);
      expect(Object.keys(corsHeadersOf(response)).filter((name) => name.startsWith('access-control-'))).toEqual([]);
    }
  });

  it('answers OPTIONS on a path outside the contract with a 404 problem', async () => {
    const response = await preflight(await serve('*'), '/nowhere', APP);

    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
  });

  it('lets frontends read the errors it makes itself, as API Gateway\'s gateway responses, and leaves the handlers\' answers alone', async () => {
    const baseUrl = await serve([APP]);

    const unknownPath = await fetch(`${baseUrl}/nowhere`, { headers: { Origin: APP } });
    const unknownMethod = await fetch(`${baseUrl}/quotes`, { method: 'PATCH', headers: { Origin: APP } });
    const handled = await fetch(`${baseUrl}/quotes`, { headers: { Origin: APP } });

    expect([unknownPath.status, unknownMethod.status, handled.status]).toEqual([404, 405, 200]);
    for (const response of [unknownPath, unknownMethod]) expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(handled.headers.get('access-control-allow-origin')).toBe('from-the-handler');
    const none = await fetch(`${await serve()}/nowhere`, { headers: { Origin: APP } });
    expect(none.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('lets frontends read the errors of requests Node cannot parse too (431, 400)', async () => {
    const baseUrl = await serve([APP]);

    const tooLarge = parseRawResponse(await rawExchange(baseUrl, `GET /quotes HTTP/1.1\r\nHost: x\r\nOrigin: ${APP}\r\nCookie: ${'a'.repeat(11_000)}\r\n\r\n`));
    const malformed = parseRawResponse(await rawExchange(baseUrl, 'GET /quotes HTTP/1.1\r\nHost: x\r\nno colon\r\n\r\n'));

    expect([tooLarge.statusLine, malformed.statusLine]).toEqual(['HTTP/1.1 431 Request Header Fields Too Large', 'HTTP/1.1 400 Bad Request']);
    for (const { headers } of [tooLarge, malformed]) expect(headers['access-control-allow-origin']).toBe('*');
    const none = parseRawResponse(await rawExchange(await serve(), 'GET /quotes HTTP/1.1\r\nHost: x\r\nno colon\r\n\r\n'));
    expect(none.headers['access-control-allow-origin']).toBeUndefined();
    expect(handlerCalls).toBe(0);
  });
});
