import { ConflictError, NotFoundError } from '../shared/errors.ts';
import { Dec, type DecimalValue } from '../shared/money.ts';
import type { Product } from './product.ts';

/** Kits may contain kits, this deep at most (the kit sold is at level 0). */
export const MAX_KIT_DEPTH = 8;

/** One document line of an exploded kit (PRD-5). */
export interface KitLine {
  readonly productId: string;
  readonly code: string;
  readonly name: string;
  /** Exact (kit quantity × quantity per kit, never rounded), in `unit`, the product's sales unit. */
  readonly quantity: string;
  readonly unit: string;
  /** `head`: a kit's own line, shown above its components; `component`: a line the kit explodes into. */
  readonly role: 'head' | 'component';
  /** 0 for the kit sold, 1 for its components, 2 for the components of a component kit… */
  readonly level: number;
  /** The kit this line belongs to; absent on the head of the kit sold. */
  readonly kitId?: string;
  /** The component's section in its kit; components of a component kit without one inherit the kit's. */
  readonly section?: string;
}

export type ProductLookup = (productId: string) => Product | undefined;

/**
 * Explodes `quantity` kits (in the kit's sales unit) into one line per component, in the order of the bill of
 * materials. A component that is itself a kit explodes in turn, after its head line when it shows its head.
 * The kit's head line comes first when `showHead`. Pure: `lookup` must know every component, at any depth.
 */
export function explodeKit(kit: Product, quantity: DecimalValue, lookup: ProductLookup): KitLine[] {
  if (kit.kind !== 'kit' || !kit.kit) throw new ConflictError('not_a_kit', `Product ${kit.code} is a ${kit.kind}, not a kit`);
  const lines: KitLine[] = [];
  const amount = new Dec(quantity);
  if (kit.kit.showHead) lines.push(line(kit, amount, 'head', 0, undefined, undefined));
  explodeInto(lines, kit, amount, 1, undefined, [kit.id], lookup);
  return lines;
}

function explodeInto(lines: KitLine[], kit: Product, kits: Dec, level: number, inherited: string | undefined, path: readonly string[], lookup: ProductLookup): void {
  if (level > MAX_KIT_DEPTH) throw new ConflictError('kit_too_deep', `Kit ${path.join(' → ')} nests more than ${MAX_KIT_DEPTH} levels`);
  for (const component of kit.kit!.components) {
    const product = lookup(component.productId);
    if (!product) throw new NotFoundError('Product', component.productId);
    if (path.includes(product.id)) throw new ConflictError('kit_cycle', `Kit ${path.join(' → ')} contains itself through ${product.id}`);
    const quantity = kits.times(component.quantity);
    const section = component.section ?? inherited;
    if (product.kind === 'kit' && product.kit) {
      if (product.kit.showHead) lines.push(line(product, quantity, 'head', level, kit.id, section));
      explodeInto(lines, product, quantity, level + 1, section, [...path, product.id], lookup);
    } else {
      lines.push(line(product, quantity, 'component', level, kit.id, section));
    }
  }
}

function line(product: Product, quantity: Dec, role: KitLine['role'], level: number, kitId: string | undefined, section: string | undefined): KitLine {
  return {
    productId: product.id,
    code: product.code,
    name: product.name,
    quantity: quantity.toFixed(),
    unit: product.units.sales,
    role,
    level,
    ...(kitId === undefined ? {} : { kitId }),
    ...(section === undefined ? {} : { section }),
  };
}
