import type { Actor } from '../../shared/actor.ts';
import type { Money } from '../../shared/money.ts';
import type { Incoterm } from '../../shared/reference-data.ts';
import type { CustomerView, PricingData } from '../model.ts';

/** What pricing needs to know of a customer, from the customers context. */
export interface PricingCustomerProfile {
  readonly id: string;
  readonly currency: string;
  readonly countryCode?: string;
  readonly vatNumber?: string;
  readonly freeShippingThreshold?: Money;
  /** The customer's usual Incoterm: the document's when it names none. */
  readonly incoterm?: Incoterm;
  /** The customer's price group (group lists). The customers context has no such field yet. */
  readonly priceGroup?: string;
}

/** The document a loader gathers the data for. */
export interface PricingDataQuery {
  /** Distinct. */
  readonly productIds: readonly string[];
  readonly customer?: CustomerView;
  readonly priceGroup?: string;
  readonly date: string;
  readonly currency: string;
  readonly incoterm?: Incoterm;
  /** The delivery country, else the customer's. */
  readonly deliveryCountry?: string;
}

/**
 * Everything the engine reads, gathered for one document. Implemented over the catalogue, the customers context
 * and the pricing configuration; its requests grow with the distinct products (and their families) priced, never
 * with the lines or the rules.
 */
export interface PricingDataSource {
  /** The customer if it exists and the actor may see it (an agent: only their own customers), else null. */
  visibleCustomer(actor: Actor, customerId: string): Promise<PricingCustomerProfile | null>;
  /** Product ids by product code (compared case-insensitively), keyed by the codes as given; unknown codes are absent. */
  productIdsByCode(codes: readonly string[]): Promise<ReadonlyMap<string, string>>;
  /** Product ids by the customer's own codes (its references, case-insensitively), keyed as given; unknown codes are absent. */
  productIdsByCustomerCode(customerId: string, codes: readonly string[]): Promise<ReadonlyMap<string, string>>;
  /**
   * The engine's data: the products that exist among the ids (as seen by the customer: its references' units),
   * the customer's references, the lists and rules that can apply, exchange rates into the document's currency,
   * transport rules, VAT rates and the pricing structure.
   */
  load(query: PricingDataQuery): Promise<PricingData>;
}
