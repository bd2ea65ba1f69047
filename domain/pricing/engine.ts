import { Dec } from '../shared/money.ts';
import { CandidateIndex } from './candidates.ts';
import { allocateProRata, amountStep, percentageSteps, type DiscountStep } from './discounts.ts';
import { PricingConfigurationError } from './errors.ts';
import { RatesOnDate } from './exchange-rates.ts';
import { priceLine, type DocumentContext, type DraftLine } from './line.ts';
import { lineMargin } from './margin.ts';
import type { DocumentDiscount, PricingData, PricingRequest } from './model.ts';
import type { AppliedDocumentDiscount, DocumentTotals, PricedDocument, PricedLine } from './result.ts';
import { CurrencyRounding } from './rounding.ts';
import { transportFee } from './transport.ts';
import { fiscalPosition, vatBreakdown, vatRate } from './vat.ts';

/**
 * Prices a document (quote, order, invoice, contract) and explains every figure (PRC-1 … PRC-11). Pure: everything
 * it reads is in its arguments.
 * Input: the document as entered (date, currency, delivery country and Incoterm, lines with a product or free text,
 * manual prices and discounts, document discounts) and the data the loader gathered for it (see PricingData).
 * Output: the priced lines with their explanation, the document discounts, transport, VAT per rate and totals.
 * Steps: per line, quantities → candidates → search → waterfall → amount; then the document discounts, spread
 * over the lines pro rata; transport on the goods; VAT per rate on the summed bases; the lines' margins.
 * Throws a ValidationError naming the line for an unknown product or a unit that does not fit, and a
 * PricingConfigurationError for a VAT category without a rate.
 */
export function priceDocument(request: PricingRequest, data: PricingData): PricedDocument {
  const { currency, date } = request;
  const sourcePositions = new Map(data.structure.sources.map(({ source }, i) => [source, i]));
  if (sourcePositions.size !== data.structure.sources.length) throw new PricingConfigurationError('The pricing structure names a source more than once');
  const rates = new RatesOnDate(data.exchangeRates, currency, date);
  const money = new CurrencyRounding(currency);
  const context: DocumentContext = {
    data,
    money,
    index: new CandidateIndex(data.lists, data.rulesByProduct, data.references, sourcePositions, rates, date),
    fiscalPosition: fiscalPosition(data.company.countryCode, data.customer, request.deliveryCountry),
  };
  const drafts = request.lines.map((line, index) => priceLine(line, index, context));

  const linesTotal = sum(drafts.map((draft) => draft.amount));
  const documentDiscounts = applyDocumentDiscounts(linesTotal, request.documentDiscounts ?? [], data, money);
  const discountTotal = sum(documentDiscounts.map((discount) => new Dec(discount.amount)));
  const shares = allocateProRata(discountTotal, drafts.map((draft) => draft.amount), money.decimals);
  const goods = linesTotal.minus(discountTotal);

  const transport = transportFee(
    data.transportRules,
    { incoterm: request.incoterm, deliveryCountry: request.deliveryCountry ?? data.customer?.countryCode, freeShippingThreshold: data.customer?.freeShippingThreshold },
    { weight: () => measure(drafts, (product) => product.weightKg), volume: () => measure(drafts, (product) => product.volumeM3), amount: () => goods },
    rates,
    money,
  );
  const transportAmount = new Dec(transport.amount);

  const netAmounts = drafts.map((draft, i) => draft.amount.minus(shares[i]!));
  const lines = drafts.map((draft, i): PricedLine => {
    const netAmount = netAmounts[i]!;
    const margin = draft.product
      ? lineMargin(draft.product, data.structure.costBasis, draft.line.quantities.management, netAmount, rates, money)
      : { basis: data.structure.costBasis, unavailable: 'a free-text line has no cost' };
    return { ...draft.line, documentDiscountShare: money.text(shares[i]!), netAmount: money.text(netAmount), margin };
  });

  const bases = lines.map((line, i) => ({ rate: line.vat.rate, amount: netAmounts[i]! }));
  if (!transportAmount.isZero()) bases.push({ rate: vatRate(data.transportVatCategory, context.fiscalPosition, data.vatRates), amount: transportAmount });
  const breakdown = vatBreakdown(bases, money);
  const tax = sum(breakdown.map((entry) => new Dec(entry.tax)));
  const net = goods.plus(transportAmount);

  const productLines = lines.filter((line) => line.productId !== undefined);
  // A line without a price is never shown as free: the totals say they are incomplete, and which lines are missing.
  const unpricedLines = lines.filter((line) => line.status === 'unpriced').map((line) => line.index);
  const margins = productLines.flatMap((line) => ('amount' in line.margin ? [new Dec(line.margin.amount)] : []));
  const totals: DocumentTotals = {
    lines: money.text(linesTotal),
    documentDiscounts: money.text(discountTotal),
    goods: money.text(goods),
    transport: transport.amount,
    net: money.text(net),
    tax: money.text(tax),
    gross: money.text(net.plus(tax)),
    ...(margins.length === productLines.length && margins.length > 0 ? { margin: money.text(sum(margins)) } : {}),
    complete: unpricedLines.length === 0,
    unpricedLines,
  };
  return {
    date,
    currency,
    lines,
    documentDiscounts,
    transport,
    vat: { fiscalPosition: { kind: context.fiscalPosition.kind, explanation: context.fiscalPosition.explanation }, breakdown },
    totals,
  };
}

/** PRC-10: percentages first, combined per the structure, then fixed amounts; at the currency's precision. */
function applyDocumentDiscounts(linesTotal: Dec, discounts: readonly DocumentDiscount[], data: PricingData, money: CurrencyRounding): AppliedDocumentDiscount[] {
  const { decimals } = money;
  const percents = discounts.filter((discount) => discount.kind === 'percent');
  const amounts = discounts.filter((discount) => discount.kind === 'amount');
  const applied: AppliedDocumentDiscount[] = [];
  const record = (label: string, step: DiscountStep) =>
    applied.push({ label, amount: money.text(step.change.negated()), step: { label, calculation: step.calculation, value: money.text(step.change), total: money.text(step.value) } });

  const percentSteps = percentageSteps(linesTotal, percents.map((discount) => new Dec(discount.percent)), data.structure.discountCombination, decimals);
  percentSteps.forEach((step, i) => record(`${percents[i]!.label}: ${percents[i]!.percent} % (${data.structure.discountCombination})`, step));
  let running = percentSteps.at(-1)?.value ?? linesTotal;
  for (const discount of amounts) {
    const step = amountStep(running, new Dec(discount.amount), decimals);
    record(`${discount.label}: ${money.text(discount.amount)}`, step);
    running = step.value;
  }
  return applied;
}

/** Total weight or volume of the product lines: management quantity × the product's figure per management unit. */
function measure(drafts: readonly DraftLine[], perUnit: (product: NonNullable<DraftLine['product']>) => string | undefined): Dec {
  return sum(drafts.map((draft) => (draft.product && perUnit(draft.product) !== undefined ? new Dec(draft.line.quantities.management.quantity).times(perUnit(draft.product)!) : new Dec(0))));
}

function sum(values: readonly Dec[]): Dec {
  return values.reduce((acc, value) => acc.plus(value), new Dec(0));
}
