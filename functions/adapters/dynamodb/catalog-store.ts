import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { familyPath, type Family } from '../../../domain/catalog/family.ts';
import type { CatalogStore, CatalogWrite, FamilyQuery, ProductQuery } from '../../../domain/catalog/ports.ts';
import type { Product } from '../../../domain/catalog/product.ts';
import { referenceCodeKey, type CustomerReference } from '../../../domain/catalog/reference.ts';
import type { CustomUnit } from '../../../domain/catalog/units.ts';
import { AlreadyExistsError, ConflictError } from '../../../domain/shared/errors.ts';
import type { Page, PageRequest } from '../../../domain/shared/page.ts';
import { batchGet } from './batch-get.ts';
import type { Table } from './client.ts';
import { fromItem, type Item } from './items.ts';
import { queryAll, queryKeyPage, type Filter, type KeyQuery } from './pagination.ts';
import { transact, type TableWrite } from './transactions.ts';

/** The parent key of top-level families in gsi4 (ids are prefixed, so no family is called that). */
const ROOT = 'ROOT';

/** Keys of the catalog context; the chart in README.md explains each. Codes are upper-cased in keys. */
export const catalogKeys = {
  family: (id: string) => ({ pk: `FAMILY#${id}`, sk: '#FAMILY' }),
  familyCode: (code: string) => ({ pk: `FAMILY_CODE#${code.toUpperCase()}`, sk: '#UNIQUE' }),
  product: (id: string) => ({ pk: `PRODUCT#${id}`, sk: '#PRODUCT' }),
  productCode: (code: string) => ({ pk: `PRODUCT_CODE#${code.toUpperCase()}`, sk: '#UNIQUE' }),
  /** Not in `CUSTOMER#<cus>`: reading a customer aggregate must not read its thousands of references. */
  reference: (customerId: string, id: string) => ({ pk: `CUSTOMER#${customerId}#REFERENCES`, sk: `REFERENCE#${id}` }),
  referenceProduct: (customerId: string, productId: string) => ({ pk: `REFERENCE_PRODUCT#${customerId}#${productId}`, sk: '#UNIQUE' }),
  referenceCode: (customerId: string, customerCode: string) => ({ pk: `REFERENCE_CODE#${customerId}#${referenceCodeKey(customerCode)}`, sk: '#UNIQUE' }),
  /** Custom units only; their codes are lower case already. */
  unit: (code: string) => ({ pk: `UNIT#${code}`, sk: '#UNIT' }),
};

function unitItem(unit: CustomUnit): Item {
  return { ...catalogKeys.unit(unit.code), entity: 'unit', gsi1pk: 'UNITS', gsi1sk: unit.code, ...unit };
}

/** `<top>/…/<parent>/<fam>/`: a subtree is a prefix of the tree index (gsi2). */
export function familyTreeKey(family: Pick<Family, 'id' | 'ancestorIds'>): string {
  return `${familyPath(family).join('/')}/`;
}

function familyItem(family: Family): Item {
  const code = family.code.toUpperCase();
  return {
    ...catalogKeys.family(family.id),
    entity: 'family',
    codeKey: code,
    gsi1pk: 'FAMILIES',
    gsi1sk: code,
    gsi2pk: 'FAMILY_TREE',
    gsi2sk: familyTreeKey(family),
    gsi4pk: `FAMILY#${family.parentId ?? ROOT}#CHILDREN`,
    gsi4sk: code,
    ...family,
  };
}

function productItem(product: Product): Item {
  const code = product.code.toUpperCase();
  return {
    ...catalogKeys.product(product.id),
    entity: 'product',
    codeKey: code,
    gsi1pk: 'PRODUCTS',
    gsi1sk: code,
    gsi3pk: `PRODUCTS#STATE#${product.state}`,
    gsi3sk: code,
    ...(product.familyId !== undefined ? { gsi4pk: `FAMILY#${product.familyId}#PRODUCTS`, gsi4sk: code } : {}),
    gsi5pk: 'PRODUCTS#CHANGES',
    gsi5sk: `${product.updatedAt}#${product.id}`,
    ...product,
  };
}

function referenceItem(reference: CustomerReference): Item {
  return {
    ...catalogKeys.reference(reference.customerId, reference.id),
    entity: 'reference',
    gsi1pk: `CUSTOMER#${reference.customerId}#REFCODES`,
    gsi1sk: referenceCodeKey(reference.customerCode),
    gsi4pk: `PRODUCT#${reference.productId}#REFERENCES`,
    gsi4sk: reference.customerId,
    ...reference,
  };
}

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
      const item = familyItem(next);
      return [
        previous ? { kind: 'replace', item, expectedVersion: previous.version, resource: 'Family', id: next.id } : { kind: 'create', item, resource: 'Family' },
        ...markerWrites(
          previous ? catalogKeys.familyCode(previous.code) : null,
          { ...catalogKeys.familyCode(next.code), entity: 'family-code', familyId: next.id },
          () => new ConflictError('family_code_taken', `Family code ${next.code} is already used by another family`),
        ),
      ];
    }
    case 'product': {
      const { previous, next } = write;
      const item = productItem(next);
      return [
        previous ? { kind: 'replace', item, expectedVersion: previous.version, resource: 'Product', id: next.id } : { kind: 'create', item, resource: 'Product' },
        ...markerWrites(
          previous ? catalogKeys.productCode(previous.code) : null,
          { ...catalogKeys.productCode(next.code), entity: 'product-code', productId: next.id },
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
          ? { kind: 'replace', item: unitItem(next), expectedVersion: previous.version, resource: 'Unit', id: next.code }
          : { kind: 'claim', item: unitItem(next), conflict: new AlreadyExistsError('unit_code_taken', `Unit code ${next.code} is already used`) },
      ];
    }
    case 'unchanged': {
      const key = write.kind === 'family' ? catalogKeys.family(write.id) : catalogKeys.product(write.id);
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
  const productMarker = (reference: CustomerReference) => ({ ...catalogKeys.referenceProduct(reference.customerId, reference.productId), entity: 'reference-product', ...reference });
  const codeMarker = (reference: CustomerReference) => ({
    ...catalogKeys.referenceCode(reference.customerId, reference.customerCode),
    entity: 'reference-code',
    customerId: reference.customerId,
    referenceId: reference.id,
  });
  const codeTaken = (reference: CustomerReference) => () =>
    new ConflictError('reference_code_taken', `Customer ${reference.customerId} already uses the code ${reference.customerCode} for another reference`);
  if (previous && next) {
    return [
      { kind: 'replace', item: referenceItem(next), expectedVersion: previous.version, resource, id: next.id },
      { kind: 'replace', item: productMarker(next), expectedVersion: previous.version, resource, id: next.id },
      ...markerWrites(catalogKeys.referenceCode(previous.customerId, previous.customerCode), codeMarker(next), codeTaken(next)),
    ];
  }
  if (next) {
    return [
      { kind: 'create', item: referenceItem(next), resource },
      {
        kind: 'claim',
        item: productMarker(next),
        conflict: new ConflictError('reference_exists', `Customer ${next.customerId} already has a reference for product ${next.productId}`),
      },
      ...markerWrites(null, codeMarker(next), codeTaken(next)),
    ];
  }
  if (!previous) return [];
  return [
    { kind: 'remove', key: catalogKeys.reference(previous.customerId, previous.id), expectedVersion: previous.version, resource, id: previous.id },
    { kind: 'release', key: catalogKeys.referenceProduct(previous.customerId, previous.productId) },
    { kind: 'release', key: catalogKeys.referenceCode(previous.customerId, previous.customerCode) },
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
  if (query.updatedSince !== undefined) key = { index: 'gsi5', partition: 'PRODUCTS#CHANGES', sortFrom: query.updatedSince, filters: codeFilter(code) };
  else if (query.familyId !== undefined) key = { index: 'gsi4', partition: `FAMILY#${query.familyId}#PRODUCTS`, ...(code ? { sortPrefix: code } : {}) };
  else if (query.state !== undefined) key = { index: 'gsi3', partition: `PRODUCTS#STATE#${query.state}`, ...(code ? { sortPrefix: code } : {}) };
  else key = { index: 'gsi1', partition: 'PRODUCTS', ...(code ? { sortPrefix: code } : {}) };
  const filters: Filter[] = [...(key.filters ?? [])];
  if (query.familyId !== undefined && key.index !== 'gsi4') filters.push({ attribute: 'familyId', test: 'equals', value: query.familyId });
  if (query.state !== undefined && key.index !== 'gsi3') filters.push({ attribute: 'state', test: 'equals', value: query.state });
  if (query.kind !== undefined) filters.push({ attribute: 'kind', test: 'equals', value: query.kind });
  return { ...key, filters };
}

export function createCatalogStore(table: Table): CatalogStore {
  // Strongly consistent: a client that just wrote a record reads it back at its new version (If-Match).
  const getItem = async (key: Item) => (await table.client.send(new GetCommand({ TableName: table.name, Key: key, ConsistentRead: true }))).Item;
  const page = async <T>(query: KeyQuery, request: PageRequest): Promise<Page<T>> => {
    const result = await queryKeyPage(table, query, request);
    return { items: result.items.map((item) => fromItem<T>(item)), nextCursor: result.nextCursor };
  };

  const store: CatalogStore = {
    async getFamily(familyId) {
      const item = await getItem(catalogKeys.family(familyId));
      return item ? fromItem<Family>(item) : null;
    },

    async getFamilies(familyIds) {
      return (await batchGet(table, familyIds.map(catalogKeys.family))).map((item) => fromItem<Family>(item));
    },

    async listFamilies(query: FamilyQuery, request) {
      const code = query.codePrefix ? query.codePrefix.toUpperCase() : undefined;
      if (query.parentId !== undefined) {
        const within: Filter[] = query.ancestorId !== undefined ? [{ attribute: 'ancestorIds', test: 'contains', value: query.ancestorId }] : [];
        return page({ index: 'gsi4', partition: `FAMILY#${query.parentId ?? ROOT}#CHILDREN`, ...(code ? { sortPrefix: code } : {}), filters: within }, request);
      }
      if (query.ancestorId !== undefined) {
        // The subtree is a prefix of the tree index: the ancestor's own path, which only its item knows.
        const ancestor = await store.getFamily(query.ancestorId);
        if (!ancestor) return { items: [], nextCursor: null };
        const notItself: Filter = { attribute: 'id', test: 'differs', value: ancestor.id };
        return page({ index: 'gsi2', partition: 'FAMILY_TREE', sortPrefix: familyTreeKey(ancestor), filters: [notItself, ...codeFilter(code)] }, request);
      }
      return page({ index: 'gsi1', partition: 'FAMILIES', ...(code ? { sortPrefix: code } : {}) }, request);
    },

    async getProduct(productId) {
      const item = await getItem(catalogKeys.product(productId));
      return item ? fromItem<Product>(item) : null;
    },

    async getProducts(productIds) {
      return (await batchGet(table, productIds.map(catalogKeys.product))).map((item) => fromItem<Product>(item));
    },

    async findProductByCode(code) {
      const marker = await getItem(catalogKeys.productCode(code));
      if (!marker) return null;
      const product = await store.getProduct(String(marker.productId));
      // The code may have changed between the two reads.
      return product && product.code.toUpperCase() === code.toUpperCase() ? product : null;
    },

    listProducts: (query, request) => page<Product>(productListQuery(query), request),

    async getReference(customerId, referenceId) {
      const item = await getItem(catalogKeys.reference(customerId, referenceId));
      return item ? fromItem<CustomerReference>(item) : null;
    },

    async findReferenceForProduct(customerId, productId) {
      const marker = await getItem(catalogKeys.referenceProduct(customerId, productId));
      return marker ? fromItem<CustomerReference>(marker) : null;
    },

    async findReferencesForProducts(customerId, productIds) {
      const markers = await batchGet(table, productIds.map((productId) => catalogKeys.referenceProduct(customerId, productId)));
      return markers.map((marker) => fromItem<CustomerReference>(marker));
    },

    async findReferenceByCode(customerId, customerCode) {
      const marker = await getItem(catalogKeys.referenceCode(customerId, customerCode));
      if (!marker) return null;
      const reference = await store.getReference(customerId, String(marker.referenceId));
      return reference && referenceCodeKey(reference.customerCode) === referenceCodeKey(customerCode) ? reference : null;
    },

    listReferences(query, request) {
      const code = query.customerCodePrefix ? query.customerCodePrefix.toUpperCase() : undefined;
      return page<CustomerReference>({ index: 'gsi1', partition: `CUSTOMER#${query.customerId}#REFCODES`, ...(code ? { sortPrefix: code } : {}) }, request);
    },

    async getUnit(code) {
      const item = await getItem(catalogKeys.unit(code));
      return item ? fromItem<CustomUnit>(item) : null;
    },

    async listCustomUnits() {
      // Bounded (MAX_CUSTOM_UNITS): one Query on the index, every page of it.
      const items = await queryAll(table, { IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': 'UNITS' } });
      return items.map((item) => fromItem<CustomUnit>(item));
    },

    async commit(writes, events) {
      await transact(table, writes.flatMap(toTableWrites), events);
    },
  };
  return store;
}
