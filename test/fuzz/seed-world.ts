/**
 * A small world for the fuzz harness to work on, created through the API like any client would: every
 * kind of resource that a path parameter names, so that fuzz cases reach the use cases behind the id
 * checks. The harness learns the ids from the `Location` headers; a context that adds a resource with a
 * path parameter adds its creation here (the harness fails, naming the parameter, until it does).
 */

export const AGENT_SUB = 'fuzz-agent';

type Ids = Readonly<Record<string, string>>;

export interface SeedRequest {
  readonly path: string | ((ids: Ids) => string);
  readonly body: unknown | ((ids: Ids) => unknown);
  /** The name under which the created resource's id is kept for later seeds. */
  readonly as?: string;
  readonly role?: 'admin' | 'agent';
  /** An action answers 200 (the default, a creation, 201). */
  readonly status?: 200 | 201;
  /** Paths no Location names that the harness should know too (a quote's versions). */
  readonly learns?: (ids: Ids) => readonly string[];
  /** The request e-mails a link: the harness learns the newest link of the outbox (`/public/quotes/<token>`). */
  readonly learnsEmailedLink?: true;
}

const PIECES = { management: 'pce', sales: 'pce', price: 'pce' };
const COPIES = 10;

/**
 * The seed of round `round`: natural keys (codes, dates) differ per round, so that the world can be sown
 * again when fuzzing deleted every resource of a kind.
 */
export function seedRequests(round: number): readonly SeedRequest[] {
  const tag = round === 0 ? '' : String(round);
  const day = (copy: number) => new Date(Date.UTC(2014, 0, 1 + round * COPIES + copy)).toISOString().slice(0, 10);
  /** Removals take one resource each: a few of each kind make fewer rounds. */
  const copies = (request: (copy: number) => SeedRequest) => Array.from({ length: COPIES }, (_, copy) => request(copy));
  return [
    {
      as: 'customer',
      path: '/customers',
      body: {
        name: 'Boulangerie Dupont',
        countryCode: 'FR',
        addresses: [{ label: 'Siège', roles: ['invoiced_to', 'delivered_to'], line1: '1 rue de la Paix', postalCode: '75002', city: 'Paris', countryCode: 'FR' }],
        contacts: [{ firstName: 'Anne', lastName: 'Dupont', communication: { email: 'anne@dupont.fr' } }],
      },
    },
    { as: 'agentCustomer', role: 'agent', path: '/customers', body: { name: 'Agent Métallerie', countryCode: 'FR' } },
    ...copies(() => ({ path: (ids) => `/customers/${ids.customer}/addresses`, body: { label: 'Dépôt', roles: ['delivered_to'], line1: 'ZI Nord', city: 'Lyon', countryCode: 'FR' } })),
    ...copies(() => ({ path: (ids) => `/customers/${ids.customer}/contacts`, body: { firstName: 'Marc', lastName: 'Petit' } })),
    { path: '/units', body: { code: `roll${tag}`, name: 'roll of 50 m', dimension: 'length', factor: '50', decimals: 2 } },
    { as: 'family', path: '/families', body: { code: `BAKERY${tag}`, name: 'Bakery' } },
    { path: '/families', body: (ids: Ids) => ({ code: `BREAD${tag}`, name: 'Bread', parentId: ids.family }) },
    { as: 'product', path: '/products', body: { code: `BOLT-M8-100${tag}`, name: 'Hex bolts M8, box of 100', units: PIECES, costs: { weightedAverage: { amount: '52.00', currency: 'EUR' } } } },
    {
      as: 'kit',
      path: '/products',
      body: (ids: Ids) => ({ code: `KIT-BOLTS${tag}`, name: 'Bolt kit', kind: 'kit', units: PIECES, kit: { components: [{ productId: ids.product, quantity: '2', section: 'Bolts' }] } }),
    },
    // One reference per customer and product.
    ...(['customer', 'agentCustomer'] as const).flatMap((customer) =>
      (['product', 'kit'] as const).map((product) => ({
        path: (ids: Ids) => `/customers/${ids[customer]}/references`,
        body: (ids: Ids) => ({ productId: ids[product], customerCode: `REF-${product}${tag}` }),
      })),
    ),
    {
      path: '/price-lists',
      body: (ids: Ids) => ({
        source: 'standard_list',
        name: 'Tarif 2027',
        currency: 'EUR',
        rules: [{ target: { kind: 'product', productId: ids.product }, action: { kind: 'fixed', price: '100.00' } }],
      }),
      as: 'priceList',
    },
    ...copies(() => ({ path: (ids) => `/price-lists/${ids.priceList}/rules`, body: { target: { kind: 'all' }, action: { kind: 'discount', percents: ['5'] } } })),
    ...copies((copy) => ({ path: '/exchange-rates', body: { from: 'CHF', to: 'EUR', rate: '1.05', validFrom: day(copy) } })),
    ...copies((copy) => ({ path: '/vat-rates', body: { countryCode: 'FR', category: 'standard', rate: '20', validFrom: day(copy) } })),
    ...copies(() => ({ path: '/transport-rules', body: { name: 'Weight', basis: 'weight', currency: 'EUR', countries: ['FR'], brackets: [{ from: '0', fixed: '15.00' }] } })),
    // Quotes: a few to act on, one of them sent (its e-mailed link opens the public routes).
    ...copies(() => ({
      as: 'quote',
      path: '/quotes',
      body: (ids: Ids) => ({
        prospect: { company: 'Atelier Martin', email: 'claire@atelier-martin.fr', countryCode: 'FR' },
        lines: [{ kind: 'section', title: 'Fournitures' }, { kind: 'product', productId: ids.product, quantity: '3' }, { kind: 'text', description: 'Pose', quantity: '1', manualUnitPrice: '450.00', vatCategory: 'standard' }],
      }),
      learns: (ids: Ids) => [`/quotes/${ids.quote}/versions/1/diff/1`, `/quotes/${ids.quote}/versions/1`],
    })),
    { path: (ids) => `/quotes/${ids.quote}/send`, body: {}, status: 200, learnsEmailedLink: true },
  ];
}
