import { AlreadyExistsError, ConflictError, NotFoundError, WriteConflictError } from '../../domain/shared/errors.ts';
import type { DomainEvent } from '../../domain/shared/events.ts';
import type { Family } from '../../domain/catalog/family.ts';
import type { CatalogStore, CatalogWrite } from '../../domain/catalog/ports.ts';
import type { Product } from '../../domain/catalog/product.ts';
import { referenceCodeKey, type CustomerReference } from '../../domain/catalog/reference.ts';
import type { CustomUnit } from '../../domain/catalog/units.ts';
import { inMemoryPage } from './in-memory-page.ts';

type Versioned = { readonly id: string; readonly version: number };

/**
 * An in-memory CatalogStore with the same rules as the DynamoDB one: all-or-nothing commits, versioned writes,
 * condition checks, unique codes (case-insensitive), one reference per customer and product, and — like
 * TransactWriteItems — at most one operation per item in a commit.
 */
export function inMemoryCatalogStore() {
  const families = new Map<string, Family>();
  const products = new Map<string, Product>();
  const references = new Map<string, CustomerReference>();
  const units = new Map<string, CustomUnit>();
  const events: DomainEvent[] = [];
  let commits = 0;

  const page = inMemoryPage;
  const byCode = <T extends { code: string; id: string }>(a: T, b: T) => `${a.code.toUpperCase()}#${a.id}`.localeCompare(`${b.code.toUpperCase()}#${b.id}`);
  const startsWith = (value: string, prefix: string | undefined) => prefix === undefined || value.toUpperCase().startsWith(prefix.toUpperCase());
  const referenceKey = (reference: { customerId: string; id: string }) => `${reference.customerId}/${reference.id}`;

  function check<T extends Versioned>(map: Map<string, T>, key: string, kind: string, previous: T | null): void {
    const stored = map.get(key);
    if (previous === null) {
      if (stored) throw new ConflictError('already_exists', `${kind} ${key} already exists`);
      return;
    }
    if (!stored) throw new NotFoundError(kind, key);
    if (stored.version !== previous.version) throw new WriteConflictError();
  }

  /** The uniqueness rules, checked against the state the commit would leave. */
  function checkUnique(nextFamilies: Map<string, Family>, nextProducts: Map<string, Product>, nextReferences: Map<string, CustomerReference>, writes: readonly CatalogWrite[]): void {
    for (const write of writes) {
      if (write.entity === 'family' && write.next.code.toUpperCase() !== write.previous?.code.toUpperCase()) {
        const clash = [...nextFamilies.values()].find((f) => f.id !== write.next.id && f.code.toUpperCase() === write.next.code.toUpperCase());
        if (clash) throw new ConflictError('family_code_taken', `Family code ${write.next.code} is already used`);
      }
      if (write.entity === 'product' && write.next.code.toUpperCase() !== write.previous?.code.toUpperCase()) {
        const clash = [...nextProducts.values()].find((p) => p.id !== write.next.id && p.code.toUpperCase() === write.next.code.toUpperCase());
        if (clash) throw new ConflictError('product_code_taken', `Product code ${write.next.code} is already used`);
      }
      if (write.entity === 'reference' && write.next) {
        const next = write.next;
        const others = [...nextReferences.values()].filter((r) => r.customerId === next.customerId && r.id !== next.id);
        if (others.some((r) => referenceCodeKey(r.customerCode) === referenceCodeKey(next.customerCode))) {
          throw new ConflictError('reference_code_taken', `Customer ${next.customerId} already uses the code ${next.customerCode}`);
        }
        if (others.some((r) => r.productId === next.productId)) {
          throw new ConflictError('reference_exists', `Customer ${next.customerId} already has a reference for product ${next.productId}`);
        }
      }
    }
  }

  const store: CatalogStore = {
    async getFamily(id) {
      return families.get(id) ?? null;
    },
    async getFamilies(ids) {
      return ids.flatMap((id) => families.get(id) ?? []);
    },
    async listFamilies(query, request) {
      const path = (f: Family) => [...f.ancestorIds, f.id].join('/');
      const matching = [...families.values()].filter(
        (f) =>
          (query.parentId === undefined || (f.parentId ?? null) === query.parentId) &&
          (query.ancestorId === undefined || f.ancestorIds.includes(query.ancestorId)) &&
          startsWith(f.code, query.codePrefix),
      );
      matching.sort(query.ancestorId ? (a, b) => path(a).localeCompare(path(b)) : byCode);
      return page(matching, request);
    },
    async getProduct(id) {
      return products.get(id) ?? null;
    },
    async getProducts(ids) {
      return [...new Set(ids)].flatMap((id) => products.get(id) ?? []);
    },
    async findProductByCode(code) {
      return [...products.values()].find((p) => p.code.toUpperCase() === code.toUpperCase()) ?? null;
    },
    async listProducts(query, request) {
      const matching = [...products.values()].filter(
        (p) =>
          (query.familyId === undefined || p.familyId === query.familyId) &&
          (query.state === undefined || p.state === query.state) &&
          (query.kind === undefined || p.kind === query.kind) &&
          startsWith(p.code, query.codePrefix) &&
          (query.updatedSince === undefined || p.updatedAt >= query.updatedSince),
      );
      matching.sort(query.updatedSince ? (a, b) => `${a.updatedAt}#${a.id}`.localeCompare(`${b.updatedAt}#${b.id}`) : byCode);
      return page(matching, request);
    },
    async getReference(customerId, referenceId) {
      return references.get(`${customerId}/${referenceId}`) ?? null;
    },
    async findReferenceForProduct(customerId, productId) {
      return [...references.values()].find((r) => r.customerId === customerId && r.productId === productId) ?? null;
    },
    async findReferencesForProducts(customerId, productIds) {
      return [...references.values()].filter((r) => r.customerId === customerId && productIds.includes(r.productId));
    },
    async findReferenceByCode(customerId, customerCode) {
      return [...references.values()].find((r) => r.customerId === customerId && referenceCodeKey(r.customerCode) === referenceCodeKey(customerCode)) ?? null;
    },
    async listReferences(query, request) {
      const matching = [...references.values()].filter((r) => r.customerId === query.customerId && startsWith(r.customerCode, query.customerCodePrefix));
      matching.sort((a, b) => `${referenceCodeKey(a.customerCode)}#${a.id}`.localeCompare(`${referenceCodeKey(b.customerCode)}#${b.id}`));
      return page(matching, request);
    },
    async getUnit(code) {
      return units.get(code) ?? null;
    },
    async listCustomUnits() {
      return [...units.values()].sort((a, b) => (a.code < b.code ? -1 : 1));
    },
    async commit(writes, newEvents) {
      const touchedItems = new Set<string>();
      const nextUnits = new Map(units);
      const nextFamilies = new Map(families);
      const nextProducts = new Map(products);
      const nextReferences = new Map(references);
      for (const write of writes) {
        const item =
          write.entity === 'unchanged' ? `${write.kind}/${write.id}` : write.entity === 'unit' ? `unit/${write.next.code}` : write.entity === 'reference' ? `reference/${referenceKey((write.next ?? write.previous)!)}` : `${write.entity}/${write.next.id}`;
        if (touchedItems.has(item)) throw new Error(`One commit writes ${item} twice: DynamoDB refuses two operations on one item in a transaction`);
        touchedItems.add(item);
        switch (write.entity) {
          case 'unchanged': {
            const stored = (write.kind === 'family' ? families : products).get(write.id);
            if (!stored) throw new NotFoundError(write.kind, write.id);
            if (stored.version !== write.version) throw new WriteConflictError();
            break;
          }
          case 'family':
            check(families, write.next.id, 'family', write.previous);
            nextFamilies.set(write.next.id, write.next);
            break;
          case 'product':
            check(products, write.next.id, 'product', write.previous);
            nextProducts.set(write.next.id, write.next);
            break;
          case 'unit': {
            const stored = units.get(write.next.code);
            if (write.previous === null) {
              if (stored) throw new AlreadyExistsError('unit_code_taken', `Unit code ${write.next.code} is already used`);
            } else {
              if (!stored) throw new NotFoundError('unit', write.next.code);
              if (stored.version !== write.previous.version) throw new WriteConflictError();
            }
            nextUnits.set(write.next.code, write.next);
            break;
          }
          case 'reference': {
            const key = referenceKey((write.next ?? write.previous)!);
            check(references, key, 'reference', write.previous);
            if (write.next) nextReferences.set(key, write.next);
            else nextReferences.delete(key);
            break;
          }
        }
      }
      checkUnique(nextFamilies, nextProducts, nextReferences, writes);
      commits++;
      for (const [target, source] of [[families, nextFamilies], [products, nextProducts], [references, nextReferences], [units, nextUnits]] as const) {
        target.clear();
        for (const [key, value] of source as Map<string, never>) (target as Map<string, never>).set(key, value);
      }
      events.push(...newEvents);
    },
  };
  return { store, events, commitCount: () => commits, families, products, references, units };
}
