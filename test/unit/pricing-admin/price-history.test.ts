import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { listStandingAt, ruleHistoryEntry, rulesStandingAt, type RuleHistoryEntry } from '../../../domain/pricing/admin/history.ts';
import type { PriceRuleRecord } from '../../../domain/pricing/admin/records.ts';
import { createPriceList, updatePriceList } from '../../../domain/pricing/admin/use-cases/price-lists.ts';
import { createPriceRule, removePriceRule, updatePriceRule } from '../../../domain/pricing/admin/use-cases/price-rules.ts';
import { priceHistory, rulesAsOf } from '../../../domain/pricing/admin/use-cases/price-history.ts';
import { NotFoundError } from '../../../domain/shared/errors.ts';
import { admin, alice, bob, issuesOf, manager, pricingFixture } from './pricing-admin-fixture.ts';

const DAY = 24 * 3600 * 1000;

/**
 * A year of changes to the price of one bolt, the clock moving between them (the fixture's clock starts on
 * 2026-11-27T09:00Z): created by the manager at 100, raised by the admin to 110 ten days later, removed ten days after.
 */
async function setup() {
  const fixture = pricingFixture();
  const fasteners = await fixture.family('FASTENERS');
  const bolt = await fixture.product('BOLT-M8', { familyId: fasteners.id });
  const { list } = await createPriceList(fixture.deps, manager, { source: 'standard_list', name: 'Standard', currency: 'EUR' });
  return { ...fixture, fasteners, bolt, list };
}

describe('price history (PRC-5)', () => {
  it("answers what a rule was, from when, and who changed it", async () => {
    const { deps, clock, bolt, list } = await setup();
    const rule = await createPriceRule(deps, manager, list.id, { target: { kind: 'product', productId: bolt.id }, action: { kind: 'fixed', price: '100' } });
    clock.advance(10 * DAY);
    await updatePriceRule(deps, admin, list.id, rule.id, 1, { action: { kind: 'fixed', price: '110' } });
    clock.advance(10 * DAY);
    await removePriceRule(deps, manager, list.id, rule.id, 2);

    const history = await priceHistory(deps, alice, { listId: list.id, ruleId: rule.id }, {}, { limit: 10 });
    expect(history.items.map((entry) => [entry.change, entry.version, entry.changedAt, entry.changedBy, entry.subject === 'rule' && entry.rule.action])).toEqual([
      ['created', 1, '2026-11-27T09:00:00.000Z', manager.id, { kind: 'fixed', price: '100' }],
      ['updated', 2, '2026-12-07T09:00:00.000Z', admin.id, { kind: 'fixed', price: '110' }],
      ['removed', 3, '2026-12-17T09:00:00.000Z', manager.id, { kind: 'fixed', price: '110' }],
    ]);

    const byProduct = await priceHistory(deps, manager, { target: { kind: 'product', productId: bolt.id } }, { from: '2026-12-01', to: '2026-12-07' }, { limit: 10 });
    expect(byProduct.items.map((entry) => entry.change)).toEqual(['updated']);
    const paged = await priceHistory(deps, manager, { target: { kind: 'product', productId: bolt.id } }, {}, { limit: 2 });
    expect(paged.items).toHaveLength(2);
    expect(paged.nextCursor).not.toBeNull();

    expect(await issuesOf(priceHistory(deps, manager, { target: { kind: 'all' } }, { from: '2026-12-02', to: '2026-12-01' }, { limit: 10 }))).toEqual([
      { pointer: '/query/to', message: 'must not be before from' },
    ]);
    expect(await issuesOf(priceHistory(deps, manager, { target: { kind: 'all' } }, { from: 'yesterday' }, { limit: 10 }))).toEqual([
      { pointer: '/query/from', message: 'must be a date such as "2026-03-01" or a timestamp such as "2026-03-01T10:00:00Z"' },
    ]);
  });

  it('rebuilds the rules on a product at a moment, as they were then, with their lists then', async () => {
    const { deps, clock, bolt, fasteners, list } = await setup();
    const fixed = await createPriceRule(deps, manager, list.id, { target: { kind: 'product', productId: bolt.id }, action: { kind: 'fixed', price: '100' } });
    const family = await createPriceRule(deps, manager, list.id, { target: { kind: 'family', familyId: fasteners.id }, action: { kind: 'discount', percents: ['5'] } });
    const everything = await createPriceRule(deps, manager, list.id, { target: { kind: 'all' }, action: { kind: 'discount', percents: ['1'] }, validFrom: '2027-01-01' });
    clock.advance(10 * DAY); // 2026-12-07
    await updatePriceRule(deps, admin, list.id, fixed.id, 1, { action: { kind: 'fixed', price: '110' } });
    clock.advance(10 * DAY); // 2026-12-17
    await removePriceRule(deps, admin, list.id, family.id, 1);
    clock.advance(10 * DAY); // 2026-12-27
    await updatePriceList(deps, manager, list.id, 1, { active: false });

    const on = async (at: string) => {
      const asOf = await rulesAsOf(deps, manager, { productId: bolt.id, at });
      return asOf.rules.map((entry) => [entry.ruleId, entry.version, entry.changedBy, entry.rule.action]);
    };
    expect(await on('2026-11-26')).toEqual([]);
    expect(await on('2026-12-01')).toEqual([
      [fixed.id, 1, manager.id, { kind: 'fixed', price: '100' }],
      [family.id, 1, manager.id, { kind: 'discount', percents: ['5'] }],
    ]);
    expect(await on('2026-12-10')).toEqual([
      [fixed.id, 2, admin.id, { kind: 'fixed', price: '110' }],
      [family.id, 1, manager.id, { kind: 'discount', percents: ['5'] }],
    ]);
    expect(await on('2026-12-20')).toEqual([[fixed.id, 2, admin.id, { kind: 'fixed', price: '110' }]]);
    // The list was deactivated on the 27th: nothing applied from then on.
    expect(await on('2026-12-27T08:59:59Z')).toHaveLength(1);
    expect(await on('2026-12-28')).toEqual([]);

    const asOf = await rulesAsOf(deps, manager, { productId: bolt.id, at: '2026-12-10' });
    expect(asOf).toMatchObject({ productId: bolt.id, at: '2026-12-10T23:59:59.999Z', date: '2026-12-10' });
    expect(asOf.lists.map((entry) => [entry.listId, entry.version, entry.list.active])).toEqual([[list.id, 1, true]]);
    // Rules not yet valid on the date are not in force then.
    expect(asOf.rules.map((entry) => entry.ruleId)).not.toContain(everything.id);
  });

  it("keeps to a customer's audiences, and to shared lists for an agent who names no customer of theirs", async () => {
    const { deps, bolt, list, ...f } = await setup();
    const bobs = await f.customer('Client Bob', bob.id, 'garages');
    const alices = await f.customer('Client Alice', alice.id);
    const { list: bobList } = await createPriceList(deps, manager, { source: 'customer_list', name: 'Bob', currency: 'EUR', customerId: bobs });
    const { list: group } = await createPriceList(deps, manager, { source: 'group_list', name: 'Garages', currency: 'EUR', priceGroup: 'GARAGES' });
    const standard = await createPriceRule(deps, manager, list.id, { target: { kind: 'product', productId: bolt.id }, action: { kind: 'fixed', price: '100' } });
    const bobsRule = await createPriceRule(deps, manager, bobList.id, { target: { kind: 'product', productId: bolt.id }, action: { kind: 'net', price: '80' } });
    const groupRule = await createPriceRule(deps, manager, group.id, { target: { kind: 'all' }, action: { kind: 'discount', percents: ['3'] } });

    const ids = async (actor: typeof alice, query: { customerId?: string; priceGroup?: string } = {}) =>
      (await rulesAsOf(deps, actor, { productId: bolt.id, at: '2026-11-28', ...query })).rules.map((entry) => entry.ruleId).sort();
    expect(await ids(manager)).toEqual([standard.id, bobsRule.id, groupRule.id].sort());
    expect(await ids(manager, { customerId: bobs })).toEqual([standard.id, bobsRule.id, groupRule.id].sort());
    expect(await ids(manager, { customerId: alices })).toEqual([standard.id]);
    expect(await ids(manager, { priceGroup: 'garages' })).toEqual([standard.id, groupRule.id].sort());
    expect(await ids(alice)).toEqual([standard.id, groupRule.id].sort());
    expect(await ids(bob, { customerId: bobs })).toEqual([standard.id, bobsRule.id, groupRule.id].sort());
    await expect(ids(alice, { customerId: bobs })).rejects.toBeInstanceOf(NotFoundError);
    await expect(rulesAsOf(deps, manager, { productId: 'prd_01JABCDEFGHJKMNPQRSTVWXYZ0', at: '2026-11-28' })).rejects.toBeInstanceOf(NotFoundError);

    const agentView = await priceHistory(deps, alice, { target: { kind: 'product', productId: bolt.id } }, {}, { limit: 10 });
    expect(agentView.items.map((entry) => entry.subject === 'rule' && entry.ruleId)).toEqual([standard.id]);
  });

  it('takes the latest version made by a moment, whatever the order of the entries', () => {
    const entry = (ruleId: string, version: number, changedAt: string, change: RuleHistoryEntry['change'] = 'updated') =>
      ({ subject: 'rule', listId: 'l', ruleId, version, changedAt, changedBy: 'u', change, target: { kind: 'all' }, rule: {} }) as unknown as RuleHistoryEntry;
    const entries = [entry('b', 2, '2026-01-03T00:00:00.000Z', 'removed'), entry('a', 2, '2026-01-02T00:00:00.000Z'), entry('a', 1, '2026-01-01T00:00:00.000Z', 'created'), entry('b', 1, '2026-01-01T00:00:00.000Z', 'created')];
    expect(rulesStandingAt(entries, '2026-01-02T00:00:00.000Z').map((e) => [e.ruleId, e.version])).toEqual([['a', 2], ['b', 1]]);
    expect(rulesStandingAt(entries, '2026-01-03T00:00:00.000Z').map((e) => [e.ruleId, e.version])).toEqual([['a', 2]]);
    expect(listStandingAt([], '2026-01-01T00:00:00.000Z')).toBeUndefined();
  });
});

describe('price history reconstruction (property)', () => {
  it('gives, at any moment, exactly the rules a replay of the changes up to that moment leaves', () => {
    const operation = fc.record({ rule: fc.constantFrom('a', 'b', 'c'), kind: fc.constantFrom('write', 'remove'), gap: fc.integer({ min: 0, max: 3 }) });
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 30 }), fc.integer({ min: 0, max: 100 }), (operations, probe) => {
        const start = Date.parse('2026-01-01T00:00:00.000Z');
        const current = new Map<string, PriceRuleRecord>();
        const entries: RuleHistoryEntry[] = [];
        const replay: { at: string; state: Map<string, number> }[] = [];
        let minutes = 0;
        for (const op of operations) {
          minutes += op.gap;
          const at = new Date(start + minutes * 60_000).toISOString();
          const previous = current.get(op.rule) ?? null;
          if (op.kind === 'remove') {
            if (!previous) continue;
            entries.push(ruleHistoryEntry(previous, null, { changedAt: at, changedBy: 'u' }));
            current.delete(op.rule);
          } else {
            // A removed rule does not come back: a new write makes a new rule (its id suffixed by the moment).
            const id = previous ? previous.id : `${op.rule}-${minutes}-${entries.length}`;
            const next: PriceRuleRecord = {
              id,
              listId: 'l',
              target: { kind: 'all' },
              action: { kind: 'discount', percents: [String(entries.length + 1)] },
              version: (previous?.version ?? 0) + 1,
              createdAt: previous?.createdAt ?? at,
              updatedAt: at,
              updatedBy: 'u',
            };
            entries.push(ruleHistoryEntry(previous, next, { changedAt: at, changedBy: 'u' }));
            current.set(op.rule, next);
          }
          replay.push({ at, state: new Map([...current.values()].map((rule) => [rule.id, rule.version])) });
        }
        const at = new Date(start + probe * 60_000).toISOString();
        const expected = [...replay].reverse().find((step) => step.at <= at)?.state ?? new Map();
        const shuffled = [...entries].reverse();
        const standing = rulesStandingAt(shuffled, at);
        expect(new Map(standing.map((entry) => [entry.ruleId, entry.rule.version]))).toEqual(expected);
      }),
    );
  });
});
