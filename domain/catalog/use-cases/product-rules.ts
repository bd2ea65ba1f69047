import { ValidationError, type FieldIssue } from '../../shared/errors.ts';
import { changedFields } from '../../shared/merge-patch.ts';
import { loadUnits, type CatalogDeps } from '../access.ts';
import { MAX_KIT_DEPTH } from '../kit.ts';
import type { CatalogWrite } from '../ports.ts';
import { checkProductFields, quantityIssues, type Product } from '../product.ts';
import type { KitFields, ProductFields } from '../schemas.ts';
import type { UnitLookup } from '../units.ts';

/**
 * A kit with its nested kits is checked and guarded in one transaction: every kit the check read is written
 * back as `unchanged` at the version read, so a concurrent change that would close a cycle fails one side.
 * DynamoDB takes 100 items in a transaction: the product, its event and at most this many guards.
 */
export const MAX_NESTED_KITS = 90;

/**
 * The product's fields checked as a whole (units, kind and kit, quantities, family, components), or a
 * ValidationError naming every offending field. Returns the canonical fields and the guards to commit with them.
 * `before` is the stored product on an update: components it already had may have been discontinued since.
 */
export async function checkedProduct(deps: CatalogDeps, productId: string, fields: ProductFields, before?: Product): Promise<{ value: ProductFields; guards: CatalogWrite[] }> {
  const units = await loadUnits(deps.store);
  const checked = checkProductFields(fields, units);
  const issues: FieldIssue[] = [...checked.issues];
  if (fields.familyId !== undefined && fields.familyId !== before?.familyId && !(await deps.store.getFamily(fields.familyId))) {
    issues.push({ pointer: '/familyId', message: `family ${fields.familyId} does not exist` });
  }
  let guards: CatalogWrite[] = [];
  const kitUnchanged = before !== undefined && changedFields(['kind', 'kit'], before, fields).length === 0;
  if (fields.kind === 'kit' && fields.kit && !kitUnchanged) {
    const kept = new Set(before?.kit?.components.map((c) => c.productId));
    const kit = await checkKit(deps, units, productId, fields.kit, kept);
    issues.push(...kit.issues);
    guards = kit.guards;
  }
  if (issues.length > 0) throw new ValidationError(issues);
  return { value: checked.value, guards };
}

/**
 * PRD-5: components exist (any kind: goods, services, other kits), are not discontinued when newly added,
 * are counted in their sales unit's precision, and never lead back to the kit itself, however deep.
 */
async function checkKit(deps: CatalogDeps, units: UnitLookup, kitId: string, kit: KitFields, kept: ReadonlySet<string>): Promise<{ issues: FieldIssue[]; guards: CatalogWrite[] }> {
  const issues: FieldIssue[] = [];
  const reachable = await loadReachable(deps, kitId, kit.components.map((c) => c.productId));
  if (reachable === 'too_many') {
    return { issues: [{ pointer: '/kit/components', message: `kits nest at most ${MAX_NESTED_KITS} other kits at all levels` }], guards: [] };
  }

  const walk = reachWalker(kitId, reachable);
  let height = 0;
  kit.components.forEach((component, i) => {
    const pointer = `/kit/components/${i}`;
    if (component.productId === kitId) {
      issues.push({ pointer: `${pointer}/productId`, message: 'a kit cannot contain itself' });
      return;
    }
    const product = reachable.get(component.productId);
    if (!product) {
      issues.push({ pointer: `${pointer}/productId`, message: `product ${component.productId} does not exist` });
      return;
    }
    if (product.state === 'discontinued' && !kept.has(product.id)) {
      issues.push({ pointer: `${pointer}/productId`, message: `product ${product.code} is discontinued` });
    }
    const unit = units(product.units.sales);
    if (unit) issues.push(...quantityIssues(component.quantity, unit, `${pointer}/quantity`));
    const reach = walk(product.id);
    if (reach.cycle) issues.push({ pointer: `${pointer}/productId`, message: `would make the kit part of itself: ${[...reach.cycle, 'this kit'].join(' → ')}` });
    height = Math.max(height, reach.height + 1);
  });
  if (height > MAX_KIT_DEPTH) issues.push({ pointer: '/kit/components', message: `kits nest at most ${MAX_KIT_DEPTH} levels deep; this one would nest ${height}` });

  const guards = [...reachable.values()]
    .filter((product) => product.kind === 'kit')
    .map((product): CatalogWrite => ({ entity: 'unchanged', kind: 'product', id: product.id, version: product.version }));
  return { issues, guards };
}

/** Every product reachable from the components, level by level (one batch read per level), the kit itself excepted. */
async function loadReachable(deps: CatalogDeps, kitId: string, componentIds: readonly string[]): Promise<Map<string, Product> | 'too_many'> {
  const reachable = new Map<string, Product>();
  let pending = new Set(componentIds.filter((id) => id !== kitId));
  let kits = 0;
  while (pending.size > 0) {
    const found = await deps.store.getProducts([...pending]);
    const next = new Set<string>();
    for (const product of found) {
      reachable.set(product.id, product);
      if (product.kind !== 'kit' || !product.kit) continue;
      if (++kits > MAX_NESTED_KITS) return 'too_many';
      for (const component of product.kit.components) {
        if (component.productId !== kitId && !reachable.has(component.productId) && !pending.has(component.productId)) next.add(component.productId);
      }
    }
    pending = next;
  }
  return reachable;
}

interface Reach {
  /** Codes along a path back to the kit being checked, if there is one. */
  readonly cycle: readonly string[] | null;
  /** Levels of components below the product (0 for goods and services). */
  readonly height: number;
}

/** Depth-first over the stored kits, memoised per product: shared sub-kits are walked once. */
function reachWalker(kitId: string, reachable: ReadonlyMap<string, Product>): (productId: string) => Reach {
  const memo = new Map<string, Reach>();
  const inProgress = new Set<string>();
  const walk = (productId: string): Reach => {
    const known = memo.get(productId);
    if (known) return known;
    const product = reachable.get(productId);
    // A stored cycle that does not involve this kit is not this change's fault: stop there.
    if (!product || product.kind !== 'kit' || !product.kit || inProgress.has(productId)) return { cycle: null, height: 0 };
    inProgress.add(productId);
    let cycle: readonly string[] | null = null;
    let height = 0;
    for (const component of product.kit.components) {
      if (component.productId === kitId) {
        cycle ??= [product.code];
        height = Math.max(height, 1);
        continue;
      }
      const below = walk(component.productId);
      if (below.cycle && !cycle) cycle = [product.code, ...below.cycle];
      height = Math.max(height, below.height + 1);
    }
    inProgress.delete(productId);
    const reach = { cycle, height };
    memo.set(productId, reach);
    return reach;
  };
  return walk;
}
