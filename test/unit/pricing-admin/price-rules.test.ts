import { describe, expect, it } from 'vitest';
import type { PriceRule } from '../../../domain/pricing/model.ts';
import { createPriceList } from '../../../domain/pricing/admin/use-cases/price-lists.ts';
import { createPriceRule, getPriceRule, listPriceRules, removePriceRule, updatePriceRule } from '../../../domain/pricing/admin/use-cases/price-rules.ts';
import { ForbiddenError, NotFoundError, VersionMismatchError } from '../../../domain/shared/errors.ts';
import { admin, alice, bob, issuesOf, manager, pricingFixture, shop } from './pricing-admin-fixture.ts';

async function setup() {
  const fixture = pricingFixture();
  const fasteners = await fixture.family('FASTENERS');
  const bolt = await fixture.product('BOLT-M8', { familyId: fasteners.id, parameters: { weightPerMetre: '0.395', alloyPremium: '1.2' } });
  const { list } = await createPriceList(fixture.deps, manager, { source: 'standard_list', name: 'Tarif 2026', currency: 'EUR' });
  return { ...fixture, fasteners, bolt, list };
}

const onProduct = (productId: string) => ({ kind: 'product', productId });

describe('price rules (PRC-2 … PRC-6)', () => {
  it('adds a rule with a quantity break, a period and fees; the record is the engine\'s PriceRule', async () => {
    const { deps, events, history, bolt, list } = await setup();
    const rule = await createPriceRule(deps, manager, list.id, {
      target: onProduct(bolt.id),
      action: { kind: 'fixed', price: '0.1234', per: 'sales' },
      minQuantity: '100',
      validFrom: '2026-01-01',
      validTo: '2026-12-31',
      fees: [{ label: 'Eco-contribution', per: 'unit', amount: '0.01' }, { label: 'Cutting', per: 'line', amount: '5' }],
      note: 'Tarif 2026',
    });
    expect(rule).toMatchObject({ listId: list.id, target: { kind: 'product', productId: bolt.id }, version: 1, updatedBy: manager.id });
    expect(rule.id).toMatch(/^rul_/);
    const engineView: PriceRule = rule;
    expect(engineView.action).toEqual({ kind: 'fixed', price: '0.1234', per: 'sales' });
    expect(events.at(-1)).toMatchObject({ type: 'price-rule.created', data: { ruleId: rule.id, listId: list.id, version: 1, target: { kind: 'product', productId: bolt.id } } });
    const entries = [...history.values()].map(({ entry }) => entry).filter((entry) => entry.subject === 'rule');
    expect(entries).toEqual([expect.objectContaining({ ruleId: rule.id, change: 'created', version: 1, changedBy: manager.id, changedAt: rule.createdAt, rule })]);
    expect(await getPriceRule(deps, alice, list.id, rule.id)).toEqual(rule);
  });

  it('checks actions: prices, percentages, amounts and fees', async () => {
    const { deps, bolt, list } = await setup();
    const issues = async (action: unknown, rest: Record<string, unknown> = {}) => issuesOf(createPriceRule(deps, manager, list.id, { target: onProduct(bolt.id), action, ...rest }));
    expect(await issues({ kind: 'fixed', price: '-1' })).toEqual([{ pointer: '/action/price', message: 'must not be negative' }]);
    expect(await issues({ kind: 'net', price: '1.1234567' })).toEqual([{ pointer: '/action/price', message: 'must have at most 6 decimals' }]);
    expect(await issues({ kind: 'amount_off', amount: '0' })).toEqual([{ pointer: '/action/amount', message: 'must be greater than 0' }]);
    expect((await issues({ kind: 'markup', percent: '5' }))[0]!.pointer).toBe('/action/kind');
    expect(await issues({ kind: 'discount', percents: ['5'], price: '3' })).toEqual([{ pointer: '/action/price', message: 'is not a known field' }]);
    expect(await issues({ kind: 'discount', percents: ['5'] }, { fees: [{ label: 'Fee', per: 'box', amount: '1' }] })).toEqual([
      { pointer: '/fees/0/per', message: 'Invalid option: expected one of "unit"|"line"' },
    ]);
    expect(await issues({ kind: 'discount', percents: ['5'] }, { validFrom: '2026-05-01', validTo: '2026-04-30', minQuantity: '-1' })).toEqual([
      { pointer: '/minQuantity', message: 'must not be negative' },
      { pointer: '/validTo', message: 'must not be before validFrom' },
    ]);
  });

  it('keeps a discount\'s one to five percentages in their order, and names each bad one by its position', async () => {
    const { deps, bolt, list } = await setup();
    const cascade = await createPriceRule(deps, manager, list.id, { target: onProduct(bolt.id), action: { kind: 'discount', percents: ['20', '12.5'] } });
    expect(cascade.action).toEqual({ kind: 'discount', percents: ['20', '12.5'] });
    const five = ['1', '2', '3', '4', '5'];
    expect((await createPriceRule(deps, manager, list.id, { target: { kind: 'all' }, action: { kind: 'discount', percents: five } })).action).toEqual({ kind: 'discount', percents: five });

    const issues = async (action: unknown) => issuesOf(createPriceRule(deps, manager, list.id, { target: onProduct(bolt.id), action }));
    expect(await issues({ kind: 'discount', percents: [] })).toEqual([{ pointer: '/action/percents', message: 'must have at least one percentage' }]);
    expect(await issues({ kind: 'discount', percents: [...five, '6'] })).toEqual([{ pointer: '/action/percents', message: 'must have at most 5 percentages' }]);
    expect(await issues({ kind: 'discount', percents: ['100', 'ten', '0', '100.01', 5] })).toEqual([
      { pointer: '/action/percents/1', message: 'must be a decimal number written as a string, such as "12.50"' },
      { pointer: '/action/percents/2', message: 'must be greater than 0 and at most 100' },
      { pointer: '/action/percents/3', message: 'must be greater than 0 and at most 100' },
      { pointer: '/action/percents/4', message: 'must be a string' },
    ]);
    expect(await issues({ kind: 'discount', percents: '20' })).toEqual([{ pointer: '/action/percents', message: 'must be an array' }]);
    // One shape only: the single `percent` of earlier drafts is refused rather than read as a one-element list.
    expect(await issues({ kind: 'discount', percent: '20' })).toEqual([
      { pointer: '/action/percents', message: 'is required' },
      { pointer: '/action/percent', message: 'is not a known field' },
    ]);
    expect(await issuesOf(updatePriceRule(deps, manager, list.id, cascade.id, 1, { action: { kind: 'discount', percents: ['20', '120'] } }))).toEqual([
      { pointer: '/action/percents/1', message: 'must be greater than 0 and at most 100' },
    ]);
    expect((await updatePriceRule(deps, manager, list.id, cascade.id, 1, { action: { kind: 'discount', percents: ['12.5', '20', '2'] } })).action).toEqual({ kind: 'discount', percents: ['12.5', '20', '2'] });
  });

  it('checks the target exists', async () => {
    const { deps, list } = await setup();
    expect(await issuesOf(createPriceRule(deps, manager, list.id, { target: onProduct('prd_01JABCDEFGHJKMNPQRSTVWXYZ0'), action: { kind: 'discount', percents: ['5'] } }))).toEqual([
      { pointer: '/target/productId', message: 'product prd_01JABCDEFGHJKMNPQRSTVWXYZ0 does not exist' },
    ]);
    expect(await issuesOf(createPriceRule(deps, manager, list.id, { target: { kind: 'family', familyId: 'fam_01JABCDEFGHJKMNPQRSTVWXYZ0' }, action: { kind: 'discount', percents: ['5'] } }))).toEqual([
      { pointer: '/target/familyId', message: 'family fam_01JABCDEFGHJKMNPQRSTVWXYZ0 does not exist' },
    ]);
    await expect(createPriceRule(deps, manager, 'prl_01JABCDEFGHJKMNPQRSTVWXYZ0', { target: { kind: 'all' }, action: { kind: 'discount', percents: ['5'] } })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("checks a product's formula against its parameters when it is saved, never running it", async () => {
    const { deps, bolt, list } = await setup();
    const formula = (text: string) => createPriceRule(deps, manager, list.id, { target: onProduct(bolt.id), action: { kind: 'formula', formula: text } });
    const ok = await formula('round(base * alloyPremium + weightPerMetre * 2, 4)');
    expect(ok.action).toEqual({ kind: 'formula', formula: 'round(base * alloyPremium + weightPerMetre * 2, 4)' });
    expect(await issuesOf(formula('base * density'))).toEqual([
      { pointer: '/action/formula', message: '`density` is not a product parameter (known: weightPerMetre, alloyPremium, base)' },
    ]);
    expect(await issuesOf(formula('process.exit(1)'))).toEqual([{ pointer: '/action/formula', message: 'a property access (.) is not allowed in a formula' }]);
    expect((await issuesOf(formula('base * (2')))[0]!.pointer).toBe('/action/formula');
  });

  it('accepts on a family or everything any well-formed parameter name, checked when a product is priced', async () => {
    const { deps, fasteners, list } = await setup();
    const rule = await createPriceRule(deps, manager, list.id, { target: { kind: 'family', familyId: fasteners.id }, action: { kind: 'formula', formula: 'base + lengthMm * 0.01' } });
    expect(rule.target).toEqual({ kind: 'family', familyId: fasteners.id });
    expect(await issuesOf(createPriceRule(deps, manager, list.id, { target: { kind: 'all' }, action: { kind: 'formula', formula: 'base * Density + _x' } }))).toEqual([
      { pointer: '/action/formula', message: '`Density` is not a parameter name: a lower-case letter, then up to 39 letters, digits or underscores' },
      { pointer: '/action/formula', message: '`_x` is not a parameter name: a lower-case letter, then up to 39 letters, digits or underscores' },
    ]);
    expect(await issuesOf(createPriceRule(deps, manager, list.id, { target: { kind: 'all' }, action: { kind: 'formula', formula: 'a ? b : c' } }))).toEqual([
      { pointer: '/action/formula', message: 'a condition (?:) is not allowed in a formula' },
    ]);
  });

  it('replaces the action as a whole on update, keeps the target, and records the version it replaced', async () => {
    const { deps, events, history, clock, bolt, list } = await setup();
    const rule = await createPriceRule(deps, manager, list.id, { target: onProduct(bolt.id), action: { kind: 'fixed', price: '10' }, fees: [{ label: 'Fee', per: 'line', amount: '2' }] });
    clock.advance(60_000);
    const discounted = await updatePriceRule(deps, admin, list.id, rule.id, 1, { action: { kind: 'discount', percents: ['5'] }, fees: null, minQuantity: '10' });
    expect(discounted).toMatchObject({ action: { kind: 'discount', percents: ['5'] }, minQuantity: '10', version: 2, updatedBy: admin.id, createdAt: rule.createdAt });
    expect(discounted.fees).toBeUndefined();
    expect(events.at(-1)).toMatchObject({ type: 'price-rule.updated', data: { ruleId: rule.id, version: 2, changedFields: ['minQuantity', 'action', 'fees'] } });
    const entries = [...history.values()].map(({ entry }) => entry).filter((entry) => entry.subject === 'rule');
    expect(entries.map((entry) => [entry.change, entry.version, entry.changedBy, entry.subject === 'rule' && entry.rule.action])).toEqual([
      ['created', 1, manager.id, { kind: 'fixed', price: '10' }],
      ['updated', 2, admin.id, { kind: 'discount', percents: ['5'] }],
    ]);

    expect(await updatePriceRule(deps, manager, list.id, rule.id, 2, { minQuantity: '10' })).toBe(discounted);
    expect(await issuesOf(updatePriceRule(deps, manager, list.id, rule.id, 2, { target: { kind: 'all' } }))).toEqual([
      { pointer: '/target', message: 'cannot change: a rule is for one product, family or everything; create a rule for the other target' },
    ]);
    expect(await issuesOf(updatePriceRule(deps, manager, list.id, rule.id, 2, { action: null }))).toEqual([{ pointer: '/action', message: 'is required' }]);
    expect(await issuesOf(updatePriceRule(deps, manager, list.id, rule.id, 2, { action: { kind: 'formula', formula: 'base * nope' } }))).toEqual([
      { pointer: '/action/formula', message: '`nope` is not a product parameter (known: weightPerMetre, alloyPremium, base)' },
    ]);
    await expect(updatePriceRule(deps, manager, list.id, rule.id, 1, { minQuantity: '20' })).rejects.toBeInstanceOf(VersionMismatchError);
  });

  it('removes a rule, and the history keeps it with who removed it', async () => {
    const { deps, events, history, bolt, list } = await setup();
    const rule = await createPriceRule(deps, manager, list.id, { target: onProduct(bolt.id), action: { kind: 'net', price: '9.90' } });
    await expect(removePriceRule(deps, manager, list.id, rule.id, 3)).rejects.toBeInstanceOf(VersionMismatchError);
    await removePriceRule(deps, admin, list.id, rule.id, 1);
    await expect(getPriceRule(deps, manager, list.id, rule.id)).rejects.toBeInstanceOf(NotFoundError);
    expect(events.at(-1)).toMatchObject({ type: 'price-rule.removed', data: { ruleId: rule.id, version: 1 } });
    const last = [...history.values()].map(({ entry }) => entry).at(-1)!;
    expect(last).toMatchObject({ subject: 'rule', change: 'removed', version: 2, changedBy: admin.id, rule });
  });

  it('lets only admins and managers change rules', async () => {
    const { deps, bolt, list } = await setup();
    const input = { target: onProduct(bolt.id), action: { kind: 'discount', percents: ['5'] } };
    await expect(createPriceRule(deps, alice, list.id, input)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(createPriceRule(deps, shop, list.id, input)).rejects.toBeInstanceOf(ForbiddenError);
    const rule = await createPriceRule(deps, manager, list.id, input);
    await expect(updatePriceRule(deps, alice, list.id, rule.id, 1, { minQuantity: '2' })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(removePriceRule(deps, shop, list.id, rule.id, 1)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("lists a list's rules, a target's rules across lists, and hides other agents' customers' lists", async () => {
    const { deps, bolt, fasteners, list, ...f } = await setup();
    const bobs = await f.customer('Client Bob', bob.id);
    const { list: bobList } = await createPriceList(deps, manager, { source: 'customer_list', name: 'Bob', currency: 'EUR', customerId: bobs });
    const onBolt = await createPriceRule(deps, manager, list.id, { target: onProduct(bolt.id), action: { kind: 'fixed', price: '1' } });
    const onFamily = await createPriceRule(deps, manager, list.id, { target: { kind: 'family', familyId: fasteners.id }, action: { kind: 'discount', percents: ['3'] } });
    const bobsBolt = await createPriceRule(deps, manager, bobList.id, { target: onProduct(bolt.id), action: { kind: 'net', price: '0.9' } });

    const ids = async (actor: typeof alice, query: Parameters<typeof listPriceRules>[2]) => (await listPriceRules(deps, actor, query, { limit: 50 })).items.map((r) => r.id);
    expect(await ids(manager, { listId: list.id })).toEqual([onBolt.id, onFamily.id].sort());
    expect(await ids(manager, { listId: list.id, target: { kind: 'family', familyId: fasteners.id } })).toEqual([onFamily.id]);
    expect((await ids(manager, { target: { kind: 'product', productId: bolt.id } })).sort()).toEqual([onBolt.id, bobsBolt.id].sort());
    expect(await ids(alice, { target: { kind: 'product', productId: bolt.id } })).toEqual([onBolt.id]);
    await expect(ids(alice, { listId: bobList.id })).rejects.toBeInstanceOf(NotFoundError);
    expect(await ids(bob, { listId: bobList.id })).toEqual([bobsBolt.id]);
    expect(await issuesOf(listPriceRules(deps, manager, {}, { limit: 10 }))).toEqual([
      { pointer: '/query/target', message: 'is required without a list: name a product, a family or everything' },
    ]);
  });
});
