import type { Family } from '../../domain/catalog/family.ts';
import type { CatalogStore } from '../../domain/catalog/ports.ts';
import type { CustomerReference } from '../../domain/catalog/reference.ts';
import { loadUnits } from '../../domain/catalog/access.ts';
import type { CustomerVisibility } from '../../domain/customers/index.ts';
import { rulesByProduct } from '../../domain/pricing/admin/records.ts';
import { productView, referenceView } from '../../domain/pricing/catalog-views.ts';
import type { ExchangeRate, PriceList, PriceRule, PricingData, TransportRule } from '../../domain/pricing/model.ts';
import type { PricingDataSource } from '../../domain/pricing/simulation/ports.ts';
import type { PricingStructure } from '../../domain/pricing/structure.ts';
import type { Incoterm } from '../../domain/shared/reference-data.ts';

/**
 * The part of the pricing configuration's store a document's pricing reads (the pricing administration's
 * `PricingStore` offers it): each method a bounded number of requests, the rules batch reads of look-ups keyed by
 * audience and target (100 distinct products, families or "everything" a request).
 */
export interface PricingConfigurationSource {
  /** The rules on these products, families and "everything" of the lists that can apply to the customer on the date, with their lists. */
  rulesFor(query: {
    readonly productIds: readonly string[];
    readonly familyIds: readonly string[];
    readonly customerId?: string;
    readonly priceGroup?: string;
    readonly date: string;
  }): Promise<{ readonly lists: ReadonlyMap<string, PriceList>; readonly rules: readonly PriceRule[] }>;
  /** For each pair as quoted, the rate in force on the date, if any. */
  exchangeRates(pairs: readonly { readonly from: string; readonly to: string }[], date: string): Promise<readonly ExchangeRate[]>;
  /** The rate (percent) of each VAT category in the country on the date. */
  vatRates(countryCode: string, date: string): Promise<Readonly<Record<string, string>>>;
  /** The transport rules for the Incoterm or any, and the country or any. */
  transportRules(incoterm: Incoterm | undefined, countryCode: string | undefined): Promise<readonly TransportRule[]>;
  /** The structure in force, with the VAT category of transport fees. */
  structure(): Promise<PricingStructure & { readonly transportVatCategory: string }>;
}

export interface PricingDataSourceDeps {
  readonly catalog: CatalogStore;
  readonly customers: CustomerVisibility;
  readonly pricing: PricingConfigurationSource;
  /** The seller's country: its VAT rates apply, and the fiscal position is decided from it. */
  readonly companyCountry: string;
}

/**
 * The engine's data for one document, over the catalogue's store, the customers' own visibility rule and the pricing
 * configuration. Requests grow with the distinct products and families over the batch size (100 keys a BatchGetItem),
 * never with the lines or the rules: the customer one GetItem, the units one Query (the custom ones), the products,
 * their families batch reads, the customer's references one Query (or batch reads when it has more than the document's products), the rules batch reads of their look-ups (and of their
 * lists), the structure one GetItem, the VAT rates one Query, the transport rules up to four, the exchange rates one
 * Query per foreign currency and way. For 1,000 distinct products: 46 requests (test/bench, section 6).
 */
export function createPricingDataSource(deps: () => PricingDataSourceDeps): PricingDataSource {
  return {
    async visibleCustomer(actor, customerId) {
      const customer = await deps().customers.visibleCustomer(actor, customerId);
      if (!customer) return null;
      return {
        id: customer.id,
        currency: customer.currency,
        ...(customer.countryCode === undefined ? {} : { countryCode: customer.countryCode }),
        ...(customer.vatNumber === undefined ? {} : { vatNumber: customer.vatNumber }),
        ...(customer.transport?.freeShippingThreshold === undefined ? {} : { freeShippingThreshold: customer.transport.freeShippingThreshold }),
        ...(customer.transport?.incoterm === undefined ? {} : { incoterm: customer.transport.incoterm }),
        ...(customer.priceGroup === undefined ? {} : { priceGroup: customer.priceGroup }),
      };
    },

    async productIdsByCode(codes) {
      const { catalog } = deps();
      const found = await Promise.all(codes.map(async (code) => [code, (await catalog.findProductByCode(code))?.id] as const));
      return new Map(found.filter((entry): entry is readonly [string, string] => entry[1] !== undefined));
    },

    async productIdsByCustomerCode(customerId, codes) {
      const { catalog } = deps();
      const found = await Promise.all(codes.map(async (code) => [code, (await catalog.findReferenceByCode(customerId, code))?.productId] as const));
      return new Map(found.filter((entry): entry is readonly [string, string] => entry[1] !== undefined));
    },

    async load(query): Promise<PricingData> {
      const { catalog, pricing, companyCountry } = deps();
      const { customer, date, currency } = query;
      const productIds = [...new Set(query.productIds)];
      const [units, products, references, structure, vatRates, transportRules] = await Promise.all([
        loadUnits(catalog),
        productIds.length > 0 ? catalog.getProducts(productIds) : [],
        customer ? referencesOf(catalog, customer.id, productIds) : new Map<string, CustomerReference>(),
        pricing.structure(),
        pricing.vatRates(companyCountry, date),
        pricing.transportRules(query.incoterm, query.deliveryCountry ?? customer?.countryCode),
      ]);

      const familyIds = distinct(products.map((product) => product.familyId));
      const families = new Map<string, Family>((familyIds.length > 0 ? await catalog.getFamilies(familyIds) : []).map((family) => [family.id, family]));
      const views = products.map((product) => productView(product, product.familyId === undefined ? undefined : families.get(product.familyId), references.get(product.id)));

      const applicable = await pricing.rulesFor({
        productIds: views.map((view) => view.id),
        familyIds: distinct(views.flatMap((view) => view.familyPath)),
        ...(customer ? { customerId: customer.id } : {}),
        ...(query.priceGroup === undefined ? {} : { priceGroup: query.priceGroup }),
        date,
      });
      const referenceViews = new Map([...references].map(([productId, reference]) => [productId, referenceView(reference, currency)]));

      const foreign = new Set<string>([
        ...[...applicable.lists.values()].map((list) => list.currency),
        ...[...referenceViews.values()].map((reference) => reference.currency),
        ...transportRules.map((rule) => rule.currency),
        ...views.flatMap((view) => Object.values(view.costs).map((cost) => cost.currency)),
        ...(customer?.freeShippingThreshold ? [customer.freeShippingThreshold.currency] : []),
      ]);
      foreign.delete(currency);
      // A rate may be quoted either way round: the engine inverts one quoted from the document's currency.
      const pairs = [...foreign].sort().flatMap((other) => [{ from: other, to: currency }, { from: currency, to: other }]);
      const exchangeRates = pairs.length > 0 ? await pricing.exchangeRates(pairs, date) : [];

      return {
        structure,
        units,
        company: { countryCode: companyCountry },
        ...(customer ? { customer } : {}),
        products: new Map(views.map((view) => [view.id, view])),
        references: referenceViews,
        lists: applicable.lists,
        rulesByProduct: rulesByProduct(views, applicable.rules),
        exchangeRates,
        transportRules,
        vatRates,
        transportVatCategory: structure.transportVatCategory,
      };
    },
  };
}

/** The customer's reference for each product that has one. */
async function referencesOf(catalog: CatalogStore, customerId: string, productIds: readonly string[]): Promise<Map<string, CustomerReference>> {
  const found = await catalog.findReferencesForProducts(customerId, productIds);
  return new Map(found.map((reference) => [reference.productId, reference]));
}

function distinct(values: readonly (string | undefined)[]): string[] {
  return [...new Set(values.filter((value): value is string => value !== undefined))];
}
