import type { DomainEvent } from '../shared/events.ts';
import type { Page, PageRequest } from '../shared/page.ts';
import type { Family } from './family.ts';
import type { Product } from './product.ts';
import type { CustomerReference } from './reference.ts';
import type { ProductKind, ProductState } from './schemas.ts';
import type { CustomUnit } from './units.ts';

/**
 * The catalog's ports. Every read below is answerable by a GetItem, a BatchGetItem or a Query on a key or
 * an index — never a Scan. The access patterns the DynamoDB adapter is expected to serve (CODE = the code
 * upper-cased; markers are the uniqueness items of the table design):
 *
 * | Pattern                                   | Method                  | Key condition (suggested)                                          |
 * |-------------------------------------------|-------------------------|--------------------------------------------------------------------|
 * | Get a family                              | getFamily               | table `FAMILY#<fam>` / `#FAMILY` (GetItem)                         |
 * | Get families (a family's ancestors, …)    | getFamilies             | BatchGetItem of the above                                          |
 * | All families by code [code prefix]        | listFamilies {}         | gsi1 `FAMILIES` / `<CODE>` [begins_with]                           |
 * | Sub-families of a family, or top-level    | listFamilies {parentId} | gsi4 `FAMILY#<fam or ROOT>#CHILDREN` / `<CODE>` [begins_with]      |
 * | Every family below one (its subtree)      | listFamilies {ancestorId} | a gsi on `FAMILY_TREE` / `<ancestorIds…>/<fam>/` (the path), begins_with(`<path of the ancestor>/`) |
 * | Get a product                             | getProduct              | table `PRODUCT#<prd>` / `#PRODUCT` (GetItem)                        |
 * | Get products (kit components, a document) | getProducts             | BatchGetItem (100 keys a call)                                     |
 * | Find a product by code (EDI, e-commerce)  | findProductByCode       | marker `PRODUCT_CODE#<CODE>` (holds the id) → GetItem: consistent  |
 * | All products by code [code prefix]        | listProducts {}         | gsi1 `PRODUCTS` / `<CODE>` [begins_with]                           |
 * | A family's products [code prefix]         | listProducts {familyId} | gsi4 `FAMILY#<fam>#PRODUCTS` / `<CODE>` [begins_with]              |
 * | Products in a state [code prefix]         | listProducts {state}    | gsi3 `PRODUCTS#STATE#<state>` / `<CODE>` [begins_with]             |
 * | Products changed since T (sync feeds)     | listProducts {updatedSince} | gsi5 `PRODUCTS#CHANGES` / `<updatedAt>#<prd>` >= T             |
 * | Combined product filters                  | listProducts            | the most selective of the above (updatedSince, family, state, all), the rest as FilterExpression |
 * | Get a customer reference                  | getReference            | table `CUSTOMER#<cus>#REFERENCES` / `REFERENCE#<ref>` (GetItem)    |
 * | The reference of a customer for a product | findReferenceForProduct | marker `REFERENCE_PRODUCT#<cus>#<prd>` (holds the whole reference): GetItem |
 * | The references of a customer for a document's products | findReferencesForProducts | BatchGetItem of those markers (1 request per 100 products) |
 * | Find by the customer's code (EDI)         | findReferenceByCode     | marker `REFERENCE_CODE#<cus>#<CODE>` (holds the id) → GetItem      |
 * | A customer's references by customer code [prefix] | listReferences  | gsi1 `CUSTOMER#<cus>#REFCODES` / `<CODE>` [begins_with]            |
 * | Get a custom unit                         | getUnit                 | table `UNIT#<code>` / `#UNIT` (GetItem)                            |
 * | All custom units (bounded)                | listCustomUnits         | gsi1 `UNITS` / `<code>` (one Query, every page)                    |
 *
 * References live in their own partition, not in `CUSTOMER#<cus>`, so that reading a customer aggregate
 * (a Query on the customer's partition) does not read its thousands of references.
 */

/** Filters of the family list, ordered by code. `parentId` and `ancestorId` exclude each other. */
export interface FamilyQuery {
  /** Direct sub-families of this family; `null`: the top-level families. */
  readonly parentId?: string | null;
  /** Every family below this one, at any depth (ordered by path rather than code). */
  readonly ancestorId?: string;
  /** Compared case-insensitively. */
  readonly codePrefix?: string;
}

/** Filters of the product list, ordered by code (by change time with `updatedSince`). */
export interface ProductQuery {
  /** Products directly in this family (not in its sub-families: list those families for that). */
  readonly familyId?: string;
  readonly state?: ProductState;
  readonly kind?: ProductKind;
  /** Compared case-insensitively. */
  readonly codePrefix?: string;
  /** ISO timestamp: products changed at or after it, oldest change first (incremental sync). */
  readonly updatedSince?: string;
}

/** Filters of a customer's references, ordered by the customer's code. */
export interface ReferenceQuery {
  readonly customerId: string;
  /** Compared case-insensitively, on the customer's code. */
  readonly customerCodePrefix?: string;
}

/**
 * One change to one item. `previous` null creates (the item must not exist), `next` null deletes; otherwise
 * the stored version must still be `previous.version`. `unchanged` writes nothing but requires the item to be
 * still at `version` (a ConditionCheck): it guards what a decision read, such as the chain of kits a kit
 * was checked not to be part of.
 */
export type CatalogWrite =
  | { readonly entity: 'family'; readonly previous: Family | null; readonly next: Family }
  | { readonly entity: 'product'; readonly previous: Product | null; readonly next: Product }
  | { readonly entity: 'reference'; readonly previous: CustomerReference | null; readonly next: CustomerReference | null }
  | { readonly entity: 'unit'; readonly previous: CustomUnit | null; readonly next: CustomUnit }
  | { readonly entity: 'unchanged'; readonly kind: 'family' | 'product'; readonly id: string; readonly version: number };

export interface CatalogStore {
  getFamily(familyId: string): Promise<Family | null>;
  /** The families that exist among these ids, in no particular order. */
  getFamilies(familyIds: readonly string[]): Promise<readonly Family[]>;
  listFamilies(query: FamilyQuery, page: PageRequest): Promise<Page<Family>>;

  getProduct(productId: string): Promise<Product | null>;
  /** The products that exist among these ids, in no particular order. */
  getProducts(productIds: readonly string[]): Promise<readonly Product[]>;
  /** Case-insensitive. */
  findProductByCode(code: string): Promise<Product | null>;
  listProducts(query: ProductQuery, page: PageRequest): Promise<Page<Product>>;

  getReference(customerId: string, referenceId: string): Promise<CustomerReference | null>;
  findReferenceForProduct(customerId: string, productId: string): Promise<CustomerReference | null>;
  /** The customer's references for those of these products that have one (pricing a document), in no particular order. */
  findReferencesForProducts(customerId: string, productIds: readonly string[]): Promise<readonly CustomerReference[]>;
  /** Case-insensitive (`referenceCodeKey`). */
  findReferenceByCode(customerId: string, customerCode: string): Promise<CustomerReference | null>;
  listReferences(query: ReferenceQuery, page: PageRequest): Promise<Page<CustomerReference>>;

  /** A custom unit (the standard ones are in the code). */
  getUnit(code: string): Promise<CustomUnit | null>;
  /** Every custom unit, by code: at most MAX_CUSTOM_UNITS, read whole by every use case that converts quantities. */
  listCustomUnits(): Promise<readonly CustomUnit[]>;

  /**
   * All writes and their events in one transaction: all happen or none. Throws WriteConflictError when an
   * item moved on since it was read, NotFoundError when it vanished, ConflictError `family_code_taken`, `product_code_taken`
   * (codes are unique case-insensitively), `unit_code_taken`, `reference_code_taken` (a customer's code, per customer) or
   * `reference_exists` (one reference per customer and product).
   */
  commit(writes: readonly CatalogWrite[], events: readonly DomainEvent[]): Promise<void>;
}
