import type { Actor } from '../../shared/actor.ts';
import { parseWith } from '../../shared/validation.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import { changedFields } from '../../shared/merge-patch.ts';
import type { Page, PageRequest } from '../../shared/page.ts';
import { assertExpectedVersion, mergePatched, nextVersion, writablePartOf, type ExpectedVersion } from '../../shared/versioning.ts';
import { assertCanChangeCatalog, catalogEvent, existingProduct, loadUnits, visibleCustomer, type CatalogDeps } from '../access.ts';
import type { Product } from '../product.ts';
import { referenceIssues, type CustomerReference } from '../reference.ts';
import { referenceCreateSchema, referenceFieldsSchema, type ReferenceFields } from '../schemas.ts';

const FIXED_ON_UPDATE = { productId: 'cannot change: a reference is for one product; create a reference for the other product' };

const PATCHABLE = writablePartOf(referenceFieldsSchema, { fixed: FIXED_ON_UPDATE });

/**
 * PRD-3: creates a customer's reference for a product — the customer's code and name for it, its units,
 * packaging, minimum and multiple, lead time, tolerance and dated, quantity-based prices.
 * Input: the customer id and `{ productId, customerCode, … }`. Output: the reference.
 * Steps: validate shape (price periods must not overlap) → the customer exists → the product exists and the
 * reference fits it (units, packaging, quantities) → commit with `customer-reference.created`
 * (one reference per customer and product: 409 `reference_exists`; codes unique per customer: 409 `reference_code_taken`).
 */
export async function createReference(deps: CatalogDeps, actor: Actor, customerId: string, input: unknown): Promise<CustomerReference> {
  assertCanChangeCatalog(actor);
  const { productId, ...fields } = parseWith(referenceCreateSchema, input);
  await visibleCustomer(deps, actor, customerId);
  const product = await deps.store.getProduct(productId);
  if (!product) throw ValidationError.field('/productId', `product ${productId} does not exist`);
  await assertFits(deps, fields, product);
  const existing = await deps.store.findReferenceForProduct(customerId, productId);
  if (existing) throw new ConflictError('reference_exists', `Customer ${customerId} already has reference ${existing.id} for product ${product.code}: update it`);

  const now = deps.clock.now().toISOString();
  const reference: CustomerReference = { ...fields, id: newId('reference'), customerId, productId, version: 1, createdAt: now, updatedAt: now };
  const event = catalogEvent(
    'customer-reference.created',
    { referenceId: reference.id, customerId, productId, version: 1, customerCode: reference.customerCode },
    { actor, clock: deps.clock, subject: reference.id },
  );
  await deps.store.commit([{ entity: 'reference', previous: null, next: reference }], [event]);
  return reference;
}

/**
 * Merge-patches a reference (RFC 7396; the price schedule is replaced as a whole) at the expected version.
 * The product cannot change. Output: the reference; `customer-reference.updated` lists the changed fields.
 */
export async function updateReference(deps: CatalogDeps, actor: Actor, customerId: string, referenceId: string, expectedVersion: ExpectedVersion, patch: unknown): Promise<CustomerReference> {
  assertCanChangeCatalog(actor);
  const current = await existingReference(deps, actor, customerId, referenceId);
  const fields = mergePatched(current, expectedVersion, patch, PATCHABLE);
  await assertFits(deps, fields, await existingProduct(deps, current.productId));
  const changed = changedFields(PATCHABLE.fields, current, fields);
  if (changed.length === 0) return current;

  const next = nextVersion(current, deps.clock, fields, PATCHABLE.fields);
  const event = catalogEvent(
    'customer-reference.updated',
    { referenceId, customerId, productId: current.productId, version: next.version, changedFields: changed },
    { actor, clock: deps.clock, subject: referenceId },
  );
  await deps.store.commit([{ entity: 'reference', previous: current, next }], [event]);
  return next;
}

/** Removes a reference at the expected version, with `customer-reference.removed`. */
export async function removeReference(deps: CatalogDeps, actor: Actor, customerId: string, referenceId: string, expectedVersion: ExpectedVersion): Promise<void> {
  assertCanChangeCatalog(actor);
  const current = await existingReference(deps, actor, customerId, referenceId);
  assertExpectedVersion(expectedVersion, current.version);
  const event = catalogEvent(
    'customer-reference.removed',
    { referenceId, customerId, productId: current.productId, version: current.version },
    { actor, clock: deps.clock, subject: referenceId },
  );
  await deps.store.commit([{ entity: 'reference', previous: current, next: null }], [event]);
}

/** A reference of a customer the actor may see (an agent: only their customers'). */
export function getReference(deps: CatalogDeps, actor: Actor, customerId: string, referenceId: string): Promise<CustomerReference> {
  return existingReference(deps, actor, customerId, referenceId);
}

/** A customer's references by the customer's code, optionally from a code prefix (case-insensitive). */
export async function listReferences(
  deps: CatalogDeps,
  actor: Actor,
  customerId: string,
  filter: { readonly customerCodePrefix?: string },
  page: PageRequest,
): Promise<Page<CustomerReference>> {
  await visibleCustomer(deps, actor, customerId);
  return deps.store.listReferences({ customerId, ...filter }, page);
}

/** The reference an EDI or e-commerce order names by the customer's own code (case-insensitive). */
export async function findReferenceByCustomerCode(deps: CatalogDeps, actor: Actor, customerId: string, customerCode: string): Promise<CustomerReference> {
  await visibleCustomer(deps, actor, customerId);
  const reference = await deps.store.findReferenceByCode(customerId, customerCode);
  if (!reference) throw new NotFoundError('CustomerReference', customerCode);
  return reference;
}

/** The customer's reference for a product, if it has one (pricing, order entry). */
export async function findReferenceForProduct(deps: CatalogDeps, actor: Actor, customerId: string, productId: string): Promise<CustomerReference | null> {
  await visibleCustomer(deps, actor, customerId);
  return deps.store.findReferenceForProduct(customerId, productId);
}

async function existingReference(deps: CatalogDeps, actor: Actor, customerId: string, referenceId: string): Promise<CustomerReference> {
  await visibleCustomer(deps, actor, customerId);
  const reference = await deps.store.getReference(customerId, referenceId);
  if (!reference) throw new NotFoundError('CustomerReference', referenceId);
  return reference;
}

async function assertFits(deps: CatalogDeps, fields: ReferenceFields, product: Product): Promise<void> {
  const issues = referenceIssues(fields, product, await loadUnits(deps.store));
  if (issues.length > 0) throw new ValidationError(issues);
}
