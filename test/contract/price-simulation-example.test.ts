import { describe, expect, it } from 'vitest';
import { unitLookup } from '../../domain/catalog/units.ts';
import type { PricingData, ProductView } from '../../domain/pricing/model.ts';
import type { PricingDataSource } from '../../domain/pricing/simulation/ports.ts';
import { simulatePrices } from '../../domain/pricing/simulation/simulate-prices.ts';
import { DEFAULT_PRICING_STRUCTURE } from '../../domain/pricing/structure.ts';
import { priceSimulationResource } from '../../functions/http/pricing/representation.ts';
import { fixedClock, manager } from '../support/customers-fixture.ts';
import { loadSpec, responseValidator, type JsonSchema } from '../support/openapi.ts';

/**
 * The contract's worked example of `POST /price-simulations` is what the engine answers: the request example, priced
 * against the catalogue and lists described below, gives the response example exactly. A reader can follow it with
 * a calculator: 100.00 (standard list); the customer's list, on the product's family, gives 20 % then 12.5 % in
 * cascade → 80.0000 → 70.0000; −5 % entered on the line → 66.5000; × 3 boxes = 199.50; VAT 20 % = 39.90.
 */

const spec = loadSpec();
const example = (name: string) => (spec.components?.schemas?.[name] as JsonSchema).example;

const CUSTOMER = 'cus_01JDQ7ZK3M9X2V4B6N8P0R2T4W';
const BOLTS = 'fam_01JDQ9A1B2C3D4E5F6G7H8J9K0';
const FASTENERS = 'fam_01JDQ9A0B1C2D3E4F5G6H7J8K9';
const STANDARD = 'prl_01JDQA1B2C3D4E5F6G7H8J9K0M';
const MARTIN = 'prl_01JDQA2B3C4D5E6F7G8H9J0K1M';

const bolts: ProductView = {
  id: 'prd_01JDQ9B0C1D2E3F4G5H6J7K8M9',
  code: 'BOLT-M8-100',
  name: 'Hex bolts M8, box of 100',
  familyPath: [BOLTS, FASTENERS],
  units: { management: 'pce', sales: 'pce', price: 'pce' },
  weightKg: '1.6',
  vatCategory: 'standard',
  parameters: {},
  costs: { weightedAverage: { amount: '52.00', currency: 'EUR' } },
};

const data: PricingData = {
  structure: DEFAULT_PRICING_STRUCTURE,
  units: unitLookup(),
  company: { countryCode: 'FR' },
  customer: { id: CUSTOMER, countryCode: 'FR', vatNumber: 'FR40303265045' },
  products: new Map([[bolts.id, bolts]]),
  references: new Map(),
  lists: new Map([
    [STANDARD, { id: STANDARD, name: 'Standard 2027', source: 'standard_list', currency: 'EUR' }],
    [MARTIN, { id: MARTIN, name: 'Garage Martin', source: 'customer_list', currency: 'EUR' }],
  ]),
  rulesByProduct: new Map([
    [
      bolts.id,
      [
        { id: 'rul_01JDQA3C4D5E6F7G8H9J0K1M2N', listId: STANDARD, target: { kind: 'product', productId: bolts.id }, action: { kind: 'fixed', price: '100.00' } },
        { id: 'rul_01JDQA4D5E6F7G8H9J0K1M2N3P', listId: STANDARD, target: { kind: 'family', familyId: FASTENERS }, action: { kind: 'discount', percents: ['3'] } },
        { id: 'rul_01JDQA5E6F7G8H9J0K1M2N3P4Q', listId: MARTIN, target: { kind: 'family', familyId: BOLTS }, action: { kind: 'discount', percents: ['20', '12.5'] } },
      ],
    ],
  ]),
  exchangeRates: [],
  transportRules: [],
  vatRates: { standard: '20', intermediate: '10', reduced: '5.5', super_reduced: '2.1', zero: '0', exempt: '0' },
  transportVatCategory: 'standard',
};

const source: PricingDataSource = {
  visibleCustomer: async (_actor, id) => (id === CUSTOMER ? { id, currency: 'EUR', countryCode: 'FR', vatNumber: 'FR40303265045' } : null),
  productIdsByCode: async (codes) => new Map(codes.filter((code) => code.toUpperCase() === bolts.code).map((code) => [code, bolts.id])),
  productIdsByCustomerCode: async () => new Map(),
  load: async () => data,
};

describe('the worked example of POST /price-simulations', () => {
  it('is what the engine answers to the request example', async () => {
    const simulation = await simulatePrices({ data: source, clock: fixedClock() }, manager, example('PriceSimulationRequest'));
    expect(JSON.parse(JSON.stringify(priceSimulationResource(simulation)))).toEqual(example('PriceSimulation'));
  });

  it('is a valid 200 of simulatePrices', () => {
    expect(responseValidator(spec).validateResponse({ operationId: 'simulatePrices', status: 200, contentType: 'application/json', body: example('PriceSimulation') })).toEqual([]);
  });
});
