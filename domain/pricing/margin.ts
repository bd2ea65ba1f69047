import { Dec } from '../shared/money.ts';
import type { RatesOnDate } from './exchange-rates.ts';
import type { ProductView } from './model.ts';
import type { Margin, QuantityInUnit } from './result.ts';
import { percentage, type CurrencyRounding } from './rounding.ts';
import type { CostBasis } from './structure.ts';

const BASIS_LABELS: Record<CostBasis, string> = {
  weightedAverage: 'weighted average cost',
  lastPurchase: 'last purchase price',
  entered: 'entered cost',
};

/**
 * The line's margin (PRD-6): its net amount (after its share of the document discounts) minus the cost of its
 * management quantity on the configured basis, converted into the document's currency.
 */
export function lineMargin(product: ProductView, basis: CostBasis, management: QuantityInUnit, netAmount: Dec, rates: RatesOnDate, money: CurrencyRounding): Margin {
  const unitCost = product.costs[basis];
  if (!unitCost) return { basis, unavailable: `the product has no ${BASIS_LABELS[basis]}` };
  const conversion = rates.into(unitCost.currency);
  if (!conversion) return { basis, unavailable: `the ${BASIS_LABELS[basis]} is in ${unitCost.currency}, which has no rate on ${rates.date}` };

  const cost = money.round(new Dec(unitCost.amount).times(management.quantity).times(conversion.rate));
  const amount = netAmount.minus(cost);
  const rate = netAmount.isZero() ? null : percentage(amount, netAmount, money.decimals);
  const converted = conversion.description ? ` × ${conversion.description}` : '';
  const costText = money.text(cost);
  const amountText = money.text(amount);
  const net = money.text(netAmount);
  return {
    basis,
    cost: costText,
    amount: amountText,
    rate,
    calculation:
      `cost: ${BASIS_LABELS[basis]} ${unitCost.amount} ${unitCost.currency} × ${management.quantity} ${management.unit}${converted} = ${costText}; ` +
      `margin: ${net} − ${costText} = ${amountText}${rate === null ? '' : ` (${rate} % of ${net})`}`,
  };
}
