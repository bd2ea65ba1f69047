import { customerVisibility } from '../domain/customers/index.ts';
import { Logger } from '@aws-lambda-powertools/logger';
import { S3Client } from '@aws-sdk/client-s3';
import { SESClient } from '@aws-sdk/client-ses';
import type { JSONWebKeySet } from 'jose';
import { systemClock } from '../domain/shared/clock.ts';
import type { FileStore } from '../domain/shared/files.ts';
import type { Mailer } from '../domain/shared/mail.ts';
import type { CatalogDeps } from '../domain/catalog/access.ts';
import type { CustomersDeps } from '../domain/customers/access.ts';
import type { PricingAdminDeps } from '../domain/pricing/admin/access.ts';
import type { SimulationDeps } from '../domain/pricing/simulation/simulate-prices.ts';
import type { QuotesDeps } from '../domain/quotes/access.ts';
import { assignmentSchema, type Assignment } from '../domain/quotes/assignment.ts';
import type { QuoteExpiryDeps } from '../domain/quotes/use-cases/expire-quotes.ts';
import type { PrintingDeps } from '../domain/printing/document-settings.ts';
import type { QuoteAnalyticsDeps } from '../domain/analytics/index.ts';
import { createCatalogStore } from './adapters/dynamodb/catalog-store.ts';
import { createDocumentClient, type Table } from './adapters/dynamodb/client.ts';
import { createCustomerStore } from './adapters/dynamodb/customer-store.ts';
import { cursorKeyFrom } from './adapters/dynamodb/cursors.ts';
import { createIdempotencyStore } from './adapters/dynamodb/idempotency-store.ts';
import { createMailLedger } from './adapters/dynamodb/mail-ledger.ts';
import { createPricingStore } from './adapters/dynamodb/pricing-store.ts';
import { createQuoteAnalyticsStore } from './adapters/dynamodb/quote-analytics-store.ts';
import { createQuoteStore } from './adapters/dynamodb/quote-store.ts';
import { createQuoteLinks, linkKeyFrom } from './adapters/links/quote-links.ts';
import { createRateLimiter } from './adapters/dynamodb/rate-limits.ts';
import { renderDocument } from './adapters/pdf/render-document.ts';
import { createDocumentSettingsStore } from './adapters/dynamodb/document-settings-store.ts';
import { createEventBridgePublisher, type EventPublisher } from './adapters/eventbridge/event-publisher.ts';
import { createInProcessBus } from './adapters/eventbridge/in-process-bus.ts';
import { createDirectoryFileStore } from './adapters/files/directory-file-store.ts';
import { createS3FileStore } from './adapters/files/s3-file-store.ts';
import { pricingCatalog } from './adapters/pricing-admin-ports.ts';
import { createPricingDataSource } from './adapters/pricing-data-source.ts';
import { fetchSecretString } from './adapters/secrets-manager/secret-string.ts';
import { createSesMailer, SEND_LEASE_SECONDS } from './adapters/ses/ses-mailer.ts';
import type { HttpPlatform } from './http/http-handler.ts';
import { parseAllowedOrigins } from './middleware/cors.ts';
import { createTokenVerifier, type KeySource } from './middleware/token-verifier.ts';

/**
 * The composition root: the one place that reads the environment and wires adapters to ports.
 * Everything is built on first use and kept for the life of the Lambda container; the `__PURE__`
 * marks let esbuild drop from a Lambda's bundle the adapters that Lambda never uses.
 */
function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Environment variable ${name} is not set`);
  return value;
}

function once<T>(build: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= build());
}

/** Like `once` for a promise, except that a failure (Secrets Manager unreachable) is retried on the next call. */
function onceResolved<T>(build: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => {
    if (!value) {
      const pending = build();
      value = pending;
      pending.catch(() => {
        if (value === pending) value = undefined;
      });
    }
    return value;
  };
}

/**
 * The key that seals list cursors: derived from CURSOR_SECRET when set (the local runtime keeps one under `.data/`),
 * else from the Secrets Manager secret CURSOR_SECRET_ARN that the stack generates, fetched once per container.
 */
const serviceSecret = /* @__PURE__ */ onceResolved(async () => process.env.CURSOR_SECRET ?? (await fetchSecretString(required('CURSOR_SECRET_ARN'), process.env.AWS_REGION)));
const cursorKey = /* @__PURE__ */ onceResolved(async () => cursorKeyFrom(await serviceSecret()));

/**
 * The links e-mailed quotes carry, signed with a key derived from the same secret. QUOTE_LINK_URL is the company's
 * acceptance page with `{token}` in it; without one, the API's own public view.
 */
const quoteLinks = /* @__PURE__ */ once(() =>
  createQuoteLinks({ key: onceResolved(async () => linkKeyFrom(await serviceSecret())), ...(process.env.QUOTE_LINK_URL ? { pageUrl: process.env.QUOTE_LINK_URL } : {}) }),
);

export const table = /* @__PURE__ */ once(
  (): Table => ({
    name: required('TABLE_NAME'),
    cursorKey,
    client: createDocumentClient({
      tableName: required('TABLE_NAME'),
      ...(process.env.DYNAMODB_ENDPOINT ? { endpoint: process.env.DYNAMODB_ENDPOINT } : {}),
      ...(process.env.AWS_REGION ? { region: process.env.AWS_REGION } : {}),
    }),
  }),
);

function keySource(): KeySource {
  if (process.env.AUTH_JWKS) return { jwks: JSON.parse(process.env.AUTH_JWKS) as JSONWebKeySet };
  return { jwksUrl: required('AUTH_JWKS_URL') };
}

export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'comptoir' });

export const httpPlatform: HttpPlatform = {
  logger,
  verifier: /* @__PURE__ */ once(() => createTokenVerifier({ issuer: required('AUTH_ISSUER'), keys: keySource() })),
  idempotency: /* @__PURE__ */ once(() => createIdempotencyStore(table())),
  // Unset allows no browser origin: exposing the API to browsers is a deliberate choice.
  allowedOrigins: /* @__PURE__ */ once(() => parseAllowedOrigins(process.env.CORS_ALLOWED_ORIGINS, 'CORS_ALLOWED_ORIGINS')),
  rateLimiter: /* @__PURE__ */ once(() => createRateLimiter(table())),
  // A customer reading and answering a quote asks a few times; PUBLIC_RATE_LIMIT_PER_MINUTE changes it.
  publicRateLimit: { scope: 'public', limit: Number(process.env.PUBLIC_RATE_LIMIT_PER_MINUTE ?? 60), windowSeconds: 60 },
};

export const customersDeps = /* @__PURE__ */ once((): CustomersDeps => ({ store: createCustomerStore(table()), clock: systemClock }));

/** The catalog reads customers through the customers context's own use cases, never its store. */
export const catalogDeps = /* @__PURE__ */ once(
  (): CatalogDeps => ({ store: createCatalogStore(table()), customers: customerVisibility(customersDeps().store), clock: systemClock }),
);

/** The pricing configuration (lists, rules, rates, transport rules, structure, history): one store for both uses. */
const pricingStore = /* @__PURE__ */ once(() => createPricingStore(table()));

/**
 * The pricing administration checks a rule's target and formula against the catalogue's store, and a list's customer
 * through the customers' visibility rule (an agent sees only their own customers' lists).
 */
export const pricingAdminDeps = /* @__PURE__ */ once(
  (): PricingAdminDeps => ({
    store: pricingStore(),
    customers: customerVisibility(customersDeps().store),
    catalog: pricingCatalog(catalogDeps().store),
    clock: systemClock,
  }),
);

/**
 * The price simulator reads the catalogue's store, the customers through their own visibility rule, and the pricing
 * configuration. COMPANY_COUNTRY is the seller's country (ISO 3166-1 alpha-2): its VAT rates apply, and the fiscal
 * position of a document is decided from it.
 */
export const simulationDeps = /* @__PURE__ */ once(
  (): SimulationDeps => ({
    data: createPricingDataSource(
      /* @__PURE__ */ once(() => ({
        catalog: catalogDeps().store,
        customers: customerVisibility(customersDeps().store),
        pricing: pricingStore(),
        companyCountry: process.env.COMPANY_COUNTRY ?? 'FR',
      })),
    ),
    clock: systemClock,
  }),
);

/** The seller's identity and the print templates; COMPANY_COUNTRY is the seller's country until they are set. */
export const printingDeps = /* @__PURE__ */ once(
  (): PrintingDeps => ({ store: createDocumentSettingsStore(table()), companyCountry: process.env.COMPANY_COUNTRY ?? 'FR', clock: systemClock }),
);

/**
 * QUOTE_REQUEST_ASSIGNMENT: who gets the quotes asked for, as JSON (domain/quotes/assignment.ts), e.g.
 * `{"rules":[{"kind":"customer_agent"},{"kind":"by_country","agents":{"BE":"lea"}},{"kind":"round_robin","agents":["alice","bob"]}],"fallbackAgentId":"sales"}`.
 * By default the customer's agent, else `sales` (a queue managers see).
 */
function quoteRequestAssignment(): Assignment {
  const configured = process.env.QUOTE_REQUEST_ASSIGNMENT;
  if (!configured) return { rules: [{ kind: 'customer_agent' }], fallbackAgentId: 'sales' };
  const parsed = assignmentSchema.safeParse(JSON.parse(configured));
  if (!parsed.success) throw new Error(`QUOTE_REQUEST_ASSIGNMENT is not a valid assignment: ${parsed.error.message}`);
  return parsed.data;
}

/** QUOTE_VALIDITY_DAYS: how long a quote holds when it does not say (30 days by default). */
export const quotesDeps = /* @__PURE__ */ once(
  (): QuotesDeps => ({
    store: createQuoteStore(table()),
    customers: customersDeps(),
    catalog: catalogDeps(),
    pricing: simulationDeps(),
    printing: printingDeps(),
    render: renderDocument,
    mailer: mailer(),
    links: quoteLinks(),
    settings: { validityDays: Number(process.env.QUOTE_VALIDITY_DAYS ?? 30), linkGraceDays: 30, assignment: quoteRequestAssignment() },
    clock: systemClock,
  }),
);

/** The quote analytics (QUO-7): their consumer writes the aggregates, the quotes' API reads them. */
export const quoteAnalyticsDeps = /* @__PURE__ */ once((): QuoteAnalyticsDeps => ({ store: createQuoteAnalyticsStore(table()), clock: systemClock }));
/** The daily expiry reads and moves quotes, nothing else: its Lambda needs neither mail, PDF nor pricing. */
export const quoteExpiryDeps = /* @__PURE__ */ once((): QuoteExpiryDeps => ({ store: createQuoteStore(table()), clock: systemClock }));

/** Locally (no EVENT_BUS_NAME) events go to an in-process bus that the local runtime and tests subscribe to. */
export const localBus = /* @__PURE__ */ once(() => createInProcessBus());

export const eventPublisher = /* @__PURE__ */ once((): EventPublisher => {
  const busName = process.env.EVENT_BUS_NAME;
  return busName ? createEventBridgePublisher(busName) : localBus();
});

const region = () => (process.env.AWS_REGION ? { region: process.env.AWS_REGION } : {});

/** Documents kept as bytes: the FILES_BUCKET bucket in AWS, the FILES_DIR directory locally (`.data/files`). */
export const fileStore = /* @__PURE__ */ once((): FileStore => {
  const bucket = process.env.FILES_BUCKET;
  return bucket ? createS3FileStore(bucket, new S3Client(region())) : createDirectoryFileStore(required('FILES_DIR'));
});

/** The ledger of sent messages, which the mailer writes and the SES notifications update. */
export const mailLedger = /* @__PURE__ */ once(() => createMailLedger(table(), { leaseSeconds: SEND_LEASE_SECONDS, clock: systemClock }));

/**
 * Every context's e-mail goes through this one mailer: SES SendRawEmail from MAIL_FROM (shown as MAIL_FROM_NAME)
 * through the SES_CONFIGURATION_SET whose notifications update the ledger. Locally SES_ENDPOINT points the unchanged
 * SES client at the local server's outbox (infra/local/ses-outbox.ts).
 */
export const mailer = /* @__PURE__ */ once(
  (): Mailer =>
    createSesMailer({
      ledger: mailLedger(),
      files: fileStore(),
      // One attempt per call: the mailer retries throttling itself, and never a send whose answer was lost.
      ses: new SESClient({ ...region(), maxAttempts: 1, ...(process.env.SES_ENDPOINT ? { endpoint: process.env.SES_ENDPOINT } : {}) }),
      from: { address: required('MAIL_FROM'), ...(process.env.MAIL_FROM_NAME ? { name: process.env.MAIL_FROM_NAME } : {}) },
      configurationSet: required('SES_CONFIGURATION_SET'),
      clock: systemClock,
    }),
);
