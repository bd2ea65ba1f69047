import type { UnitLookup } from '../catalog/units.ts';
import { ValidationError } from '../shared/errors.ts';
import { Dec, roundToCurrency } from '../shared/money.ts';
import { matchCandidates, type CandidateIndex } from './candidates.ts';
import type { RatesOnDate } from './exchange-rates.ts';
import type { FreeTextLine, PricingData, ProductLine, ProductView, RequestLine } from './model.ts';
import { lineQuantities } from './quantities.ts';
import type { CandidateExplanation, LineFee, LineQuantities, PricedLine } from './result.ts';
import { selectRules, type Selection } from './search.ts';
import type { PriceSource } from './structure.ts';
import { vatRate, type FiscalPosition } from './vat.ts';
import { unitPriceWaterfall, type Waterfall } from './waterfall.ts';

/** What the document needs to price its lines, built once per document. */
export interface DocumentContext {
  readonly date: string;
  readonly currency: string;
  readonly data: PricingData;
  readonly rates: RatesOnDate;
  readonly index: CandidateIndex;
  readonly sourcePositions: ReadonlyMap<PriceSource, number>;
  readonly fiscalPosition: FiscalPosition;
}

/** A priced line before the document-level figures (its share of the document discounts, its margin). */
export interface DraftLine {
  readonly line: Omit<PricedLine, 'documentDiscountShare' | 'netAmount' | 'margin'>;
  readonly amount: Dec;
  readonly product?: ProductView;
}

const NO_RULES: Selection = { prices: [], adjustments: [], withFees: [] };

export function priceLine(line: RequestLine, index: number, context: DocumentContext): DraftLine {
  return 'productId' in line ? priceProductLine(line, index, context) : priceFreeTextLine(line, index, context);
}

function priceProductLine(line: ProductLine, index: number, context: DocumentContext): DraftLine {
  const { data } = context;
  const pointer = `/lines/${index}`;
  const product = data.products.get(line.productId);
  if (!product) throw ValidationError.field(`${pointer}/productId`, `${line.productId} is not a known product`);

  const reference = data.references.get(product.id);
  const conditions = reference?.conditions
    ? { values: reference.conditions, origin: `customer reference ${reference.customerCode}` }
    : product.salesConditions && { values: product.salesConditions, origin: `sales conditions of ${product.code}` };
  const quantities = lineQuantities(line, product, conditions, data.units, pointer);

  const { explanations, winners } = matchCandidates(context.index.forProduct(product), {
    product,
    salesQuantity: new Dec(quantities.sales.quantity),
    date: context.date,
    rates: context.rates,
    index: context.index,
    structure: data.structure,
    sourcePositions: context.sourcePositions,
  });
  const selection = selectRules(winners, data.structure);
  const waterfall = unitPriceWaterfall(selection, line, waterfallContext(context, data.units, product, line.variableFactor));
  return assemble(line, index, context, { productId: product.id, productCode: product.code }, quantities, waterfall, explanations, product, product.vatCategory);
}

function priceFreeTextLine(line: FreeTextLine, index: number, context: DocumentContext): DraftLine {
  const quantity = { quantity: line.quantity, unit: line.unit };
  const quantities: LineQuantities = { requested: quantity, sales: quantity, management: quantity, price: quantity, adjustments: [] };
  const waterfall = unitPriceWaterfall(NO_RULES, line, waterfallContext(context, context.data.units, undefined, undefined));
  return assemble(line, index, context, { description: line.description }, quantities, waterfall, [], undefined, line.vatCategory);
}

function waterfallContext(context: DocumentContext, lookup: UnitLookup, product: ProductView | undefined, variableFactor: string | undefined) {
  const { structure } = context.data;
  return { product, lookup, variableFactor, decimals: structure.unitPriceDecimals, combination: structure.discountCombination, currency: context.currency };
}

function assemble(
  line: RequestLine,
  index: number,
  context: DocumentContext,
  identity: Pick<PricedLine, 'productId' | 'productCode' | 'description'>,
  quantities: LineQuantities,
  waterfall: Waterfall,
  candidates: readonly CandidateExplanation[],
  product: ProductView | undefined,
  vatCategory: string,
): DraftLine {
  const decimals = context.data.structure.unitPriceDecimals;
  const { amount, calculation } = lineAmount(waterfall, quantities, context);
  const priced: DraftLine['line'] = {
    index,
    ...(line.lineId === undefined ? {} : { lineId: line.lineId }),
    ...identity,
    quantities,
    status: waterfall.unitPrice === undefined ? 'unpriced' : 'priced',
    unitPrice: (waterfall.unitPrice ?? new Dec(0)).toFixed(decimals),
    ...(waterfall.computed === undefined ? {} : { computedUnitPrice: waterfall.computed.toFixed(decimals) }),
    manual: { price: line.manualUnitPrice !== undefined, discount: line.manualDiscount !== undefined },
    lineFees: waterfall.lineFees,
    amount: roundToCurrency(amount, context.currency),
    amountCalculation: calculation,
    vat: { category: vatCategory, rate: vatRate(vatCategory, context.fiscalPosition, context.data.vatRates) },
    explanation: { candidates, waterfall: waterfall.steps, notes: waterfall.notes },
  };
  return { line: priced, amount, product };
}

/** Step 7: unit price × quantity in the price unit, rounded half-up to the currency, plus the per-line fees. */
function lineAmount(waterfall: Waterfall, quantities: LineQuantities, context: DocumentContext): { amount: Dec; calculation: string } {
  const { currency } = context;
  if (waterfall.unitPrice === undefined) return { amount: new Dec(0), calculation: 'no price: the line counts for zero' };
  const { quantity, unit } = quantities.price;
  const goods = new Dec(roundToCurrency(waterfall.unitPrice.times(quantity), currency));
  const amount = waterfall.lineFees.reduce((sum, fee: LineFee) => sum.plus(fee.amount), goods);
  const product = `${waterfall.unitPrice.toFixed(context.data.structure.unitPriceDecimals)} × ${quantity}${unit ? ` ${unit}` : ''} = ${roundToCurrency(goods, currency)}`;
  const fees = waterfall.lineFees.map((fee) => ` + ${fee.amount} (${fee.label})`).join('');
  return { amount, calculation: fees ? `${product}${fees} = ${roundToCurrency(amount, currency)}` : product };
}
