import type { Actor } from '../../shared/actor.ts';
import { NotFoundError, ValidationError } from '../../shared/errors.ts';
import type { Page, PageRequest } from '../../shared/page.ts';
import { parseWith } from '../../shared/validation.ts';
import { existingProduct, loadUnits, type CatalogDeps } from '../access.ts';
import { explodeKit, MAX_KIT_DEPTH, type KitLine } from '../kit.ts';
import type { ProductQuery } from '../ports.ts';
import { quantityIssues, type Product } from '../product.ts';
import { positiveDecimal } from '../schemas.ts';

/** Every role reads the catalogue. */
export function getProduct(deps: CatalogDeps, _actor: Actor, productId: string): Promise<Product> {
  return existingProduct(deps, productId);
}

/** The product an EDI message or an e-commerce order names by its code (case-insensitive). */
export async function getProductByCode(deps: CatalogDeps, _actor: Actor, code: string): Promise<Product> {
  const product = await deps.store.findProductByCode(code);
  if (!product) throw new NotFoundError('Product', code);
  return product;
}

/** The products among these ids that exist, in no particular order (a document's lines: one BatchGetItem per 100). */
export function getProducts(deps: CatalogDeps, _actor: Actor, productIds: readonly string[]): Promise<readonly Product[]> {
  return productIds.length === 0 ? Promise.resolve([]) : deps.store.getProducts(productIds);
}

/** Lists products by code (or by change time with `updatedSince`), filtered by family, state, kind and code prefix. */
export function listProducts(deps: CatalogDeps, _actor: Actor, query: ProductQuery, page: PageRequest): Promise<Page<Product>> {
  return deps.store.listProducts(query, page);
}

/**
 * PRD-5: the lines `quantity` kits explode into (see `explodeKit`), reading the nested kits level by level.
 * Input: the kit's id and a quantity in its sales unit (`/query/quantity`). Output: the lines, each a quantity
 * its unit can hold (no 1.5 pieces of a component): the quantity is refused otherwise.
 */
export async function explodeProductKit(deps: CatalogDeps, actor: Actor, productId: string, quantity: unknown): Promise<KitLine[]> {
  const amount = parseWith(positiveDecimal, quantity, '/query/quantity');
  const [kit, units] = await Promise.all([getProduct(deps, actor, productId), loadUnits(deps.store)]);
  const unitIssues = (line: { quantity: string; unit: string; code: string }) =>
    quantityIssues(line.quantity, units(line.unit)!, '/query/quantity').map((issue) => ({ ...issue, message: `gives ${line.quantity} ${line.unit} of ${line.code}: ${issue.message}` }));
  const sold = quantityIssues(amount, units(kit.units.sales)!, '/query/quantity');
  if (sold.length > 0) throw new ValidationError(sold);
  const known = new Map<string, Product>([[kit.id, kit]]);
  let pending = componentIds(kit);
  for (let level = 0; pending.length > 0 && level <= MAX_KIT_DEPTH; level++) {
    const found = await deps.store.getProducts(pending);
    for (const product of found) known.set(product.id, product);
    pending = [...new Set(found.flatMap(componentIds))].filter((id) => !known.has(id));
  }
  const lines = explodeKit(kit, amount, (id) => known.get(id));
  const issues = lines.flatMap(unitIssues);
  if (issues.length > 0) throw new ValidationError(issues.slice(0, 1));
  return lines;
}

function componentIds(product: Product): string[] {
  return product.kit?.components.map((component) => component.productId) ?? [];
}
