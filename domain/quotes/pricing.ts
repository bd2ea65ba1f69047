import { explodeProductKit, getProductByCode, getProducts, type CatalogDeps, type KitLine } from '../catalog/index.ts';
import { simulatePrices, type SimulatedLine, type SimulationDeps } from '../pricing/index.ts';
import type { Actor } from '../shared/actor.ts';
import { NotFoundError, ValidationError, type FieldIssue } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import { roundToCurrency } from '../shared/money.ts';
import type { QuoteLine, QuotePricing } from './quote.ts';
import type { QuoteFields, QuoteLineInput } from './schemas.ts';

/** What pricing a quote reads: the simulator's deps, and the catalogue for kits and product names. */
export interface QuotePricingDeps {
  readonly pricing: SimulationDeps;
  readonly catalog: CatalogDeps;
}

/** A line before pricing: what the client asked for, kits exploded, each with its id. */
type LineDraft =
  | Extract<QuoteLine, { kind: 'section' | 'comment' }>
  | { readonly id: string; readonly kind: 'product'; readonly kitId?: string; readonly from: number; readonly request: QuoteLineInput }
  | { readonly id: string; readonly kind: 'text'; readonly from: number; readonly request: QuoteLineInput };

/** What the document is priced for: the version's settled fields. */
export type PricingTerms = Pick<QuoteFields, 'customerId' | 'deliveryCountry' | 'incoterm' | 'documentDiscounts'> & { readonly pricingDate: string; readonly currency: string };

export interface PricedQuote {
  readonly lines: readonly QuoteLine[];
  readonly pricing: QuotePricing;
  readonly deliveryCountry?: string;
}

/**
 * Prices a quote's lines with the simulator itself (PRC-9), so that the quote's figures are the simulator's to the
 * cent; each line keeps the engine's whole explanation. Kits explode into a section and their component lines (PRD-5).
 * Lines whose id is unknown to `existing` are refused: ids are the server's, the diff follows them.
 * Errors name the client's own lines (`/lines/<i>/…`).
 */
export async function priceQuote(deps: QuotePricingDeps, actor: Actor, terms: PricingTerms, requested: readonly QuoteLineInput[], existing: ReadonlySet<string>): Promise<PricedQuote> {
  const drafts = await explode(deps, actor, requested, existing);
  const priced = drafts.filter((draft): draft is Extract<LineDraft, { from: number }> => 'from' in draft);
  if (priced.length === 0) return { lines: drafts as QuoteLine[], pricing: unpricedDocument(terms.currency) };

  const simulation = await simulatePrices(deps.pricing, actor, {
    ...(terms.customerId === undefined ? {} : { customerId: terms.customerId }),
    date: terms.pricingDate,
    currency: terms.currency,
    ...(terms.deliveryCountry === undefined ? {} : { deliveryCountry: terms.deliveryCountry }),
    ...(terms.incoterm === undefined ? {} : { incoterm: terms.incoterm }),
    lines: priced.map((draft) => simulationLine(draft)),
    ...(terms.documentDiscounts ? { documentDiscounts: terms.documentDiscounts } : {}),
  }).catch((error: unknown) => {
    throw error instanceof ValidationError ? new ValidationError(error.issues.map((issue) => onClientLine(issue, priced))) : error;
  });

  const products = new Map((await getProducts(deps.catalog, actor, distinct(simulation.lines.map((line) => line.productId)))).map((product) => [product.id, product]));
  const byId = new Map(priced.map((draft, i) => [draft.id, simulation.lines[i]!]));
  const lines = drafts.map((draft): QuoteLine => {
    if (!('from' in draft)) return draft;
    const line = byId.get(draft.id)!;
    return draft.kind === 'text' ? textLine(draft, line) : productLine(draft, line, products.get(line.productId!));
  });
  const { documentDiscounts, transport, vat, totals } = simulation;
  return { lines, pricing: { documentDiscounts, transport, vat, totals }, ...(simulation.deliveryCountry === undefined ? {} : { deliveryCountry: simulation.deliveryCountry }) };
}

function simulationLine(draft: Extract<LineDraft, { from: number }>) {
  const { request } = draft;
  const { id: _id, kind: _kind, title: _title, text: _text, ...fields } = request;
  return { lineId: draft.id, ...fields };
}

/** An issue on the simulation's line j, as a pointer into the client's line it came from. */
function onClientLine(issue: FieldIssue, priced: readonly Extract<LineDraft, { from: number }>[]): FieldIssue {
  const match = /^\/lines\/(\d+)(\/.*)?$/.exec(issue.pointer);
  if (!match) return issue;
  const draft = priced[Number(match[1])];
  return draft ? { ...issue, pointer: `/lines/${draft.from}${draft.kind === 'product' && draft.kitId ? '' : (match[2] ?? '')}` } : issue;
}

function productLine(draft: Extract<LineDraft, { kind: 'product' }>, priced: SimulatedLine, product: { code: string; name: string } | undefined): QuoteLine {
  const { productCode: _code, ...request } = draft.request;
  const { id: _id, kind: _kind, ...input } = request;
  return {
    id: draft.id,
    kind: 'product',
    input: { ...input, productId: priced.productId!, quantity: draft.request.quantity! },
    productCode: product?.code ?? priced.productCode ?? priced.productId!,
    productName: product?.name ?? priced.productCode ?? priced.productId!,
    ...(draft.kitId === undefined ? {} : { kitId: draft.kitId }),
    priced,
  };
}

function textLine(draft: Extract<LineDraft, { kind: 'text' }>, priced: SimulatedLine): QuoteLine {
  const { id: _id, kind: _kind, ...input } = draft.request;
  return { id: draft.id, kind: 'text', input: { ...input, description: input.description!, quantity: input.quantity!, manualUnitPrice: input.manualUnitPrice!, vatCategory: input.vatCategory! }, priced };
}

/** Lines with their ids; each kit replaced by a section titled with its name, then its component lines. */
async function explode(deps: QuotePricingDeps, actor: Actor, requested: readonly QuoteLineInput[], existing: ReadonlySet<string>): Promise<LineDraft[]> {
  const unknown = requested.flatMap((line, i) => (line.id !== undefined && !existing.has(line.id) ? [{ pointer: `/lines/${i}/id`, message: `${line.id} is not a line of this quote's current version` }] : []));
  if (unknown.length > 0) throw new ValidationError(unknown);
  const groups = await Promise.all(
    requested.map(async (line, from): Promise<LineDraft[]> => {
      const id = line.id ?? newId('quoteLine');
      switch (line.kind) {
        case 'section':
          return [{ id, kind: 'section', title: line.title! }];
        case 'comment':
          return [{ id, kind: 'comment', text: line.text! }];
        case 'text':
          return [{ id, kind: 'text', from, request: line }];
        case 'product':
          return [{ id, kind: 'product', from, request: line }];
        case 'kit':
          return kitLines(deps, actor, line, from, id);
      }
    }),
  );
  return groups.flat();
}

async function kitLines(deps: QuotePricingDeps, actor: Actor, line: QuoteLineInput, from: number, sectionId: string): Promise<LineDraft[]> {
  const kitId = line.productId ?? (await productIdOf(deps, actor, line.productCode!, from));
  let exploded: KitLine[];
  try {
    exploded = await explodeProductKit(deps.catalog, actor, kitId, line.quantity);
  } catch (error) {
    if (error instanceof NotFoundError) throw ValidationError.field(`/lines/${from}/productId`, `${kitId} is not the id of a product`);
    if (error instanceof ValidationError) throw new ValidationError(error.issues.map((issue) => ({ ...issue, pointer: `/lines/${from}/quantity` })));
    if (error instanceof Error && 'code' in error && error.code === 'not_a_kit') throw ValidationError.field(`/lines/${from}/kind`, `${error.message}: quote it as a product line`);
    throw error;
  }
  const head = exploded.find((kitLine) => kitLine.role === 'head' && kitLine.level === 0);
  const title = head ? `${head.name} × ${head.quantity} ${head.unit}` : `Kit ${line.productCode ?? kitId} × ${line.quantity}`;
  return [
    { id: sectionId, kind: 'section', title, kitId },
    ...exploded
      .filter((kitLine) => kitLine.role === 'component')
      .map((component): LineDraft => ({
        id: newId('quoteLine'),
        kind: 'product',
        kitId,
        from,
        request: { kind: 'product', productId: component.productId, quantity: component.quantity, unit: component.unit },
      })),
  ];
}

async function productIdOf(deps: QuotePricingDeps, actor: Actor, code: string, from: number): Promise<string> {
  try {
    return (await getProductByCode(deps.catalog, actor, code)).id;
  } catch (error) {
    if (error instanceof NotFoundError) throw ValidationError.field(`/lines/${from}/productCode`, `${code} is not the code of a product`);
    throw error;
  }
}

/** A quote without a priced line (sections and comments only, or none yet): every figure zero. */
function unpricedDocument(currency: string): QuotePricing {
  const amount = roundToCurrency(0, currency);
  return {
    documentDiscounts: [],
    transport: { status: 'none', amount, explanation: 'No priced line: no transport' },
    vat: { fiscalPosition: { kind: 'domestic', explanation: 'No priced line: no VAT' }, breakdown: [] },
    totals: { lines: amount, documentDiscounts: amount, goods: amount, transport: amount, net: amount, tax: amount, gross: amount, complete: true, unpricedLines: [] },
  };
}

function distinct(values: readonly (string | undefined)[]): string[] {
  return [...new Set(values.filter((value): value is string => value !== undefined))];
}

