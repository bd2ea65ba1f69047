import type { Actor } from '../../shared/actor.ts';
import type { Clock } from '../../shared/clock.ts';
import { NotFoundError, ValidationError, type FieldIssue } from '../../shared/errors.ts';
import type { Incoterm } from '../../shared/reference-data.ts';
import { parseWith } from '../../shared/validation.ts';
import { priceDocument } from '../engine.ts';
import type { CustomerView, DocumentDiscount, PricingRequest, RequestLine } from '../model.ts';
import type { PricedDocument, PricedLine } from '../result.ts';
import type { PricingCustomerProfile, PricingDataSource } from './ports.ts';
import { priceSimulationSchema, type PriceSimulationInput, type SimulationLineInput } from './schemas.ts';

/** What the simulator needs. */
export interface SimulationDeps {
  readonly data: PricingDataSource;
  readonly clock: Clock;
}

/** The currency of a simulation with no customer and none given. */
export const DEFAULT_CURRENCY = 'EUR';

export type SimulatedLine = PricedLine & {
  /** The customer's own code the line named its product by. */
  readonly customerProductCode?: string;
};

/** The engine's priced document, with what the simulation settled: the customer, the delivery country and Incoterm. */
export interface PriceSimulation extends Omit<PricedDocument, 'lines'> {
  readonly customerId?: string;
  /** The delivery country priced (the request's, else the customer's); absent when neither gives one. */
  readonly deliveryCountry?: string;
  /** The Incoterm priced (the request's, else the customer's). */
  readonly incoterm?: Incoterm;
  readonly lines: readonly SimulatedLine[];
}

/**
 * PRC-9: prices a document without saving anything, and explains every figure.
 * Input: `{ customerId?, date?, currency?, deliveryCountry?, incoterm?, lines, documentDiscounts? }` (schemas.ts).
 * Output: the priced document (lines with quantities in all units, candidates, waterfall, amounts, margins;
 * document discounts, transport, VAT per rate, totals), each line with the id of the product it resolved to.
 * Steps: validate shape → the customer, if any, as the actor may see it (an agent: only their own customers; others
 * are 404, as for reads) → product codes and the customer's own codes to ids (an unknown code is a 400 naming
 * `/lines/<i>/productCode` or `/lines/<i>/customerProductCode`) → defaults (today, the customer's currency else EUR,
 * the customer's country and Incoterm) → load the data for the distinct products → price.
 * Every role may simulate.
 */
export async function simulatePrices(deps: SimulationDeps, actor: Actor, input: unknown): Promise<PriceSimulation> {
  const simulation = parseWith(priceSimulationSchema, input);
  const customer = simulation.customerId === undefined ? undefined : await visibleCustomer(deps, actor, simulation.customerId);
  const deliveryCountry = simulation.deliveryCountry ?? customer?.countryCode;
  if (customer && deliveryCountry === undefined) {
    throw ValidationError.field('/deliveryCountry', `is required: customer ${customer.id} has no country, so the delivery country decides VAT and transport`);
  }
  const productIds = await resolveProducts(deps, simulation, customer);

  const date = simulation.date ?? deps.clock.now().toISOString().slice(0, 10);
  const currency = simulation.currency ?? customer?.currency ?? DEFAULT_CURRENCY;
  const incoterm = simulation.incoterm ?? customer?.incoterm;
  const data = await deps.data.load({
    productIds: [...new Set(productIds.filter((id): id is string => id !== undefined))],
    ...(customer ? { customer: customerView(customer, deliveryCountry!) } : {}),
    ...(customer?.priceGroup === undefined ? {} : { priceGroup: customer.priceGroup }),
    date,
    currency,
    ...(incoterm === undefined ? {} : { incoterm }),
    ...(deliveryCountry === undefined ? {} : { deliveryCountry }),
  });

  const request: PricingRequest = {
    date,
    currency,
    ...(simulation.deliveryCountry === undefined ? {} : { deliveryCountry: simulation.deliveryCountry }),
    ...(incoterm === undefined ? {} : { incoterm }),
    lines: simulation.lines.map((line, i) => requestLine(line, productIds[i])),
    ...(simulation.documentDiscounts ? { documentDiscounts: simulation.documentDiscounts.map(documentDiscount) } : {}),
  };
  const priced = priceDocument(request, data);
  return {
    ...(customer ? { customerId: customer.id } : {}),
    ...(deliveryCountry === undefined ? {} : { deliveryCountry }),
    ...(incoterm === undefined ? {} : { incoterm }),
    ...priced,
    lines: priced.lines.map((line, i) => {
      const customerProductCode = simulation.lines[i]!.customerProductCode;
      return customerProductCode === undefined ? line : { ...line, customerProductCode };
    }),
  };
}

async function visibleCustomer(deps: SimulationDeps, actor: Actor, customerId: string): Promise<PricingCustomerProfile> {
  const customer = await deps.data.visibleCustomer(actor, customerId);
  if (!customer) throw new NotFoundError('Customer', customerId);
  return customer;
}

/**
 * The product id of each line (undefined for free text), looking every distinct code up once. Every unknown code
 * is reported, each with its line.
 */
async function resolveProducts(deps: SimulationDeps, simulation: PriceSimulationInput, customer: PricingCustomerProfile | undefined): Promise<(string | undefined)[]> {
  const { lines } = simulation;
  const codes = distinct(lines.map((line) => line.productCode));
  const customerCodes = distinct(lines.map((line) => line.customerProductCode));
  const [byCode, byCustomerCode] = await Promise.all([
    codes.length > 0 ? deps.data.productIdsByCode(codes) : new Map<string, string>(),
    customer && customerCodes.length > 0 ? deps.data.productIdsByCustomerCode(customer.id, customerCodes) : new Map<string, string>(),
  ]);

  const issues: FieldIssue[] = [];
  const ids = lines.map((line, i) => {
    if (line.productCode !== undefined) {
      const id = byCode.get(line.productCode);
      if (!id) issues.push({ pointer: `/lines/${i}/productCode`, message: `${line.productCode} is not the code of a product` });
      return id;
    }
    if (line.customerProductCode !== undefined) {
      const id = byCustomerCode.get(line.customerProductCode);
      if (!id) issues.push({ pointer: `/lines/${i}/customerProductCode`, message: `${line.customerProductCode} is not a code of customer ${customer!.id} (none of its references has it)` });
      return id;
    }
    return line.productId;
  });
  if (issues.length > 0) throw new ValidationError(issues);
  return ids;
}

function customerView(customer: PricingCustomerProfile, deliveryCountry: string): CustomerView {
  return {
    id: customer.id,
    // A customer without a country is priced where it is delivered (the request must then say where).
    countryCode: customer.countryCode ?? deliveryCountry,
    ...(customer.vatNumber === undefined ? {} : { vatNumber: customer.vatNumber }),
    ...(customer.freeShippingThreshold === undefined ? {} : { freeShippingThreshold: customer.freeShippingThreshold }),
  };
}

function requestLine(line: SimulationLineInput, productId: string | undefined): RequestLine {
  const entries = {
    ...(line.lineId === undefined ? {} : { lineId: line.lineId }),
    quantity: line.quantity,
    ...(line.unit === undefined ? {} : { unit: line.unit }),
    ...(line.manualDiscounts === undefined ? {} : { manualDiscounts: line.manualDiscounts }),
  };
  if (productId === undefined) {
    // The schema guarantees a free-text line's price and VAT category.
    return { ...entries, description: line.description!, manualUnitPrice: line.manualUnitPrice!, vatCategory: line.vatCategory! };
  }
  return {
    ...entries,
    productId,
    ...(line.variableFactor === undefined ? {} : { variableFactor: line.variableFactor }),
    ...(line.manualUnitPrice === undefined ? {} : { manualUnitPrice: line.manualUnitPrice }),
  };
}

function documentDiscount(discount: NonNullable<PriceSimulationInput['documentDiscounts']>[number]): DocumentDiscount {
  return discount.kind === 'percent' ? { kind: 'percent', label: discount.label, percent: discount.percent! } : { kind: 'amount', label: discount.label, amount: discount.amount! };
}

function distinct(values: readonly (string | undefined)[]): string[] {
  return [...new Set(values.filter((value): value is string => value !== undefined))];
}
