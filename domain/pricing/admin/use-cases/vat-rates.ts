import type { Actor } from '../../../shared/actor.ts';
import { AlreadyExistsError, NotFoundError } from '../../../shared/errors.ts';
import { changedFields } from '../../../shared/merge-patch.ts';
import { Dec } from '../../../shared/money.ts';
import type { Page, PageRequest } from '../../../shared/page.ts';
import { parseWith, SERVER_OWNED_MESSAGE } from '../../../shared/validation.ts';
import { assertExpectedVersion, mergePatched, nextVersion, writablePartOf, type ExpectedVersion } from '../../../shared/versioning.ts';
import { assertCanChangePrices, created, pricingEvent, type PricingAdminDeps } from '../access.ts';
import type { VatRateRecord } from '../records.ts';
import { vatRateCreateSchema, vatRateFieldsSchema } from '../schemas.ts';

type VatRateKey = { readonly countryCode: string; readonly category: string; readonly validFrom: string };

const FIXED = 'cannot change: a rate is for one country, category and date; create the other one';
const FIXED_ON_UPDATE = { countryCode: FIXED, category: FIXED, validFrom: FIXED, updatedBy: SERVER_OWNED_MESSAGE };

const PATCHABLE = writablePartOf(vatRateFieldsSchema, { fixed: FIXED_ON_UPDATE });

/**
 * VAT rates (issue item 8): the rate (percent) of a VAT category in a country from a date, until a later rate of the
 * same category replaces it. The engine reads the company country's rates on the document's date.
 * Input: `{ countryCode, category, rate, validFrom }`. Output: the rate. One per country, category and date:
 * 409 `vat_rate_exists`.
 */
export async function createVatRate(deps: PricingAdminDeps, actor: Actor, input: unknown): Promise<VatRateRecord> {
  assertCanChangePrices(actor);
  const fields = parseWith(vatRateCreateSchema, input, '', { updatedBy: SERVER_OWNED_MESSAGE });
  const rate: VatRateRecord = { ...fields, rate: new Dec(fields.rate).toFixed(), ...created(actor, deps.clock) };
  if (await deps.store.getVatRate(rate.countryCode, rate.category, rate.validFrom)) throw vatRateExists(rate);
  const event = pricingEvent('vat-rate.created', { ...keyOf(rate), version: 1, rate: rate.rate }, { actor, clock: deps.clock, subject: subject(rate) });
  await deps.store.commit([{ entity: 'vatRate', previous: null, next: rate }], [event]);
  return rate;
}

/** Corrects a rate (merge patch of `{ rate }`) at the expected version. */
export async function updateVatRate(deps: PricingAdminDeps, actor: Actor, key: VatRateKey, expectedVersion: ExpectedVersion, patch: unknown): Promise<VatRateRecord> {
  assertCanChangePrices(actor);
  const current = await existingVatRate(deps, key);
  const fields = mergePatched(current, expectedVersion, patch, PATCHABLE);
  const rate = new Dec(fields.rate).toFixed();
  if (changedFields(PATCHABLE.fields, current, { rate }).length === 0) return current;
  const next = nextVersion(current, deps.clock, { rate, updatedBy: actor.id }, PATCHABLE.fields);
  const event = pricingEvent('vat-rate.updated', { ...keyOf(current), version: next.version, rate }, { actor, clock: deps.clock, subject: subject(current) });
  await deps.store.commit([{ entity: 'vatRate', previous: current, next }], [event]);
  return next;
}

export async function removeVatRate(deps: PricingAdminDeps, actor: Actor, key: VatRateKey, expectedVersion: ExpectedVersion): Promise<void> {
  assertCanChangePrices(actor);
  const current = await existingVatRate(deps, key);
  assertExpectedVersion(expectedVersion, current.version);
  const event = pricingEvent('vat-rate.removed', { ...keyOf(current), version: current.version }, { actor, clock: deps.clock, subject: subject(current) });
  await deps.store.commit([{ entity: 'vatRate', previous: current, next: null }], [event]);
}

export function getVatRate(deps: PricingAdminDeps, _actor: Actor, key: VatRateKey): Promise<VatRateRecord> {
  return existingVatRate(deps, key);
}

/** A country's rates by category and date, or every country's. */
export function listVatRates(deps: PricingAdminDeps, _actor: Actor, query: { readonly countryCode?: string }, page: PageRequest): Promise<Page<VatRateRecord>> {
  return deps.store.listVatRates(query, page);
}

/** The engine's `vatRates`: the rate of each category in force in a country on a date. */
export function vatRatesOn(deps: Pick<PricingAdminDeps, 'store'>, countryCode: string, date: string): Promise<Record<string, string>> {
  return deps.store.vatRates(countryCode, date);
}

async function existingVatRate(deps: PricingAdminDeps, key: VatRateKey): Promise<VatRateRecord> {
  const rate = await deps.store.getVatRate(key.countryCode, key.category, key.validFrom);
  if (!rate) throw new NotFoundError('VatRate', subject(key));
  return rate;
}

function keyOf(rate: VatRateRecord): VatRateKey {
  return { countryCode: rate.countryCode, category: rate.category, validFrom: rate.validFrom };
}

function subject(key: VatRateKey): string {
  return `${key.countryCode}/${key.category}/${key.validFrom}`;
}

export function vatRateExists(key: VatRateKey): AlreadyExistsError {
  return new AlreadyExistsError('vat_rate_exists', `A ${key.category} VAT rate for ${key.countryCode} from ${key.validFrom} already exists: update it`);
}
