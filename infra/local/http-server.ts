import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { brotliCompressSync, constants as zlib, deflateSync, gzipSync } from 'node:zlib';
import type { APIGatewayProxyResult } from 'aws-lambda';
import Negotiator from 'negotiator';
import { gatewayErrorHeaders, preflightHeaders, type AllowedOrigins } from '../../functions/middleware/cors.ts';
import { problem, type ProblemDetails } from '../../functions/middleware/problem-details.ts';
import { MINIMUM_COMPRESSION_BYTES } from '../compression.ts';
import { lambdaContext, toApiGatewayEvent, type LocalHttpHandler } from './api-gateway-event.ts';
import { runtimeLog, type LogLine } from './log.ts';
import { jsonReply, problemReply, type LocalReply } from './replies.ts';
import type { ScheduleRoutes } from './schedule-routes.ts';
import { createSesOutbox, SES_MAX_REQUEST_BYTES, type SesOutbox } from './ses-outbox.ts';
import { loadRouteTable, MalformedPathError, type RouteTable } from './openapi-routes.ts';
import { DEFAULT_SPEC_PATH, PROJECT_ROOT } from './paths.ts';
import { DOCS_PATH, SPEC_JSON_PATH, swaggerUiAssets, type SwaggerUiAssets } from './swagger-ui.ts';

export type LoadHandler = (tag: string) => Promise<LocalHttpHandler>;

export interface LocalServerOptions {
  /** Resolves the Lambda handler of a bounded context; defaults to `functions/http/<tag>/index.ts`. */
  loadHandler?: LoadHandler;
  /** Defaults to `openapi/openapi.yaml`. */
  specPath?: string;
  /** Defaults to JSON lines on stdout. */
  log?: LogLine;
  /** The browser origins allowed by CORS, as the handlers get them (CORS_ALLOWED_ORIGINS); defaults to none. */
  allowedOrigins?: AllowedOrigins;
  /** Where the local SES endpoint writes the messages it is sent (OUTBOX_DIR); without it, no SES endpoint nor outbox. */
  outboxDir?: string;
  /** The local-only routes that run the schedules (schedule-routes.ts); without them, none. */
  schedules?: ScheduleRoutes;
}

export interface LocalServer {
  readonly server: Server;
  /** Resolves to the base URL; port 0 (the default) picks a free port. */
  listen(port?: number, host?: string): Promise<string>;
  close(): Promise<void>;
}

/** API Gateway's payload limit. */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;
/** API Gateway REST's limit on the request line and headers together (Node's default is 16 KiB). */
export const MAX_HEADER_BYTES = 10 * 1024;

export class HandlerNotFoundError extends Error {
  override name = 'HandlerNotFoundError';
}

interface Reply extends LocalReply {
  operationId?: string;
  /** Made by a handler, rather than by the gateway itself. */
  fromHandler?: true;
}

/**
 * The local stand-in for API Gateway REST: routes by the OpenAPI contract, turns each request into a
 * Lambda proxy event and hands it to the very handler deployed in AWS. Also serves the contract and
 * Swagger UI, which the deployed API does not.
 */
export function createLocalServer(options: LocalServerOptions = {}): LocalServer {
  const routes = loadRouteTable(options.specPath ?? DEFAULT_SPEC_PATH);
  const loadHandler = cachedByTag(options.loadHandler ?? loadHttpHandler);
  const log = options.log ?? runtimeLog();
  const docs = swaggerUiAssets();
  const allowedOrigins = options.allowedOrigins ?? [];
  const errorHeaders = gatewayErrorHeaders(allowedOrigins);
  const outbox = options.outboxDir === undefined ? undefined : createSesOutbox(options.outboxDir);

  const server = createServer({ maxHeaderSize: MAX_HEADER_BYTES }, (request, response) => {
    const started = performance.now();
    const requestId = randomUUID();
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    reply(request, path, requestId, { routes, loadHandler, log, docs, allowedOrigins, outbox, schedules: options.schedules })
      .catch((error: unknown): Reply => {
        log({ level: 'error', message: 'local server failed', requestId, error: describeError(error) });
        return problemReply(500, 'internal_error', 'The local server failed; see its log.');
      })
      .then((answer) => {
        // Like API Gateway's gateway responses (infra/constructs/gateway-responses.ts).
        if (!answer.fromHandler && answer.statusCode >= 400) answer.headers = { ...answer.headers, ...errorHeaders };
        try {
          write(request, response, answer, requestId);
        } catch (error) {
          // E.g. a header value with a newline: API Gateway would reject the proxy response too.
          log({ level: 'error', message: 'unwritable Lambda proxy response', requestId, error: describeError(error) });
          answer = problemReply(502, 'bad_gateway', 'The operation returned a malformed Lambda proxy response.', errorHeaders);
          write(request, response, answer, requestId);
        }
        log({
          level: 'info',
          message: 'request',
          method: request.method,
          path,
          status: answer.statusCode,
          durationMs: Math.round((performance.now() - started) * 10) / 10,
          requestId,
          ...(answer.operationId ? { operationId: answer.operationId } : {}),
        });
      });
  });

  // Requests Node cannot parse never reach the handler above: answer them as API Gateway would, with a problem.
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    const requestId = randomUUID();
    log({ level: 'info', message: 'unparsable request', code: error.code, requestId });
    if (!socket.writable || error.code === 'ECONNRESET') {
      socket.destroy();
      return;
    }
    socket.end(rawProblemResponse(clientErrorProblem(error.code), errorHeaders, requestId));
  });

  return {
    server,
    listen: (port = 0, host = '127.0.0.1') =>
      new Promise((resolveUrl, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolveUrl(`http://${host}:${(server.address() as AddressInfo).port}`);
        });
      }),
    close: () =>
      new Promise((resolveClose, reject) => {
        server.close((error) => (error ? reject(error) : resolveClose()));
        server.closeAllConnections();
      }),
  };
}

/** The deployed layout: one Lambda per bounded context, `functions/http/<context>/index.ts` exporting `handler`. */
export async function loadHttpHandler(tag: string): Promise<LocalHttpHandler> {
  const modulePath = join(PROJECT_ROOT, 'functions', 'http', tag, 'index.ts');
  if (!/^[a-z0-9-]+$/.test(tag) || !existsSync(modulePath)) throw new HandlerNotFoundError(`No handler module for the ${tag} context yet`);
  const module = (await import(pathToFileURL(modulePath).href)) as { handler?: LocalHttpHandler };
  if (typeof module.handler !== 'function') throw new Error(`${modulePath} does not export a handler function`);
  return module.handler;
}

interface Dependencies {
  routes: RouteTable;
  loadHandler: LoadHandler;
  log: LogLine;
  docs: SwaggerUiAssets;
  allowedOrigins: AllowedOrigins;
  outbox: SesOutbox | undefined;
  schedules: ScheduleRoutes | undefined;
}

async function reply(request: IncomingMessage, path: string, requestId: string, dependencies: Dependencies): Promise<Reply> {
  const { routes, loadHandler, log, docs, allowedOrigins, outbox, schedules } = dependencies;
  const method = request.method ?? 'GET';
  const url = request.url ?? '/';

  if (method === 'GET' && path === '/health') return jsonReply(200, { status: 'ok' });
  const outboxReply = await outbox?.reply(method, path, () => readBody(request, SES_MAX_REQUEST_BYTES));
  if (outboxReply) return outboxReply;
  const scheduleReply = await schedules?.reply(method, new URL(url, 'http://local'));
  if (scheduleReply) return scheduleReply;
  if (method === 'GET' && path === SPEC_JSON_PATH) return jsonReply(200, servedBy(routes.document, request.headers.host));
  if (method === 'GET' && (path === DOCS_PATH || path.startsWith(`${DOCS_PATH}/`))) {
    const file = await docs.fileFor(path);
    return file
      ? { statusCode: 200, headers: { 'content-type': file.contentType }, body: file.body }
      : problemReply(404, 'route_not_found', `Nothing is served at ${path}`);
  }

  let route;
  try {
    route = routes.match(method, path);
  } catch (error) {
    if (error instanceof MalformedPathError) return problemReply(400, 'malformed_path', error.message);
    throw error;
  }
  if (route.kind === 'not-found') return problemReply(404, 'route_not_found', `No operation of the API is at ${path}`);
  if (method === 'OPTIONS' && route.kind === 'method-not-allowed') {
    // A CORS preflight: API Gateway answers it with a mock integration, without the authorizer nor a Lambda.
    return { statusCode: 204, headers: preflightHeaders(allowedOrigins, request.headers.origin, route.allow), body: '' };
  }
  if (route.kind === 'method-not-allowed') {
    return problemReply(405, 'method_not_allowed', `${path} does not accept ${method}; it accepts ${route.allow.join(', ')}`, {
      allow: route.allow.join(', '),
    });
  }

  const { operation, pathParameters } = route;
  const body = await readBody(request, MAX_BODY_BYTES);
  if (!body) return problemReply(413, 'content_too_large', `The request body exceeds the ${MAX_BODY_BYTES / 1024 / 1024} MB API Gateway accepts`);

  let handler: LocalHttpHandler;
  try {
    handler = await loadHandler(operation.tag);
  } catch (error) {
    if (error instanceof HandlerNotFoundError) {
      return { ...problemReply(501, 'not_implemented', `${operation.operationId}: ${error.message}`), operationId: operation.operationId };
    }
    throw error;
  }

  const event = toApiGatewayEvent(
    { method, url, rawHeaders: request.rawHeaders, sourceIp: request.socket.remoteAddress ?? '127.0.0.1', body },
    operation,
    pathParameters,
    requestId,
  );
  let result: unknown;
  try {
    result = await handler(event, lambdaContext(operation.tag));
  } catch (error) {
    // API Gateway answers a failed invocation with a bare 502; the details belong in the log only.
    log({ level: 'error', message: 'handler failed', requestId, operationId: operation.operationId, error: describeError(error) });
    return { ...problemReply(502, 'bad_gateway', 'The operation failed unexpectedly; see the server log.'), operationId: operation.operationId };
  }
  if (!isProxyResult(result)) {
    log({ level: 'error', message: 'malformed Lambda proxy response', requestId, operationId: operation.operationId });
    return { ...problemReply(502, 'bad_gateway', 'The operation returned a malformed Lambda proxy response.'), operationId: operation.operationId };
  }
  return { ...fromProxyResult(result), operationId: operation.operationId };
}

/** Resolves to undefined once the body passes `limit`; the rest is drained so the client still reads the answer. */
function readBody(request: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    request.on('end', () => resolveBody(size <= limit ? Buffer.concat(chunks) : undefined));
    request.on('error', reject);
  });
}

function isProxyResult(value: unknown): value is APIGatewayProxyResult {
  if (typeof value !== 'object' || value === null) return false;
  const { statusCode, body } = value as Record<string, unknown>;
  return Number.isInteger(statusCode) && (body === undefined || typeof body === 'string');
}

/** API Gateway's merge: `multiValueHeaders` win over `headers` for the same name. */
function fromProxyResult(result: APIGatewayProxyResult): Reply {
  const headers: Record<string, string[]> = {};
  for (const [name, values] of Object.entries(result.multiValueHeaders ?? {})) headers[name.toLowerCase()] = values.map(String);
  for (const [name, value] of Object.entries(result.headers ?? {})) headers[name.toLowerCase()] ??= [String(value)];
  headers['content-type'] ??= ['application/json'];
  const body = result.isBase64Encoded ? Buffer.from(result.body ?? '', 'base64') : (result.body ?? '');
  return { statusCode: result.statusCode, headers, body, fromHandler: true };
}

function write(request: IncomingMessage, response: ServerResponse, answer: Reply, requestId: string): void {
  const { headers, body } = encoded(answer, request.headers['accept-encoding']);
  // For HEAD, Node sends these headers (the GET's Content-Length and Content-Encoding included) and drops the body.
  response.writeHead(answer.statusCode, { ...headers, 'x-amzn-requestid': requestId, 'content-length': body.length });
  response.end(body);
}

const ENCODERS: Record<string, (body: Buffer) => Buffer> = {
  // Brotli's default quality (11) costs tens of milliseconds a megabyte; 5 keeps most of its gain at gzip's speed.
  br: (body) => brotliCompressSync(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 5, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length } }),
  gzip: (body) => gzipSync(body),
  deflate: (body) => deflateSync(body),
};

/**
 * The body in the coding the client prefers among those of `Accept-Encoding` (q-values, `*`, `identity;q=0` read by
 * `negotiator`, as for `Accept`), like API Gateway does above `minimumCompressionSize`. Tiny bodies and bodies already
 * encoded are sent as they are; every body says that it varies on `Accept-Encoding`, for caches.
 */
function encoded(answer: Reply, acceptEncoding: string | undefined): { headers: Reply['headers']; body: Buffer } {
  const body = typeof answer.body === 'string' ? Buffer.from(answer.body, 'utf8') : answer.body;
  if (body.length === 0 || answer.headers['content-encoding'] !== undefined) return { headers: answer.headers, body };
  const headers = { ...answer.headers, vary: [answer.headers.vary ?? [], 'Accept-Encoding'].flat().join(', ') };
  if (body.length < MINIMUM_COMPRESSION_BYTES) return { headers, body };
  const coding = new Negotiator({ headers: { 'accept-encoding': acceptEncoding ?? 'identity' } }).encoding([...Object.keys(ENCODERS), 'identity']);
  const encoder = coding === undefined ? undefined : ENCODERS[coding];
  return encoder ? { headers: { ...headers, 'content-encoding': coding! }, body: encoder(body) } : { headers, body };
}

/** Node's parser errors (`HPE_*`), as the problem the client gets. */
function clientErrorProblem(code: string | undefined): ProblemDetails {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return problem(431, 'request_header_fields_too_large', `The request line and headers exceed the ${MAX_HEADER_BYTES / 1024} KiB API Gateway accepts`);
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return problem(408, 'request_timeout', 'The request was not received in time');
    default:
      return problem(400, 'malformed_request', 'The request is not valid HTTP/1.1');
  }
}

/** A whole HTTP/1.1 response for a socket the parser gave up on (there is no ServerResponse for it). */
function rawProblemResponse(details: ProblemDetails, headers: Record<string, string>, requestId: string): string {
  const body = JSON.stringify(details);
  const fields = {
    ...headers,
    'content-type': 'application/problem+json',
    'content-length': String(Buffer.byteLength(body)),
    'x-amzn-requestid': requestId,
    connection: 'close',
  };
  return `HTTP/1.1 ${details.status} ${details.title}\r\n${Object.entries(fields).map(([name, value]) => `${name}: ${value}`).join('\r\n')}\r\n\r\n${body}`;
}

/** A host header as clients send it: a name or an IPv4 or bracketed IPv6 address, and maybe a port. */
const HOST = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/**
 * The contract with this very server as its only server: Swagger UI's "Try it out" calls the first server of
 * the document it shows, and the contract's `http://localhost:3000` is wrong as soon as PORT or the host differs.
 */
function servedBy(document: unknown, host: string | undefined): unknown {
  if (host === undefined || !HOST.test(host)) return document;
  return { ...(document as object), servers: [{ url: `http://${host}`, description: 'this local server (npm start)' }] };
}

/** One import per context, like a warm Lambda container; a failed import is retried on the next request. */
function cachedByTag(load: LoadHandler): LoadHandler {
  const handlers = new Map<string, Promise<LocalHttpHandler>>();
  return (tag) => {
    let handler = handlers.get(tag);
    if (!handler) {
      handler = load(tag);
      handlers.set(tag, handler);
      handler.catch(() => handlers.delete(tag));
    }
    return handler;
  };
}

function describeError(error: unknown): Record<string, unknown> {
  return error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : { message: String(error) };
}
