import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ForbiddenError, NotFoundError, VersionMismatchError } from '../../../domain/shared/errors.ts';
import { effectiveUnits } from '../../../domain/catalog/reference.ts';
import { priceScheduleSchema } from '../../../domain/catalog/schemas.ts';
import {
  createReference,
  findReferenceByCustomerCode,
  findReferenceForProduct,
  getReference,
  listReferences,
  removeReference,
  updateReference,
} from '../../../domain/catalog/use-cases/customer-references.ts';
import { admin, alice, bob, catalogFixture, issuesOf, manager, shop } from './catalog-fixture.ts';

async function setup() {
  const fixture = catalogFixture();
  const customerId = await fixture.customer('Garage Martin', alice.id);
  const bar = await fixture.product('BAR-20', {
    units: { management: 'kg', sales: 'pce', price: 'kg', salesFactor: '14.8' },
    salesConditions: { packagings: [{ code: 'BUNDLE', name: 'Botte de 10', quantity: '10' }] },
  });
  return { ...fixture, customerId, bar };
}

const price = (validFrom: string, unitPrice: string, rest: Record<string, unknown> = {}) => ({ validFrom, unitPrice, currency: 'EUR', ...rest });

describe('customer references (PRD-3)', () => {
  it('stores the customer\'s code, name, units, packaging, quantities and dated prices', async () => {
    const { deps, events, customerId, bar } = await setup();
    const reference = await createReference(deps, manager, customerId, {
      productId: bar.id,
      customerCode: 'MART-0042',
      customerName: 'Rond Ø20 brut',
      deliveryTolerancePercent: '5',
      economicBatch: '50',
      salesFamily: 'ACIERS',
      priceUnit: 't',
      packagingCode: 'bundle',
      minQuantity: '10',
      multipleQuantity: '10',
      leadTimeDays: 7,
      prices: [price('2026-01-01', '1200', { validTo: '2026-06-30' }), price('2026-07-01', '1250'), price('2026-01-01', '1150', { minQuantity: '100' })],
    });
    expect(reference).toMatchObject({ customerId, productId: bar.id, customerCode: 'MART-0042', version: 1 });
    expect(reference.id).toMatch(/^ref_[0-9A-Z]{26}$/);
    expect(reference.prices[1]).toEqual({ validFrom: '2026-07-01', minQuantity: '0', unitPrice: '1250', currency: 'EUR' });
    expect(events.at(-1)).toMatchObject({ type: 'customer-reference.created', subject: reference.id, data: { referenceId: reference.id, customerId, productId: bar.id, customerCode: 'MART-0042' } });
    // Priced by the tonne for this customer; still sold by the piece at the product's factor.
    expect(effectiveUnits(bar, reference)).toEqual({ management: 'kg', sales: 'pce', price: 't', salesFactor: '14.8' });
  });

  it('refuses overlapping periods for the same quantity break, and a schedule in several currencies', async () => {
    const { deps, customerId, bar } = await setup();
    const attempt = (prices: unknown[]) => createReference(deps, manager, customerId, { productId: bar.id, customerCode: 'C', prices });
    expect(await issuesOf(attempt([price('2026-01-01', '10', { validTo: '2026-06-30' }), price('2026-06-30', '11')]))).toEqual([
      { pointer: '/prices/1/validFrom', message: 'overlaps the period of price 0 for the same minimum quantity' },
    ]);
    // An open-ended price overlaps anything after it; "10" and "10.0" are the same break.
    expect(await issuesOf(attempt([price('2026-01-01', '10', { minQuantity: '10' }), price('2027-01-01', '9', { minQuantity: '10.0', validTo: '2027-12-31' })]))).toEqual([
      { pointer: '/prices/1/validFrom', message: 'overlaps the period of price 0 for the same minimum quantity' },
    ]);
    expect(await issuesOf(attempt([price('2026-01-01', '10', { validTo: '2026-06-30' }), price('2026-07-01', '12', { currency: 'USD' })]))).toEqual([
      { pointer: '/prices/1/currency', message: 'must be the currency of the whole schedule, EUR' },
    ]);
    // Back to back, or another break: no overlap.
    const reference = await attempt([price('2026-01-01', '10', { validTo: '2026-06-30' }), price('2026-07-01', '11'), price('2026-01-01', '9', { minQuantity: '100' })]);
    expect(reference.prices).toHaveLength(3);
  });

  it('names every offending field, with JSON pointers', async () => {
    const { deps, customerId, bar } = await setup();
    expect(
      await issuesOf(
        createReference(deps, manager, customerId, {
          productId: bar.id,
          customerCode: '',
          deliveryTolerancePercent: '120',
          leadTimeDays: -1,
          prices: [{ validFrom: '2026-13-01', unitPrice: '-1', currency: 'EURO' }, price('2026-02-01', '1', { validTo: '2026-01-01', minQuantity: '1.5' })],
          customerId: 'cus_x',
          id: 'ref_x',
        }),
      ),
    ).toEqual(
      expect.arrayContaining([
        { pointer: '/customerCode', message: 'must not be empty' },
        { pointer: '/deliveryTolerancePercent', message: 'must be between 0 and 100' },
        { pointer: '/leadTimeDays', message: 'must be at least 0' },
        { pointer: '/prices/0/validFrom', message: 'must be a date such as "2026-12-31"' },
        { pointer: '/prices/0/unitPrice', message: 'must not be negative' },
        { pointer: '/prices/0/currency', message: 'must be an ISO 4217 currency code such as "EUR"' },
        { pointer: '/prices/1/validTo', message: 'must not be before validFrom' },
        { pointer: '/customerId', message: 'is set by the server and cannot be written' },
        { pointer: '/id', message: 'is set by the server and cannot be written' },
      ]),
    );
  });

  it('fits the reference to its product: units and factors, packaging, quantities in the sales unit', async () => {
    const { deps, customerId, bar } = await setup();
    const attempt = (fields: Record<string, unknown>) => createReference(deps, manager, customerId, { productId: bar.id, customerCode: 'C', ...fields });
    expect(await issuesOf(attempt({ salesUnit: 'box', packagingCode: 'PALLET', minQuantity: '2.5' }))).toEqual([
      { pointer: '/salesUnit', message: 'box is not a known unit code (such as "pce", "kg", "m" or "l")' },
      { pointer: '/packagingCode', message: 'is not a packaging of product BAR-20 (BUNDLE)' },
    ]);
    expect(await issuesOf(attempt({ minQuantity: '2.5', prices: [price('2026-01-01', '1', { minQuantity: '0.5' })] }))).toEqual([
      { pointer: '/minQuantity', message: 'must be a whole number of pce' },
      { pointer: '/prices/0/minQuantity', message: 'must be a whole number of pce' },
    ]);
    // Sold by the kilogram to this customer: the product's sales factor no longer applies, and a factor between kg units makes no sense.
    expect(await issuesOf(attempt({ salesUnit: 'kg', salesFactor: '2' }))).toEqual([
      { pointer: '/salesFactor', message: 'applies only when the sales unit is of another dimension than the management unit (kg and kg are both mass)' },
    ]);
    // Sold by the metre, priced by the piece: two factors varying by line in different dimensions.
    expect(await issuesOf(attempt({ salesUnit: 'm', priceUnit: 'pce' }))).toEqual([
      { pointer: '/priceFactor', message: 'is required: the sales factor (kg in one m) already varies by line, and a line gives only one factor' },
    ]);
    const fixed = await attempt({ salesUnit: 'm', salesFactor: '2.47', minQuantity: '0.5' });
    expect(effectiveUnits(bar, fixed)).toEqual({ management: 'kg', sales: 'm', price: 'kg', salesFactor: '2.47' });
    expect(await issuesOf(createReference(deps, manager, customerId, { productId: 'prd_01JCTM5Z1Y5N8Q6V3W2X1Y0Z9A', customerCode: 'D' }))).toEqual([
      { pointer: '/productId', message: 'product prd_01JCTM5Z1Y5N8Q6V3W2X1Y0Z9A does not exist' },
    ]);
  });

  it('keeps one reference per customer and product, and customer codes unique per customer whatever their case', async () => {
    const { deps, customerId, bar, product, customer } = await setup();
    const first = await createReference(deps, manager, customerId, { productId: bar.id, customerCode: 'MART-0042' });
    await expect(createReference(deps, manager, customerId, { productId: bar.id, customerCode: 'OTHER' })).rejects.toMatchObject({ code: 'reference_exists' });
    const other = await product('BAR-30');
    await expect(createReference(deps, manager, customerId, { productId: other.id, customerCode: 'mart-0042' })).rejects.toMatchObject({ code: 'reference_code_taken' });
    // Another customer may use the same code.
    const otherCustomer = await customer('Garage Petit');
    await expect(createReference(deps, manager, otherCustomer, { productId: bar.id, customerCode: 'MART-0042' })).resolves.toBeDefined();
    // A code freed by a change can be taken again.
    await updateReference(deps, manager, customerId, first.id, 1, { customerCode: 'MART-0043' });
    await expect(createReference(deps, manager, customerId, { productId: other.id, customerCode: 'MART-0042' })).resolves.toBeDefined();
  });

  it('finds a reference by the customer\'s code (EDI) and by product; lists by code and prefix', async () => {
    const { deps, customerId, bar, product } = await setup();
    const reference = await createReference(deps, manager, customerId, { productId: bar.id, customerCode: 'MART-0042' });
    const other = await product('BAR-30');
    await createReference(deps, manager, customerId, { productId: other.id, customerCode: 'MART-0007' });
    const third = await product('NUT');
    await createReference(deps, manager, customerId, { productId: third.id, customerCode: 'ZZ-1' });
    expect(await findReferenceByCustomerCode(deps, shop, customerId, ' mart-0042 ')).toEqual(reference);
    await expect(findReferenceByCustomerCode(deps, shop, customerId, 'MART-9999')).rejects.toBeInstanceOf(NotFoundError);
    expect(await findReferenceForProduct(deps, shop, customerId, bar.id)).toEqual(reference);
    const codes = async (prefix?: string) => (await listReferences(deps, alice, customerId, prefix ? { customerCodePrefix: prefix } : {}, { limit: 50 })).items.map((r) => r.customerCode);
    expect(await codes()).toEqual(['MART-0007', 'MART-0042', 'ZZ-1']);
    expect(await codes('mart')).toEqual(['MART-0007', 'MART-0042']);
  });

  it('updates by merge patch, replacing the price schedule; the product cannot change', async () => {
    const { deps, events, customerId, bar, product } = await setup();
    const reference = await createReference(deps, manager, customerId, { productId: bar.id, customerCode: 'C', leadTimeDays: 7, prices: [price('2026-01-01', '10')] });
    const updated = await updateReference(deps, manager, customerId, reference.id, 1, { leadTimeDays: null, prices: [price('2026-01-01', '10', { validTo: '2026-12-31' }), price('2027-01-01', '11')] });
    expect(updated).toMatchObject({ version: 2, prices: [expect.objectContaining({ validTo: '2026-12-31' }), expect.objectContaining({ unitPrice: '11' })] });
    expect(updated.leadTimeDays).toBeUndefined();
    expect(events.at(-1)).toMatchObject({ type: 'customer-reference.updated', data: { changedFields: ['leadTimeDays', 'prices'], version: 2, productId: bar.id } });
    expect(await updateReference(deps, manager, customerId, reference.id, 2, { customerCode: 'C' })).toBe(updated);
    const other = await product('OTHER');
    expect(await issuesOf(updateReference(deps, manager, customerId, reference.id, 2, { productId: other.id }))).toEqual([
      { pointer: '/productId', message: 'cannot change: a reference is for one product; create a reference for the other product' },
    ]);
    expect(await issuesOf(updateReference(deps, manager, customerId, reference.id, 2, { prices: [price('2026-01-01', '1'), price('2026-03-01', '2')] }))).toEqual([
      { pointer: '/prices/1/validFrom', message: 'overlaps the period of price 0 for the same minimum quantity' },
    ]);
    await expect(updateReference(deps, manager, customerId, reference.id, 1, { customerName: 'x' })).rejects.toEqual(new VersionMismatchError(1, 2));
  });

  it('removes a reference at the expected version', async () => {
    const { deps, events, customerId, bar } = await setup();
    const reference = await createReference(deps, manager, customerId, { productId: bar.id, customerCode: 'C' });
    await expect(removeReference(deps, manager, customerId, reference.id, 2)).rejects.toBeInstanceOf(VersionMismatchError);
    await removeReference(deps, manager, customerId, reference.id, 1);
    expect(events.at(-1)).toMatchObject({ type: 'customer-reference.removed', data: { referenceId: reference.id, productId: bar.id, version: 1 } });
    await expect(getReference(deps, manager, customerId, reference.id)).rejects.toBeInstanceOf(NotFoundError);
    expect(await findReferenceForProduct(deps, manager, customerId, bar.id)).toBeNull();
    await expect(createReference(deps, manager, customerId, { productId: bar.id, customerCode: 'C' })).resolves.toBeDefined();
  });

  it('lets admins and managers write; agents read only the references of their customers; integrations read all', async () => {
    const { deps, customerId, bar } = await setup();
    await expect(createReference(deps, alice, customerId, { productId: bar.id, customerCode: 'C' })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(createReference(deps, shop, customerId, { productId: bar.id, customerCode: 'C' })).rejects.toBeInstanceOf(ForbiddenError);
    const reference = await createReference(deps, admin, customerId, { productId: bar.id, customerCode: 'C' });
    expect(await getReference(deps, alice, customerId, reference.id)).toEqual(reference);
    expect(await getReference(deps, shop, customerId, reference.id)).toEqual(reference);
    await expect(getReference(deps, bob, customerId, reference.id)).rejects.toEqual(new NotFoundError('Customer', customerId));
    await expect(listReferences(deps, bob, customerId, {}, { limit: 50 })).rejects.toBeInstanceOf(NotFoundError);
    await expect(findReferenceByCustomerCode(deps, bob, customerId, 'C')).rejects.toBeInstanceOf(NotFoundError);
    await expect(updateReference(deps, alice, customerId, reference.id, 1, { customerName: 'x' })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(removeReference(deps, alice, customerId, reference.id, 1)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('needs the customer to exist, and does not find a reference under another customer', async () => {
    const { deps, customerId, bar, customer } = await setup();
    await expect(createReference(deps, manager, 'cus_01JCTM5Z1Y5N8Q6V3W2X1Y0Z9A', { productId: bar.id, customerCode: 'C' })).rejects.toEqual(
      new NotFoundError('Customer', 'cus_01JCTM5Z1Y5N8Q6V3W2X1Y0Z9A'),
    );
    const reference = await createReference(deps, manager, customerId, { productId: bar.id, customerCode: 'C' });
    const other = await customer('Other');
    await expect(getReference(deps, manager, other, reference.id)).rejects.toEqual(new NotFoundError('CustomerReference', reference.id));
  });

  it('property: a schedule is refused exactly when two prices of one quantity break share a day', () => {
    const day = (n: number) => new Date(Date.UTC(2026, 0, 1 + n)).toISOString().slice(0, 10);
    const entry = fc.record({ from: fc.integer({ min: 0, max: 90 }), days: fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined }), minQuantity: fc.constantFrom('0', '10', '10.00') });
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 6 }), (entries) => {
        const schedule = entries.map((e) => price(day(e.from), '1', { minQuantity: e.minQuantity, ...(e.days === undefined ? {} : { validTo: day(e.from + e.days) }) }));
        const end = (e: (typeof entries)[number]) => (e.days === undefined ? Infinity : e.from + e.days);
        const clash = entries.some((a, i) => entries.some((b, j) => j < i && Number(a.minQuantity) === Number(b.minQuantity) && a.from <= end(b) && b.from <= end(a)));
        const result = priceScheduleSchema.safeParse(schedule);
        expect(result.success).toBe(!clash);
        if (!result.success) expect(result.error.issues.every((issue) => issue.path.at(-1) === 'validFrom')).toBe(true);
      }),
    );
  });

  it('lets a customer fix the factor a product leaves variable', async () => {
    const { deps, customerId, product } = await setup();
    const bar = await product('BAR-VAR', { units: { management: 'kg', sales: 'pce', price: 'kg' } });
    const reference = await createReference(deps, manager, customerId, { productId: bar.id, customerCode: 'V', salesFactor: '14.8' });
    expect(effectiveUnits(bar, reference)).toEqual({ management: 'kg', sales: 'pce', price: 'kg', salesFactor: '14.8' });
    expect(effectiveUnits(bar)).toEqual(bar.units);
  });
});
