import { describe, expect, it } from 'vitest';
import { ForbiddenError } from '../../../domain/shared/errors.ts';
import { createFamily } from '../../../domain/catalog/use-cases/families.ts';
import { createProduct } from '../../../domain/catalog/use-cases/create-product.ts';
import { createUnit } from '../../../domain/catalog/use-cases/units.ts';
import { alice, catalogFixture, issuesOf, manager, PIECES, shop } from './catalog-fixture.ts';

describe('createProduct', () => {
  it('needs a code, a name and units; starts active goods at the standard VAT rate', async () => {
    const { deps, events } = catalogFixture();
    const product = await createProduct(deps, manager, { code: 'SCREW-4x40', name: 'Vis 4x40', units: PIECES });
    expect(product).toMatchObject({ code: 'SCREW-4x40', kind: 'goods', vatCategory: 'standard', state: 'active', version: 1 });
    expect(product.id).toMatch(/^prd_[0-9A-Z]{26}$/);
    expect(events.map((e) => [e.type, e.subject, e.data])).toEqual([
      ['product.created', product.id, { productId: product.id, version: 1, code: 'SCREW-4x40', kind: 'goods' }],
    ]);
    expect(await issuesOf(createProduct(deps, manager, {}))).toEqual([
      { pointer: '/code', message: 'is required' },
      { pointer: '/name', message: 'is required' },
      { pointer: '/units', message: 'is required' },
    ]);
  });

  it('stores every field of PRD-1 … PRD-6', async () => {
    const { deps } = catalogFixture();
    const family = await createFamily(deps, manager, { code: 'STEEL', name: 'Acier' });
    const product = await createProduct(deps, manager, {
      code: 'BAR-20',
      name: 'Barre acier Ø20',
      description: 'Rond plein, longueur 6 m',
      familyId: family.id,
      units: { management: 'kg', sales: 'pce', price: 'kg' },
      weight: '1',
      volume: '0.000127',
      vatCategory: 'standard',
      parameters: { diameter: '20', lengthMm: '6000', steel_grade: '235' },
      salesConditions: {
        minQuantity: '2',
        multipleQuantity: '2',
        leadTimeDays: 5,
        notes: 'Coupe possible',
        packagings: [{ code: 'BUNDLE', name: 'Botte de 10', quantity: '10' }],
        inspectionPlans: [{ code: 'CTRL-01', name: 'Contrôle dimensionnel' }],
      },
      analytics: [
        { account: 'SALES-STEEL', percent: '70' },
        { account: 'SALES-CUT', percent: '30' },
      ],
      costs: { weightedAverage: { amount: '0.85', currency: 'EUR' }, lastPurchase: { amount: '0.9', currency: 'EUR' }, entered: { amount: '0.0125', currency: 'EUR' } },
    });
    expect(product).toMatchObject({
      familyId: family.id,
      units: { management: 'kg', sales: 'pce', price: 'kg' },
      parameters: { diameter: '20', lengthMm: '6000', steel_grade: '235' },
      // Costs are padded to the currency's decimals, finer ones kept.
      costs: { weightedAverage: { amount: '0.85', currency: 'EUR' }, lastPurchase: { amount: '0.90', currency: 'EUR' }, entered: { amount: '0.0125', currency: 'EUR' } },
    });
  });

  it('names every offending field, with JSON pointers', async () => {
    const { deps } = catalogFixture();
    const issues = await issuesOf(
      createProduct(deps, manager, {
        code: 'bad code',
        name: 'X',
        kind: 'bundle',
        units: { management: 'pce', sales: 'box', price: 'pce' },
        weight: '-1',
        volume: '1e3',
        vatCategory: 'luxury',
        parameters: { Diameter: '20', ok: 'twenty' },
        salesConditions: { minQuantity: '0', leadTimeDays: 1.5, packagings: [{ code: 'P', name: 'P', quantity: '1' }, { code: 'p', name: 'Q', quantity: '2' }] },
        costs: { entered: { amount: '1.1234567', currency: 'EUR' }, lastPurchase: { amount: '1', currency: 'USD' } },
        state: 'discontinued',
        stateReason: 'x',
        colour: 'red',
      }),
    );
    expect(issues).toEqual(
      expect.arrayContaining([
        { pointer: '/code', message: expect.stringContaining('letters, digits') },
        { pointer: '/kind', message: expect.any(String) },
        { pointer: '/weight', message: 'must not be negative' },
        { pointer: '/volume', message: expect.stringContaining('decimal number') },
        { pointer: '/vatCategory', message: expect.any(String) },
        { pointer: '/parameters/Diameter', message: expect.stringContaining('is not a parameter name') },
        { pointer: '/parameters/ok', message: expect.stringContaining('decimal number') },
        { pointer: '/salesConditions/minQuantity', message: 'must be greater than 0' },
        { pointer: '/salesConditions/leadTimeDays', message: 'must be a whole number' },
        { pointer: '/salesConditions/packagings/1/code', message: 'repeats the code of another packaging' },
        { pointer: '/costs/entered/amount', message: 'must have at most 6 decimals' },
        { pointer: '/costs/entered/currency', message: 'must be the currency of the other costs, USD' },
        { pointer: '/state', message: 'is set by the server and cannot be written' },
        { pointer: '/stateReason', message: 'is set by the server and cannot be written' },
        { pointer: '/colour', message: 'is not a known field' },
      ]),
    );
    expect(issues).toHaveLength(15);
  });

  it('refuses costs in different currencies', async () => {
    const { deps } = catalogFixture();
    expect(await issuesOf(createProduct(deps, manager, { code: 'A', name: 'A', units: PIECES, costs: { weightedAverage: { amount: '1', currency: 'EUR' }, entered: { amount: '1', currency: 'USD' } } }))).toEqual([
      { pointer: '/costs/entered/currency', message: 'must be the currency of the other costs, EUR' },
    ]);
  });

  describe('units (PRD-1)', () => {
    const attempt = (units: Record<string, string>, rest: Record<string, unknown> = {}) => {
      const { deps } = catalogFixture();
      return createProduct(deps, manager, { code: 'U', name: 'U', units, ...rest });
    };

    it('accepts units of one dimension without factors, and a fixed or variable factor across dimensions', async () => {
      await expect(attempt({ management: 'kg', sales: 't', price: 'g' })).resolves.toMatchObject({ units: { sales: 't' } });
      // Sold by the piece, stocked and priced by the kilogram: 2.5 kg a piece, or given on each line.
      await expect(attempt({ management: 'kg', sales: 'pce', price: 'kg', salesFactor: '2.5' })).resolves.toMatchObject({ units: { salesFactor: '2.5' } });
      await expect(attempt({ management: 'kg', sales: 'pce', price: 'kg' })).resolves.toMatchObject({ units: { sales: 'pce' } });
      await expect(attempt({ management: 'pce', sales: 'm', price: 'kg', salesFactor: '0.5', priceFactor: '0.1' })).resolves.toMatchObject({ kind: 'goods' });
    });

    it('refuses unknown codes and factors between units of one dimension', async () => {
      expect(await issuesOf(attempt({ management: 'kilo', sales: 'pce', price: 'box' }))).toEqual([
        { pointer: '/units/management', message: 'kilo is not a known unit code (such as "pce", "kg", "m" or "l")' },
        { pointer: '/units/price', message: 'box is not a known unit code (such as "pce", "kg", "m" or "l")' },
      ]);
      expect(await issuesOf(attempt({ management: 'kg', sales: 't', price: 'kg', salesFactor: '1000', priceFactor: '0' }))).toEqual([
        { pointer: '/units/priceFactor', message: 'must be greater than 0' },
      ]);
      expect(await issuesOf(attempt({ management: 'kg', sales: 't', price: 'kg', salesFactor: '1000' }))).toEqual([
        { pointer: '/units/salesFactor', message: 'applies only when the sales unit is of another dimension than the management unit (t and kg are both mass)' },
      ]);
    });

    it('refuses two factors that would both vary by line, in different dimensions', async () => {
      expect(await issuesOf(attempt({ management: 'pce', sales: 'm', price: 'kg' }))).toEqual([
        { pointer: '/units/priceFactor', message: 'is required: the sales factor (pce in one m) already varies by line, and a line gives only one factor' },
      ]);
    });

    it('counts sales quantities in the sales unit\'s precision', async () => {
      expect(await issuesOf(attempt(PIECES, { salesConditions: { minQuantity: '2.5', multipleQuantity: '0.5', packagings: [{ code: 'BOX', name: 'Box', quantity: '12.5' }] } }))).toEqual([
        { pointer: '/salesConditions/minQuantity', message: 'must be a whole number of pce' },
        { pointer: '/salesConditions/multipleQuantity', message: 'must be a whole number of pce' },
        { pointer: '/salesConditions/packagings/0/quantity', message: 'must be a whole number of pce' },
      ]);
      expect(await issuesOf(attempt({ management: 'kg', sales: 'kg', price: 'kg' }, { salesConditions: { multipleQuantity: '0.0005' } }))).toEqual([
        { pointer: '/salesConditions/multipleQuantity', message: 'kg quantities have at most 3 decimals' },
      ]);
    });

    it('takes the custom units of the store along with the standard ones', async () => {
      const { deps } = catalogFixture();
      const units = { management: 'pallet', sales: 'pallet', price: 'pce' };
      expect((await issuesOf(createProduct(deps, manager, { code: 'P', name: 'P', units }))).map((i) => i.pointer)).toEqual(['/units/management', '/units/sales']);
      await createUnit(deps, manager, { code: 'pallet', name: 'pallet of 40', dimension: 'count', factor: '40', decimals: 0 });
      await expect(createProduct(deps, manager, { code: 'P', name: 'P', units })).resolves.toBeDefined();
    });
  });

  it('refuses a family that does not exist', async () => {
    const { deps } = catalogFixture();
    expect(await issuesOf(createProduct(deps, manager, { code: 'A', name: 'A', units: PIECES, familyId: 'fam_01JCTM5Z1Y5N8Q6V3W2X1Y0Z9A' }))).toEqual([
      { pointer: '/familyId', message: 'family fam_01JCTM5Z1Y5N8Q6V3W2X1Y0Z9A does not exist' },
    ]);
  });

  it('keeps product codes unique, whatever their case', async () => {
    const { deps, product } = catalogFixture();
    await product('SCREW-4x40');
    await expect(createProduct(deps, manager, { code: 'screw-4X40', name: 'Other', units: PIECES })).rejects.toMatchObject({ code: 'product_code_taken' });
  });

  it('lets only admins and managers create products', async () => {
    const { deps } = catalogFixture();
    await expect(createProduct(deps, alice, { code: 'A', name: 'A', units: PIECES })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(createProduct(deps, shop, { code: 'A', name: 'A', units: PIECES })).rejects.toBeInstanceOf(ForbiddenError);
  });
});
