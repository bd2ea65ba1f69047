import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { familyRecordSchema, productRecordSchema, referenceRecordSchema, unitRecordSchema } from '../../../domain/catalog/records.ts';
import { familyPath, type Family } from '../../../domain/catalog/family.ts';
import type { CatalogStore, CatalogWrite, FamilyQuery, ProductQuery } from '../../../domain/catalog/ports.ts';
import type { Product } from '../../../domain/catalog/product.ts';
import { referenceCodeKey, type CustomerReference } from '../../../domain/catalog/reference.ts';
import type { CustomUnit } from '../../../domain/catalog/units.ts';
import { AlreadyExistsError, ConflictError } from '../../../domain/shared/errors.ts';
import { BATCH_GET_MAX_KEYS, batchGet } from './batch-get.ts';
import type { Table } from './client.ts';
import { defineEntity, type KeyOf } from './entity.ts';
import type { Item } from './items.ts';
import { queryAll, type Filter, type KeyQuery } from './pagination.ts';
import { getRecord, recordPage } from './record-reads.ts';
import { transact, type TableWrite } from './transactions.ts';

/** The parent key of top-level families in gsi4 (ids are prefixed, so no family is called that). */
const ROOT = 'ROOT';

/** `<top>/…/<parent>/<fam>/`: a subtree is a prefix of the tree index (gsi2). */
export function familyTreeKey(family: Pick<Family, 'id' | 'ancestorIds'>): string {
  return `${familyPath(family).join('/')}/`;
}

/** Codes are upper-cased in keys: a code is unique and found whatever its case. */
const upper = (record: { code: string }) => record.code.toUpperCase();

/** The entities of the catalog context; the chart in README.md explains each key. */
export const familyEntity = defineEntity({
  name: 'family',
  schema: familyRecordSchema,
  key: { pk: (family: Pick<Family, 'id'>) => `FAMILY#${family.id}`, sk: () => '#FAMILY' },
  indexes: {
    gsi1: { pk: () => 'FAMILIES', sk: upper },
    gsi2: { pk: () => 'FAMILY_TREE', sk: familyTreeKey },
    gsi4: { pk: (family: { parentId?: string }) => `FAMILY#${family.parentId ?? ROOT}#CHILDREN`, sk: upper },
  },
  attributes: { codeKey: upper },
});

export const productEntity = defineEntity({
  name: 'product',
  schema: productRecordSchema,
  key: { pk: (product: Pick<Product, 'id'>) => `PRODUCT#${product.id}`, sk: () => '#PRODUCT' },
  indexes: {
    gsi1: { pk: () => 'PRODUCTS', sk: upper },
    gsi3: { pk: (product: Pick<Product, 'state'>) => `PRODUCTS#STATE#${product.state}`, sk: upper },
    gsi4: { pk: (product: Pick<Product, 'familyId'>) => product.familyId && `FAMILY#${product.familyId}#PRODUCTS`, sk: upper },
    gsi5: { pk: () => 'PRODUCTS#CHANGES', sk: (product: Pick<Product, 'updatedAt' | 'id'>) => `${product.updatedAt}#${product.id}` },
  },
  attributes: { codeKey: upper },
});

const referenceCode = (reference: Pick<CustomerReference, 'customerCode'>) => referenceCodeKey(reference.customerCode);

/** A customer's references: one partition, so that a document's pricing may read them all with one Query. */
const referencesPartition = (reference: Pick<CustomerReference, 'customerId'>) => `CUSTOMER#${reference.customerId}#REFERENCES`;

export const referenceEntity = defineEntity({
  name: 'reference',
  schema: referenceRecordSchema,
  /** Not in `CUSTOMER#<cus>`: reading a customer aggregate must not read its thousands of references. */
  key: { pk: referencesPartition, sk: (reference) => `REFERENCE#${reference.id}` } satisfies KeyOf<Pick<CustomerReference, 'customerId' | 'id'>>,
  indexes: {
    gsi1: { pk: (reference: Pick<CustomerReference, 'customerId'>) => `CUSTOMER#${reference.customerId}#REFCODES`, sk: referenceCode },
    gsi4: { pk: (reference: Pick<CustomerReference, 'productId'>) => `PRODUCT#${reference.productId}#REFERENCES`, sk: (reference: Pick<CustomerReference, 'customerId'>) => reference.customerId },
  },
});

/** Custom units only; their codes are lower case already. The unit's own item is its code's marker. */
export const unitEntity = defineEntity({
  name: 'unit',
  schema: unitRecordSchema,
  key: { pk: (unit: Pick<CustomUnit, 'code'>) => `UNIT#${unit.code}`, sk: () => '#UNIT' },
  indexes: { gsi1: { pk: () => 'UNITS', sk: (unit: Pick<CustomUnit, 'code'>) => unit.code } },
});

/** The markers that keep codes unique, each naming the record that holds the code. */
const marker = <K, T>(name: string, schema: z.ZodType<T>, pk: (input: K) => string) => defineEntity({ name, schema, key: { pk, sk: () => '#UNIQUE' } });

export const familyCodeMarker = marker('family-code', z.strictObject({ code: z.string(), familyId: z.string() }), (family: { code: string }) => `FAMILY_CODE#${upper(family)}`);
export const productCodeMarker = marker('product-code', z.strictObject({ code: z.string(), productId: z.string() }), (product: { code: string }) => `PRODUCT_CODE#${upper(product)}`);
/** A copy of the reference, replaced with it at its version: pricing reads a document's references in one BatchGetItem per 100 products. */
export const referenceProductMarker = marker('reference-product', referenceRecordSchema, (reference: { customerId: string; productId: string }) => `REFERENCE_PRODUCT#${reference.customerId}#${reference.productId}`);
export const referenceCodeMarker = marker(
  'reference-code',
  z.strictObject({ customerId: z.string(), customerCode: z.string(), referenceId: z.string() }),
  (reference: { customerId: string; customerCode: string }) => `REFERENCE_CODE#${reference.customerId}#${referenceCode(reference)}`,
);

/** Claims the new marker and releases the old one, unless both are the same item (a change of case only). */
function markerWrites(previous: Item | null, next: Item | null, conflict: () => ConflictError): TableWrite[] {
  if (previous && next && previous.pk === next.pk) return [];
  return [...(next ? [{ kind: 'claim' as const, item: next, conflict: conflict() }] : []), ...(previous ? [{ kind: 'release' as const, key: previous }] : [])];
}

/** The items one domain change writes: the record (versioned), then the markers of its unique values. */
function toTableWrites(write: CatalogWrite): TableWrite[] {
  switch (write.entity) {
    case 'family': {
      const { previous, next } = write;
      const item = familyEntity.item(next);
      return [
        previous ? { kind: 'replace', item, expectedVersion: previous.version, resource: 'Family', id: next.id } : { kind: 'create', item, resource: 'Family' },
        ...markerWrites(
          previous ? familyCodeMarker.key(previous) : null,
          familyCodeMarker.item({ code: next.code, familyId: next.id }),
          () => new ConflictError('family_code_taken', `Family code ${next.code} is already used by another family`),
        ),
      ];
    }
    case 'product': {
      const { previous, next } = write;
      const item = productEntity.item(next);
      return [
        previous ? { kind: 'replace', item, expectedVersion: previous.version, resource: 'Product', id: next.id } : { kind: 'create', item, resource: 'Product' },
        ...markerWrites(
          previous ? productCodeMarker.key(previous) : null,
          productCodeMarker.item({ code: next.code, productId: next.id }),
          () => new ConflictError('product_code_taken', `Product code ${next.code} is already used by another product`),
        ),
      ];
    }
    case 'reference':
      return referenceWrites(write.previous, write.next);
    case 'unit': {
      const { previous, next } = write;
      // The unit's own item is its code's marker: creating it claims the code.
      return [
        previous
          ? { kind: 'replace', item: unitEntity.item(next), expectedVersion: previous.version, resource: 'Unit', id: next.code }
          : { kind: 'claim', item: unitEntity.item(next), conflict: new AlreadyExistsError('unit_code_taken', `Unit code ${next.code} is already used`) },
      ];
    }
    case 'unchanged': {
      const key = write.kind === 'family' ? familyEntity.key(write) : productEntity.key(write);
      return [{ kind: 'check', key, expectedVersion: write.version, resource: write.kind === 'family' ? 'Family' : 'Product', id: write.id }];
    }
  }
}

/**
 * The reference, its product marker and its code marker. The product marker holds the whole reference (replaced with
 * it at its version), so that pricing reads a document's references in one BatchGetItem per 100 products.
 */
function referenceWrites(previous: CustomerReference | null, next: CustomerReference | null): TableWrite[] {
  const resource = 'CustomerReference';
  const codeMarker = (reference: CustomerReference) =>
    referenceCodeMarker.item({ customerId: reference.customerId, customerCode: reference.customerCode, referenceId: reference.id });
  const codeTaken = (reference: CustomerReference) => () =>
    new ConflictError('reference_code_taken', `Customer ${reference.customerId} already uses the code ${reference.customerCode} for another reference`);
  if (previous && next) {
    return [
      { kind: 'replace', item: referenceEntity.item(next), expectedVersion: previous.version, resource, id: next.id },
      { kind: 'replace', item: referenceProductMarker.item(next), expectedVersion: previous.version, resource, id: next.id },
      ...markerWrites(referenceCodeMarker.key(previous), codeMarker(next), codeTaken(next)),
    ];
  }
  if (next) {
    return [
      { kind: 'create', item: referenceEntity.item(next), resource },
      {
        kind: 'claim',
        item: referenceProductMarker.item(next),
        conflict: new ConflictError('reference_exists', `Customer ${next.customerId} already has a reference for product ${next.productId}`),
      },
      ...markerWrites(null, codeMarker(next), codeTaken(next)),
    ];
  }
  if (!previous) return [];
  return [
    { kind: 'remove', key: referenceEntity.key(previous), expectedVersion: previous.version, resource, id: previous.id },
    { kind: 'release', key: referenceProductMarker.key(previous) },
    { kind: 'release', key: referenceCodeMarker.key(previous) },
  ];
}

const codeFilter = (prefix: string | undefined): Filter[] => (prefix ? [{ attribute: 'codeKey', test: 'beginsWith', value: prefix.toUpperCase() }] : []);

/**
 * The product list's Query: the most selective key (change time, family, state, else all by code), the other
 * filters inside it. A code prefix is a key condition on every index ordered by code.
 */
export function productListQuery(query: ProductQuery): KeyQuery {
  const code = query.codePrefix ? query.codePrefix.toUpperCase() : undefined;
  let key: KeyQuery;
  const byCode = code ? { sortPrefix: code } : {};
  const { indexes } = productEntity;
  if (query.updatedSince !== undefined) key = { index: 'gsi5', partition: indexes.gsi5.pk(), sortFrom: query.updatedSince, filters: codeFilter(code) };
  else if (query.familyId !== undefined) key = { index: 'gsi4', partition: indexes.gsi4.pk(query)!, ...byCode };
  else if (query.state !== undefined) key = { index: 'gsi3', partition: indexes.gsi3.pk({ state: query.state }), ...byCode };
  else key = { index: 'gsi1', partition: indexes.gsi1.pk(), ...byCode };
  const filters: Filter[] = [...(key.filters ?? [])];
  if (query.familyId !== undefined && key.index !== 'gsi4') filters.push({ attribute: 'familyId', test: 'equals', value: query.familyId });
  if (query.state !== undefined && key.index !== 'gsi3') filters.push({ attribute: 'state', test: 'equals', value: query.state });
  if (query.kind !== undefined) filters.push({ attribute: 'kind', test: 'equals', value: query.kind });
  return { ...key, filters };
}

export function createCatalogStore(table: Table): CatalogStore {
  const store: CatalogStore = {
    async getFamily(familyId) {
      return getRecord(table, familyEntity, familyEntity.key({ id: familyId }));
    },

    async getFamilies(familyIds) {
      return (await batchGet(table, familyIds.map((id) => familyEntity.key({ id })))).map(familyEntity.parse);
    },

    async listFamilies(query: FamilyQuery, request) {
      const code = query.codePrefix ? query.codePrefix.toUpperCase() : undefined;
      if (query.parentId !== undefined) {
        const within: Filter[] = query.ancestorId !== undefined ? [{ attribute: 'ancestorIds', test: 'contains', value: query.ancestorId }] : [];
        const partition = familyEntity.indexes.gsi4.pk(query.parentId === null ? {} : { parentId: query.parentId });
        return recordPage(table, familyEntity, { index: 'gsi4', partition, ...(code ? { sortPrefix: code } : {}), filters: within }, request);
      }
      if (query.ancestorId !== undefined) {
        // The subtree is a prefix of the tree index: the ancestor's own path, which only its item knows.
        const ancestor = await store.getFamily(query.ancestorId);
        if (!ancestor) return { items: [], nextCursor: null };
        const notItself: Filter = { attribute: 'id', test: 'differs', value: ancestor.id };
        return recordPage(table, familyEntity, { index: 'gsi2', partition: familyEntity.indexes.gsi2.pk(), sortPrefix: familyTreeKey(ancestor), filters: [notItself, ...codeFilter(code)] }, request);
      }
      return recordPage(table, familyEntity, { index: 'gsi1', partition: familyEntity.indexes.gsi1.pk(), ...(code ? { sortPrefix: code } : {}) }, request);
    },

    async getProduct(productId) {
      return getRecord(table, productEntity, productEntity.key({ id: productId }));
    },

    async getProducts(productIds) {
      return (await batchGet(table, productIds.map((id) => productEntity.key({ id })))).map(productEntity.parse);
    },

    async findProductByCode(code) {
      const marker = await getRecord(table, productCodeMarker, productCodeMarker.key({ code }));
      if (!marker) return null;
      const product = await store.getProduct(marker.productId);
      // The code may have changed between the two reads.
      return product && product.code.toUpperCase() === code.toUpperCase() ? product : null;
    },

    listProducts: (query, request) => recordPage(table, productEntity, productListQuery(query), request),

    async getReference(customerId, referenceId) {
      return getRecord(table, referenceEntity, referenceEntity.key({ customerId, id: referenceId }));
    },

    async findReferenceForProduct(customerId, productId) {
      return getRecord(table, referenceProductMarker, referenceProductMarker.key({ customerId, productId }));
    },

    async findReferencesForProducts(customerId, productIds) {
      const wanted = new Set(productIds);
      // Most products of a large document have no reference for the customer, and a missing key costs a batch read
      // as much as a found one: when the customer has fewer references than the document has products, one Query of
      // them all (at most as many items as the batches' keys) replaces a batch per 100 products.
      if (wanted.size > BATCH_GET_MAX_KEYS) {
        const all = await table.client.send(
          new QueryCommand({
            TableName: table.name,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': referencesPartition({ customerId }) },
            Limit: wanted.size,
            ConsistentRead: true,
          }),
        );
        if (all.LastEvaluatedKey === undefined) return (all.Items ?? []).map(referenceEntity.parse).filter((reference) => wanted.has(reference.productId));
      }
      return (await batchGet(table, [...wanted].map((productId) => referenceProductMarker.key({ customerId, productId })))).map(referenceProductMarker.parse);
    },

    async findReferenceByCode(customerId, customerCode) {
      const marker = await getRecord(table, referenceCodeMarker, referenceCodeMarker.key({ customerId, customerCode }));
      if (!marker) return null;
      const reference = await store.getReference(customerId, marker.referenceId);
      return reference && referenceCodeKey(reference.customerCode) === referenceCodeKey(customerCode) ? reference : null;
    },

    listReferences(query, request) {
      const code = query.customerCodePrefix ? query.customerCodePrefix.toUpperCase() : undefined;
      return recordPage(table, referenceEntity, { index: 'gsi1', partition: referenceEntity.indexes.gsi1.pk(query), ...(code ? { sortPrefix: code } : {}) }, request);
    },

    async getUnit(code) {
      return getRecord(table, unitEntity, unitEntity.key({ code }));
    },

    async listCustomUnits() {
      // Bounded (MAX_CUSTOM_UNITS): one Query on the index, every page of it.
      const items = await queryAll(table, { IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': unitEntity.indexes.gsi1.pk() } });
      return items.map(unitEntity.parse);
    },

    async commit(writes, events) {
      await transact(table, writes.flatMap(toTableWrites), events);
    },
  };
  return store;
}
