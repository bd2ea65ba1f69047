import type { Actor } from '../../../shared/actor.ts';
import { AlreadyExistsError, NotFoundError, ValidationError } from '../../../shared/errors.ts';
import { changedFields } from '../../../shared/merge-patch.ts';
import { Dec } from '../../../shared/money.ts';
import type { Page, PageRequest } from '../../../shared/page.ts';
import { parseWith, SERVER_OWNED_MESSAGE } from '../../../shared/validation.ts';
import { assertExpectedVersion, mergePatched, nextVersion, writablePartOf, type ExpectedVersion } from '../../../shared/versioning.ts';
import { assertCanChangePrices, created, pricingEvent, type PricingAdminDeps } from '../access.ts';
import type { ExchangeRateQuery } from '../ports.ts';
import type { ExchangeRateRecord } from '../records.ts';
import { exchangeRateCreateSchema, exchangeRateFieldsSchema } from '../schemas.ts';

const FIXED_ON_UPDATE = {
  from: 'cannot change: a rate is for one pair and date; create the other one',
  to: 'cannot change: a rate is for one pair and date; create the other one',
  validFrom: 'cannot change: a rate is for one pair and date; create the other one',
  updatedBy: SERVER_OWNED_MESSAGE,
};

const PATCHABLE = writablePartOf(exchangeRateFieldsSchema, { fixed: FIXED_ON_UPDATE });

/**
 * Exchange rates by date (a list, an offer or a transport rule in another currency than the document): records the rate of a currency pair from a date — `rate` units of `to` in one unit of `from` —
 * until a later rate of the pair replaces it. The engine also uses a pair the other way round, inverted.
 * Input: `{ from, to, rate, validFrom }`. Output: the rate. One rate per pair and date: 409 `exchange_rate_exists`.
 */
export async function createExchangeRate(deps: PricingAdminDeps, actor: Actor, input: unknown): Promise<ExchangeRateRecord> {
  assertCanChangePrices(actor);
  const fields = parseWith(exchangeRateCreateSchema, input, '', { updatedBy: SERVER_OWNED_MESSAGE });
  const rate: ExchangeRateRecord = { ...fields, rate: new Dec(fields.rate).toFixed(), ...created(actor, deps.clock) };
  if (await deps.store.getExchangeRate(rate.from, rate.to, rate.validFrom)) throw rateExists(rate);
  const event = pricingEvent('exchange-rate.created', { from: rate.from, to: rate.to, validFrom: rate.validFrom, version: 1, rate: rate.rate }, { actor, clock: deps.clock, subject: subject(rate) });
  await deps.store.commit([{ entity: 'exchangeRate', previous: null, next: rate }], [event]);
  return rate;
}

/** Corrects a rate (merge patch of `{ rate }`) at the expected version. */
export async function updateExchangeRate(
  deps: PricingAdminDeps,
  actor: Actor,
  key: { readonly from: string; readonly to: string; readonly validFrom: string },
  expectedVersion: ExpectedVersion,
  patch: unknown,
): Promise<ExchangeRateRecord> {
  assertCanChangePrices(actor);
  const current = await existingRate(deps, key);
  const fields = mergePatched(current, expectedVersion, patch, PATCHABLE);
  const rate = new Dec(fields.rate).toFixed();
  if (changedFields(PATCHABLE.fields, current, { rate }).length === 0) return current;
  const next = nextVersion(current, deps.clock, { rate, updatedBy: actor.id }, PATCHABLE.fields);
  const event = pricingEvent('exchange-rate.updated', { ...key, version: next.version, rate }, { actor, clock: deps.clock, subject: subject(current) });
  await deps.store.commit([{ entity: 'exchangeRate', previous: current, next }], [event]);
  return next;
}

export async function removeExchangeRate(deps: PricingAdminDeps, actor: Actor, key: { readonly from: string; readonly to: string; readonly validFrom: string }, expectedVersion: ExpectedVersion): Promise<void> {
  assertCanChangePrices(actor);
  const current = await existingRate(deps, key);
  assertExpectedVersion(expectedVersion, current.version);
  const event = pricingEvent('exchange-rate.removed', { ...key, version: current.version }, { actor, clock: deps.clock, subject: subject(current) });
  await deps.store.commit([{ entity: 'exchangeRate', previous: current, next: null }], [event]);
}

export function getExchangeRate(deps: PricingAdminDeps, _actor: Actor, key: { readonly from: string; readonly to: string; readonly validFrom: string }): Promise<ExchangeRateRecord> {
  return existingRate(deps, key);
}

/** One pair's rates, newest first; or every rate, by pair then date. */
export async function listExchangeRates(deps: PricingAdminDeps, _actor: Actor, query: ExchangeRateQuery, page: PageRequest): Promise<Page<ExchangeRateRecord>> {
  if ((query.from === undefined) !== (query.to === undefined)) throw ValidationError.field(query.from === undefined ? '/query/from' : '/query/to', 'is required with the other currency of the pair');
  return deps.store.listExchangeRates(query, page);
}

/**
 * The rates a document needs (the engine's `exchangeRates`): for each currency of its lists, transport rules and
 * thresholds other than the document's, the rate in force on the date both ways (the engine prefers the direct
 * one and inverts the other). Two Queries per foreign currency.
 */
export function exchangeRatesFor(deps: Pick<PricingAdminDeps, 'store'>, query: { readonly currencies: Iterable<string>; readonly into: string; readonly date: string }): Promise<ExchangeRateRecord[]> {
  const foreign = [...new Set(query.currencies)].filter((currency) => currency !== query.into);
  return deps.store.exchangeRates(
    foreign.flatMap((currency) => [
      { from: currency, to: query.into },
      { from: query.into, to: currency },
    ]),
    query.date,
  );
}

async function existingRate(deps: PricingAdminDeps, key: { readonly from: string; readonly to: string; readonly validFrom: string }): Promise<ExchangeRateRecord> {
  const rate = await deps.store.getExchangeRate(key.from, key.to, key.validFrom);
  if (!rate) throw new NotFoundError('ExchangeRate', subject(key));
  return rate;
}

function subject(key: { readonly from: string; readonly to: string; readonly validFrom: string }): string {
  return `${key.from}/${key.to}/${key.validFrom}`;
}

export function rateExists(key: { readonly from: string; readonly to: string; readonly validFrom: string }): AlreadyExistsError {
  return new AlreadyExistsError('exchange_rate_exists', `A ${key.from}→${key.to} rate from ${key.validFrom} already exists: update it`);
}
