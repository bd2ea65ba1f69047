import { BatchGetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createProduct } from '../../../domain/catalog/use-cases/create-product.ts';
import { createFamily } from '../../../domain/catalog/use-cases/families.ts';
import { createCustomer } from '../../../domain/customers/use-cases/create-customer.ts';
import type { PricingWrite } from '../../../domain/pricing/admin/ports.ts';
import {
  audiencesFor,
  listAudience,
  listOpenOn,
  ruleOpenOn,
  targetKey,
  type ApplicableRules,
  type PriceListRecord,
  type PriceRuleRecord,
  type RulesQuery,
} from '../../../domain/pricing/admin/records.ts';
import { priceRuleCreateSchema } from '../../../domain/pricing/admin/schemas.ts';
import { createPriceList, updatePriceList } from '../../../domain/pricing/admin/use-cases/price-lists.ts';
import { createPriceRule, removePriceRule, ruleCreation, updatePriceRule } from '../../../domain/pricing/admin/use-cases/price-rules.ts';
import type { RuleTarget } from '../../../domain/pricing/model.ts';
import { ConflictError } from '../../../domain/shared/errors.ts';
import { newId } from '../../../domain/shared/ids.ts';
import { batchGet } from '../../../functions/adapters/dynamodb/batch-get.ts';
import { queryAll } from '../../../functions/adapters/dynamodb/pagination.ts';
import { createPricingStore, priceListEntity, priceRuleEntity } from '../../../functions/adapters/dynamodb/pricing-store.ts';
import { customerLookupEntity, customerTotalEntity, MAX_LOOKUP_BYTES, sharedLookupEntity } from '../../../functions/adapters/dynamodb/rule-lookups.ts';
import { fixedClock, manager } from '../../support/customers-fixture.ts';
import { pricingOnTable } from '../../support/pricing-on-table.ts';
import { testTable } from '../../support/table.ts';

/**
 * The rule look-up items against what they replace: the rules a document can use, read by BatchGetItem of keys
 * derived from its audiences and targets, must be exactly what one Query per target on the rules' index (filtered on
 * the audiences and the date, then the open lists) returned, and what an in-memory reference of the rules says,
 * after any sequence of rule and list changes. Everything-rules and standard lists are table-wide: this file gets
 * a table of its own, so that the three answers cover the whole table.
 */
const table = await testTable('lookups');
const clock = fixedClock();
const { store, customerStore, deps, catalogDeps } = pricingOnTable(table, clock);
const PIECES = { management: 'pce', sales: 'pce', price: 'pce' };

let products: string[];
let families: { top: string; sub: string; other: string };
let customers: string[];
let targets: RuleTarget[];

beforeAll(async () => {
  const family = async (code: string, parentId?: string) => (await createFamily(catalogDeps, manager, { code, name: code, ...(parentId ? { parentId } : {}) })).id;
  const top = await family('TOP');
  families = { top, sub: await family('SUB', top), other: await family('OTHER') };
  const product = async (code: string, familyId?: string) => (await createProduct(catalogDeps, manager, { code, name: code, units: PIECES, ...(familyId ? { familyId } : {}) })).id;
  products = [await product('P1', families.sub), await product('P2', families.sub), await product('P3', families.other), await product('P4'), await product('P5')];
  customers = [];
  for (const name of ['Garage Martin', 'Garage Petit']) customers.push((await createCustomer({ store: customerStore, clock }, manager, { name })).customer.id);
  targets = [
    ...products.slice(0, 4).map((productId): RuleTarget => ({ kind: 'product', productId })),
    ...Object.values(families).map((familyId): RuleTarget => ({ kind: 'family', familyId })),
    { kind: 'all' },
  ];
});

/** The look-up the store made before its look-up items: one Query per target on gsi4, filtered on the audiences and the date. */
async function rulesByQueries(query: RulesQuery): Promise<ApplicableRules> {
  // Only the targets rules are written on: a padding product (a fresh id) has none, and a Query each would be most of this file's time.
  const ruled = new Set(targets.map(targetKey));
  const partitions = [...new Set([...query.productIds.map((id) => `PRODUCT#${id}`), ...query.familyIds.map((id) => `FAMILY#${id}`), 'ALL'])].filter((target) => ruled.has(target)).map((target) => `PRICES#${target}`);
  const audiences = Object.fromEntries(audiencesFor(query).map((audience, i) => [`:a${i}`, audience]));
  const found = await Promise.all(
    partitions.map((partition) =>
      queryAll(table, {
        IndexName: 'gsi4',
        KeyConditionExpression: 'gsi4pk = :pk',
        FilterExpression: `audience IN (${Object.keys(audiences).join(', ')}) AND (attribute_not_exists(validTo) OR validTo >= :date)`,
        ExpressionAttributeValues: { ':pk': partition, ':date': query.date, ...audiences },
      }),
    ),
  );
  const rules = found.flat().map(priceRuleEntity.parse);
  const listIds = [...new Set(rules.map((rule) => rule.listId))];
  const lists = listIds.length > 0 ? (await batchGet(table, listIds.map((id) => priceListEntity.key({ id })))).map(priceListEntity.parse) : [];
  const open = new Map(lists.filter((list) => listOpenOn(list, query.date)).map((list) => [list.id, list]));
  return { lists: open, rules: rules.filter((rule) => open.has(rule.listId)) };
}

/**
 * The in-memory reference: every list and rule of the table, as the use cases returned them. It spans the property's
 * runs as the table does (a shrunk counterexample replays on what earlier runs left).
 */
const model = { lists: new Map<string, PriceListRecord>(), rules: new Map<string, PriceRuleRecord>() };

function expectedFor(query: RulesQuery): ApplicableRules {
  const wanted = new Set([...query.productIds.map((id) => `PRODUCT#${id}`), ...query.familyIds.map((id) => `FAMILY#${id}`), 'ALL']);
  const audiences = audiencesFor(query);
  const rules = [...model.rules.values()].filter((rule) => {
    const list = model.lists.get(rule.listId)!;
    return wanted.has(targetKey(rule.target)) && audiences.includes(listAudience(list)) && ruleOpenOn(rule, query.date) && listOpenOn(list, query.date);
  });
  return { lists: new Map(rules.map((rule) => [rule.listId, model.lists.get(rule.listId)!])), rules };
}

const byId = (rules: readonly PriceRuleRecord[]) => [...rules].sort((a, b) => (a.id < b.id ? -1 : 1));
const sortedLists = (answer: ApplicableRules) => [...answer.lists.entries()].sort(([a], [b]) => (a < b ? -1 : 1));

async function expectSameAnswers(query: RulesQuery): Promise<void> {
  const [batched, queried] = await Promise.all([store.rulesFor(query), rulesByQueries(query)]);
  const expected = expectedFor(query);
  expect(byId(batched.rules), JSON.stringify(query)).toEqual(byId(queried.rules));
  expect(byId(batched.rules), JSON.stringify(query)).toEqual(byId(expected.rules));
  expect(sortedLists(batched)).toEqual(sortedLists(queried));
  expect(sortedLists(batched)).toEqual(sortedLists(expected));
}

const VALID_TO = [undefined, '2026-03-31', '2026-12-31'] as const;
const DATES = ['2026-01-15', '2026-06-15', '2027-01-15'] as const;
const GROUPS = [undefined, 'G1', 'g2'] as const;

/** Who a new list is for: standard, two groups (one written in lower case), two lists of one customer, one of another. */
function listInput(audience: number, active: boolean, validTo: string | undefined): Record<string, unknown> {
  const base = { name: `List ${newId('event').slice(-6)}`, currency: 'EUR', active, ...(validTo ? { validTo } : {}) };
  switch (audience) {
    case 0:
      return { ...base, source: 'standard_list' };
    case 1:
      return { ...base, source: 'group_list', priceGroup: 'G1' };
    case 2:
      return { ...base, source: 'group_list', priceGroup: 'g2' };
    case 3:
      return { ...base, source: 'customer_list', customerId: customers[0] };
    case 4:
      return { ...base, source: 'offer', customerId: customers[0], validTo: validTo ?? '2026-12-31' };
    default:
      return { ...base, source: 'customer_list', customerId: customers[1] };
  }
}

const ruleSpec = fc.record({
  target: fc.nat(7),
  price: fc.integer({ min: 1, max: 99 }),
  validTo: fc.constantFrom(...VALID_TO),
  notYetValid: fc.boolean(),
});
type RuleSpec = typeof ruleSpec extends fc.Arbitrary<infer T> ? T : never;

function ruleInput(spec: RuleSpec): Record<string, unknown> {
  return {
    target: targets[spec.target],
    action: { kind: 'fixed', price: String(spec.price) },
    ...(spec.validTo ? { validTo: spec.validTo } : {}),
    // A rule that has not begun is kept (the explanation says so); it must start before it ends.
    ...(spec.notYetValid && (spec.validTo === undefined || spec.validTo >= '2026-06-01') ? { validFrom: '2026-06-01' } : {}),
  };
}

const operation = fc.oneof(
  fc.record({ kind: fc.constant('createList' as const), audience: fc.nat(5), active: fc.boolean(), validTo: fc.constantFrom(...VALID_TO), rules: fc.array(ruleSpec, { maxLength: 3 }) }),
  fc.record({ kind: fc.constant('createRule' as const), list: fc.nat(), spec: ruleSpec }),
  fc.record({ kind: fc.constant('createRule' as const), list: fc.nat(), spec: ruleSpec }),
  fc.record({ kind: fc.constant('updateRule' as const), rule: fc.nat(), price: fc.integer({ min: 1, max: 99 }), validTo: fc.constantFrom(...VALID_TO) }),
  fc.record({ kind: fc.constant('moveRule' as const), rule: fc.nat(), target: fc.nat(7) }),
  fc.record({ kind: fc.constant('removeRule' as const), rule: fc.nat() }),
  fc.record({ kind: fc.constant('updateList' as const), list: fc.nat(), active: fc.boolean(), validTo: fc.constantFrom(...VALID_TO) }),
);
type Operation = typeof operation extends fc.Arbitrary<infer T> ? T : never;

const querySpec = fc.record({ customer: fc.nat(2), group: fc.nat(2), date: fc.nat(2), products: fc.subarray([0, 1, 2, 3, 4]), padding: fc.constantFrom(0, 150) });
type QuerySpec = typeof querySpec extends fc.Arbitrary<infer T> ? T : never;

/** A document's query: its products (and, past 100 targets, products nobody priced), their families, its customer and group. */
function queryOf(spec: QuerySpec): RulesQuery {
  const productIds = [...spec.products.map((i) => products[i]!), ...Array.from({ length: spec.padding }, () => newId('product'))];
  const familyIds = [...new Set(spec.products.flatMap((i) => (i < 2 ? [families.sub, families.top] : i === 2 ? [families.other] : [])))];
  const customerId = spec.customer < 2 ? customers[spec.customer] : undefined;
  const priceGroup = GROUPS[spec.group];
  return { productIds, familyIds, ...(customerId ? { customerId } : {}), ...(priceGroup ? { priceGroup } : {}), date: DATES[spec.date]! };
}

const pick = <T,>(values: readonly T[], index: number): T | undefined => (values.length > 0 ? values[index % values.length] : undefined);

async function apply(op: Operation): Promise<void> {
  const lists = [...model.lists.values()];
  const rules = [...model.rules.values()];
  switch (op.kind) {
    case 'createList': {
      const created = await createPriceList(deps, manager, { ...listInput(op.audience, op.active, op.validTo), rules: op.rules.map(ruleInput) });
      model.lists.set(created.list.id, created.list);
      for (const rule of created.rules) model.rules.set(rule.id, rule);
      return;
    }
    case 'createRule': {
      const list = pick(lists, op.list);
      if (!list) return;
      const rule = await createPriceRule(deps, manager, list.id, ruleInput(op.spec));
      model.rules.set(rule.id, rule);
      return;
    }
    case 'updateRule': {
      const rule = pick(rules, op.rule);
      if (!rule) return;
      // The period is replaced whole: an end before the start would be refused.
      const patch = { action: { kind: 'fixed', price: String(op.price) }, validTo: op.validTo ?? null, validFrom: null };
      model.rules.set(rule.id, await updatePriceRule(deps, manager, rule.listId, rule.id, rule.version, patch));
      return;
    }
    case 'moveRule': {
      // The use cases keep a rule's target; the store moves its copy all the same if a write changes it.
      const rule = pick(rules, op.rule);
      if (!rule) return;
      const next: PriceRuleRecord = { ...rule, target: targets[op.target]!, version: rule.version + 1 };
      await store.commit([{ entity: 'rule', list: model.lists.get(rule.listId)!, previous: rule, next }], []);
      model.rules.set(rule.id, next);
      return;
    }
    case 'removeRule': {
      const rule = pick(rules, op.rule);
      if (!rule) return;
      await removePriceRule(deps, manager, rule.listId, rule.id, rule.version);
      model.rules.delete(rule.id);
      return;
    }
    case 'updateList': {
      const list = pick(lists, op.list);
      if (!list) return;
      const validTo = list.source === 'offer' ? (op.validTo ?? '2026-12-31') : (op.validTo ?? null);
      model.lists.set(list.id, await updatePriceList(deps, manager, list.id, list.version, { active: op.active, validTo }));
      return;
    }
  }
}

/** Each customer's total is the sum of its look-up items': the choice between a Query and a BatchGetItem reads it. */
async function expectCustomerTotals(): Promise<void> {
  for (const customerId of customers) {
    const totalKey = customerTotalEntity.key({ customerId });
    const items = await queryAll(table, { KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': totalKey.pk }, ConsistentRead: true });
    const total = items.find((item) => item.sk === totalKey.sk);
    const sum = items.filter((item) => item !== total).reduce((bytes, item) => bytes + Number(item.ruleBytes), 0);
    expect(Number(total?.ruleBytes ?? 0)).toBe(sum);
  }
}

describe('rule look-ups: rulesFor against the Query per target it replaces', () => {
  it('answers what the index Queries and the reference answer, after any creations, changes, moves and removals of rules and lists', { timeout: 240_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(operation, querySpec), { minLength: 1, maxLength: 12 }), async (steps) => {
        for (const [op, query] of steps) {
          await apply(op);
          await expectSameAnswers(queryOf(query));
        }
      }),
      // A fixed seed: the same operations every run, so that the coverage asserted below holds every run.
      { numRuns: 8, seed: 20261203 },
    );
    // Every audience, group and date, over every product, with and without padding past one batch.
    for (const customer of [0, 1, 2]) {
      for (const group of [0, 1, 2]) {
        for (const date of [0, 1, 2]) {
          for (const padding of [0, 150] as const) await expectSameAnswers(queryOf({ customer, group, date, products: [0, 1, 2, 3, 4], padding }));
        }
      }
    }
    await expectCustomerTotals();
    expect(model.rules.size).toBeGreaterThan(10);
  });
});

/** A rule of about 4.5 kB of copy: a 500-character note and ten fees, in three-byte characters. */
function bulkyRule(target: RuleTarget, i: number): Record<string, unknown> {
  return {
    target,
    action: { kind: 'fixed', price: String(10 + i) },
    note: '€'.repeat(500),
    fees: Array.from({ length: 10 }, (_, f) => ({ label: `${f}${'€'.repeat(99)}`, per: 'line', amount: '1' })),
  };
}

/** Commits the rules into the list 24 at a time (as a list's creation does), as the use case builds them. */
async function addRules(list: PriceListRecord, inputs: readonly Record<string, unknown>[]): Promise<PriceRuleRecord[]> {
  const created: PriceRuleRecord[] = [];
  for (let i = 0; i < inputs.length; i += 24) {
    const writes: PricingWrite[] = [];
    const events = [];
    for (const input of inputs.slice(i, i + 24)) {
      const creation = ruleCreation(list, priceRuleCreateSchema.parse(input), manager, deps);
      writes.push(...creation.writes);
      events.push(...creation.events);
      created.push(creation.rule);
    }
    await store.commit(writes, events);
  }
  return created;
}

/** A store whose client records the name of every command it sends. */
function recordingStore(): { rulesFor: typeof store.rulesFor; sent: string[] } {
  const sent: string[] = [];
  const client = { send: (command: { constructor: { name: string } }) => (sent.push(command.constructor.name), table.client.send(command as never)) };
  return { rulesFor: createPricingStore({ ...table, client: client as unknown as DynamoDBDocumentClient }).rulesFor, sent };
}

const newProducts = async (count: number) => {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push((await createProduct(catalogDeps, manager, { code: `X-${newId('event').slice(-10)}`, name: `Spare ${i}`, units: PIECES })).id);
  return ids;
};

describe('rule look-ups: limits and requests', () => {
  it('refuses a rule that would fill a look-up item past 350 kB, whoever writes it, and takes one again once room is made', { timeout: 180_000 }, async () => {
    const [productId] = await newProducts(1);
    const product: RuleTarget = { kind: 'product', productId: productId! };
    const customerId = (await createCustomer({ store: customerStore, clock }, manager, { name: 'Garage Plein' })).customer.id;
    const own = (await createPriceList(deps, manager, { source: 'customer_list', name: 'Full', currency: 'EUR', customerId })).list;
    const standard = (await createPriceList(deps, manager, { source: 'standard_list', name: 'Full standard', currency: 'EUR' })).list;
    for (const [list, key, holder] of [
      [own, customerLookupEntity.key({ customerId, target: `PRODUCT#${productId}` }), `customer ${customerId}'s own lists`],
      [standard, sharedLookupEntity.key({ target: `PRODUCT#${productId}` }), 'the standard and group lists'],
    ] as const) {
      // 24 rules a transaction while they fit, then one by one, until the look-up item refuses one.
      const stored: PriceRuleRecord[] = [];
      let step = 24;
      let refused: unknown;
      while (!refused) {
        try {
          stored.push(...(await addRules(list, Array.from({ length: step }, (_, i) => bulkyRule(product, stored.length + i)))));
        } catch (error) {
          if (step === 1) refused = error;
          step = 1;
        }
      }
      expect(refused).toEqual(
        new ConflictError('too_many_rules_on_target', `The rules of ${holder} on PRODUCT#${productId} would take more than 350 kB (about 1,000 rules of usual size): remove the rules that ended, or price through a family or everything`),
      );
      // Full, within DynamoDB's 400 KB item, and nothing of the refused rule written.
      const item = (await batchGet(table, [key]))[0]!;
      expect(Buffer.byteLength(JSON.stringify(item))).toBeGreaterThan(MAX_LOOKUP_BYTES - 6_000);
      expect(Buffer.byteLength(JSON.stringify(item))).toBeLessThan(400_000);
      const query = { productIds: [productId!], familyIds: [], customerId, date: '2026-06-15' };
      const ofList = async () => (await store.rulesFor(query)).rules.filter((rule) => rule.listId === list.id).map((rule) => rule.id).sort();
      expect(await ofList()).toEqual(stored.map((rule) => rule.id).sort());
      // The use case meets the same refusal, until a rule makes room.
      await expect(createPriceRule(deps, manager, list.id, bulkyRule(product, 999))).rejects.toMatchObject({ code: 'too_many_rules_on_target' });
      await removePriceRule(deps, manager, list.id, stored[0]!.id, 1);
      const taken = await createPriceRule(deps, manager, list.id, bulkyRule(product, 1000));
      expect(await ofList()).toEqual([...stored.slice(1).map((rule) => rule.id), taken.id].sort());
    }
  });

  it("reads a customer's look-ups with one Query when that takes fewer requests and read units than the document's batches, else by BatchGetItem, to the same answer", { timeout: 120_000 }, async () => {
    const four = await newProducts(4);
    const customerId = (await createCustomer({ store: customerStore, clock }, manager, { name: 'Garage Gros' })).customer.id;
    const own = (await createPriceList(deps, manager, { source: 'customer_list', name: 'Big', currency: 'EUR', customerId })).list;
    // About 1.2 MB of copies over four products: two pages of a Query.
    const rules = await addRules(own, Array.from({ length: 220 }, (_, i) => bulkyRule({ kind: 'product', productId: four[i % 4]! }, i)));
    const recording = recordingStore();
    const queryWith = (padding: number) => ({ productIds: [...four, ...Array.from({ length: padding }, () => newId('product'))], familyIds: [], customerId, date: '2026-06-15' });
    const answers: PriceRuleRecord[][] = [];
    for (const [padding, customerReads] of [
      // One batch of targets: one BatchGetItem of the customer's, without its total.
      [0, []],
      // Two batches of targets against two pages: the batches.
      [150, ['GetCommand', 'BatchGetCommand', 'BatchGetCommand']],
      // 355 targets: four batches against two pages, but 355 read units against about 400: the batches.
      [350, ['GetCommand', 'BatchGetCommand', 'BatchGetCommand', 'BatchGetCommand', 'BatchGetCommand']],
      // Five batches against two pages, 455 read units against about 400: the Query (its pages as DynamoDB cuts them, at about 1 MB).
      [450, ['GetCommand', 'QueryCommand']],
    ] as const) {
      recording.sent.length = 0;
      const found = await recording.rulesFor(queryWith(padding));
      answers.push(byId(found.rules));
      const shared = Math.ceil((four.length + padding + 1) / 100);
      const customerBatches = padding === 0 ? 1 : 0;
      expect(recording.sent.filter((name) => name === 'BatchGetCommand'), String(padding)).toHaveLength(shared + customerBatches + customerReads.filter((name) => name === 'BatchGetCommand').length + 1);
      const others = recording.sent.filter((name) => name !== 'BatchGetCommand');
      expect([...new Set(others)], String(padding)).toEqual(customerReads.filter((name) => name !== 'BatchGetCommand'));
      expect(others.filter((name) => name === 'QueryCommand').length).toBeLessThanOrEqual(2);
    }
    expect(answers[0]!.filter((rule) => rule.listId === own.id).map((rule) => rule.id)).toEqual(byId(rules).map((rule) => rule.id));
    for (const answer of answers.slice(1)) expect(answer).toEqual(answers[0]);
  });

  it('retries the look-up keys DynamoDB leaves unprocessed, batch by batch, to the same answer', async () => {
    const four = await newProducts(4);
    const standard = (await createPriceList(deps, manager, { source: 'standard_list', name: 'Retried', currency: 'EUR', rules: four.map((productId) => ({ target: { kind: 'product', productId }, action: { kind: 'fixed', price: '3' } })) })).list;
    const query = { productIds: [...four, ...Array.from({ length: 150 }, () => newId('product'))], familyIds: [], date: '2026-06-15' };
    const expected = await store.rulesFor(query);
    expect(expected.rules.filter((rule) => rule.listId === standard.id)).toHaveLength(4);
    // Each batch of several keys comes back with its last key unprocessed, the first time.
    const sizes: number[] = [];
    const held = new Set<string>();
    const client = {
      async send(command: unknown) {
        if (!(command instanceof BatchGetCommand)) return table.client.send(command as QueryCommand);
        const request = command.input.RequestItems![table.name]!;
        const keys = request.Keys!;
        sizes.push(keys.length);
        const last = JSON.stringify(keys.at(-1));
        const hold = keys.length > 1 && !held.has(last);
        if (hold) held.add(last);
        const result = await table.client.send(new BatchGetCommand({ RequestItems: { [table.name]: { ...request, Keys: hold ? keys.slice(0, -1) : keys } } }));
        return { ...result, UnprocessedKeys: hold ? { [table.name]: { ...request, Keys: keys.slice(-1) } } : {} };
      },
    };
    const found = await createPricingStore({ ...table, client: client as unknown as DynamoDBDocumentClient }).rulesFor(query);
    expect(byId(found.rules)).toEqual(byId(expected.rules));
    expect(sortedLists(found)).toEqual(sortedLists(expected));
    // 155 targets: two batches sent together, each retried for its held key; then the lists.
    expect(sizes.slice(0, 4)).toEqual([100, 55, 1, 1]);
  });

  it('writes a customer offer created with 24 rules on 24 targets in one transaction of 100 items', async () => {
    const customerId = (await createCustomer({ store: customerStore, clock }, manager, { name: 'Garage Vingt-Quatre' })).customer.id;
    const many = await newProducts(23);
    const ruleTargets: RuleTarget[] = [...many.map((productId): RuleTarget => ({ kind: 'product', productId })), { kind: 'all' }];
    const input = { source: 'offer', name: '24', currency: 'EUR', customerId, validTo: '2026-12-31', rules: ruleTargets.map((target) => ({ target, action: { kind: 'discount', percents: ['3'] } })) };
    const created = await createPriceList(deps, manager, input);
    expect(created.rules).toHaveLength(24);
    const found = await store.rulesFor({ productIds: many, familyIds: [], customerId, date: '2026-06-15' });
    expect(byId(found.rules.filter((rule) => rule.listId === created.list.id))).toEqual(byId(created.rules));
  });
});
