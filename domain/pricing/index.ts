/**
 * The pricing context's public entry: what another context may use of it (DESIGN §9). Documents (quotes, orders) are
 * priced by the simulator's use case, so that their totals are exactly the simulator's.
 */
export type { PricedLine, DocumentTotals, VatBreakdown, TransportOutcome, AppliedDocumentDiscount, Margin } from './result.ts';
export { simulatePrices, type PriceSimulation, type SimulatedLine, type SimulationDeps } from './simulation/simulate-prices.ts';
export { documentDiscountSchema, simulationLineSchema, MAX_DOCUMENT_DISCOUNTS } from './simulation/schemas.ts';
export { MAX_DISCOUNT_STEPS } from './admin/schemas.ts';
