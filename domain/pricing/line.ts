import { ValidationError } from '../shared/errors.ts';
import { Dec } from '../shared/money.ts';
import { matchCandidates, type CandidateIndex } from './candidates.ts';
import type { FreeTextLine, PricingData, ProductLine, ProductView, RequestLine } from './model.ts';
import { lineQuantities } from './quantities.ts';
import type { CandidateExplanation, LineQuantities, PricedLine } from './result.ts';
import type { CurrencyRounding } from './rounding.ts';
import { selectRules, type Selection } from './search.ts';
import { vatRate, type FiscalPosition } from './vat.ts';
import { unitPriceWaterfall, type Waterfall, type WaterfallContext } from './waterfall.ts';

/** What the document needs to price its lines, built once per document. */
export interface DocumentContext {
  readonly data: PricingData;
  readonly money: CurrencyRounding;
  readonly index: CandidateIndex;
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
  const { quantities, conversions } = lineQuantities(line, product, conditions, data.units, pointer);

  const { index: candidates } = context;
  const { explanations, winners } = matchCandidates(candidates.forProduct(product), candidates.sourceCount, new Dec(quantities.sales.quantity), product);
  const selection = selectRules(winners, data.structure);
  const waterfall = unitPriceWaterfall(selection, line, waterfallContext(context, { view: product, conversions }));
  return assemble(line, index, context, { productId: product.id, productCode: product.code }, quantities, waterfall, explanations, product, product.vatCategory);
}

function priceFreeTextLine(line: FreeTextLine, index: number, context: DocumentContext): DraftLine {
  const quantity = { quantity: line.quantity, unit: line.unit };
  const quantities: LineQuantities = { requested: quantity, sales: quantity, management: quantity, price: quantity, adjustments: [] };
  const waterfall = unitPriceWaterfall(NO_RULES, line, waterfallContext(context, undefined));
  return assemble(line, index, context, { description: line.description }, quantities, waterfall, [], undefined, line.vatCategory);
}

function waterfallContext(context: DocumentContext, product: WaterfallContext['product']): WaterfallContext {
  const { structure } = context.data;
  return { product, decimals: structure.unitPriceDecimals, combination: structure.discountCombination, money: context.money };
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
  const { amount, text, calculation } = lineAmount(waterfall, quantities, context.money, decimals);
  const priced: DraftLine['line'] = {
    index,
    ...(line.lineId === undefined ? {} : { lineId: line.lineId }),
    ...identity,
    quantities,
    status: waterfall.unitPrice === undefined ? 'unpriced' : 'priced',
    unitPrice: (waterfall.unitPrice ?? new Dec(0)).toFixed(decimals),
    ...(waterfall.computed === undefined ? {} : { computedUnitPrice: waterfall.computed.toFixed(decimals) }),
    manual: { price: line.manualUnitPrice !== undefined, discount: (line.manualDiscounts?.length ?? 0) > 0 },
    lineFees: waterfall.lineFees,
    amount: text,
    amountCalculation: calculation,
    vat: { category: vatCategory, rate: vatRate(vatCategory, context.fiscalPosition, context.data.vatRates) },
    explanation: { candidates, waterfall: waterfall.steps, notes: waterfall.notes },
  };
  return { line: priced, amount, product };
}

/** Step 7: unit price × quantity in the price unit, rounded half-up to the currency, plus the per-line fees. */
function lineAmount(waterfall: Waterfall, quantities: LineQuantities, money: CurrencyRounding, decimals: number): { amount: Dec; text: string; calculation: string } {
  if (waterfall.unitPrice === undefined) return { amount: new Dec(0), text: money.text(0), calculation: 'no price: the line counts for zero' };
  const { quantity, unit } = quantities.price;
  const goods = money.round(waterfall.unitPrice.times(quantity));
  const goodsText = money.text(goods);
  const product = `${waterfall.unitPrice.toFixed(decimals)} × ${quantity}${unit ? ` ${unit}` : ''} = ${goodsText}`;
  if (waterfall.lineFees.length === 0) return { amount: goods, text: goodsText, calculation: product };
  const amount = waterfall.lineFees.reduce((sum, fee) => sum.plus(fee.amount), goods);
  const text = money.text(amount);
  return { amount, text, calculation: `${product}${waterfall.lineFees.map((fee) => ` + ${fee.amount} (${fee.label})`).join('')} = ${text}` };
}
