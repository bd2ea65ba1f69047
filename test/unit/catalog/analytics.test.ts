import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Dec } from '../../../domain/shared/money.ts';
import { createProduct } from '../../../domain/catalog/use-cases/create-product.ts';
import { catalogFixture, issuesOf, manager, PIECES } from './catalog-fixture.ts';

/** Hundredths of a percent as a decimal string: 1250 → "12.5". */
const percent = (hundredths: number) => new Dec(hundredths).dividedBy(100).toFixed();
const shares = (parts: readonly number[]) => parts.map((hundredths, i) => ({ account: `ACC-${i}`, percent: percent(hundredths) }));

/** Up to 50 positive parts of 10 000 hundredths, cut at distinct points. */
const partsOfAHundred = fc.uniqueArray(fc.integer({ min: 1, max: 9999 }), { maxLength: 49 }).map((cuts) => {
  const points = [0, ...[...cuts].sort((a, b) => a - b), 10_000];
  return points.slice(1).map((point, i) => point - points[i]!);
});

function attempt(analytics: unknown) {
  const { deps } = catalogFixture();
  return createProduct(deps, manager, { code: 'A', name: 'A', units: PIECES, analytics });
}

describe('analytic distribution (PRD-4)', () => {
  it('property: any split of 100 % into hundredths is accepted, exactly as given', async () => {
    await fc.assert(
      fc.asyncProperty(partsOfAHundred, async (parts) => {
        const product = await attempt(shares(parts));
        expect(product.analytics).toEqual(shares(parts));
      }),
    );
  });

  it('property: any other total is refused, naming the total', async () => {
    const parts = fc.array(fc.integer({ min: 1, max: 10_000 }), { minLength: 1, maxLength: 50 }).filter((p) => p.reduce((a, b) => a + b, 0) !== 10_000);
    await fc.assert(
      fc.asyncProperty(parts, async (p) => {
        const total = percent(p.reduce((a, b) => a + b, 0));
        expect(await issuesOf(attempt(shares(p)))).toEqual([{ pointer: '/analytics', message: `the percentages must add up to 100, not ${total}` }]);
      }),
    );
  });

  it('adds decimals exactly, where floating point would not', async () => {
    // 0.1 + 0.2 + 99.7 is 100.00000000000001 in binary floating point.
    await expect(attempt([{ account: 'A', percent: '0.1' }, { account: 'B', percent: '0.2' }, { account: 'C', percent: '99.7' }])).resolves.toBeDefined();
    await expect(attempt([{ account: 'A', percent: '33.3333' }, { account: 'B', percent: '33.3333' }, { account: 'C', percent: '33.3334' }])).resolves.toBeDefined();
  });

  it('refuses empty, repeated, zero or out-of-range shares', async () => {
    expect(await issuesOf(attempt([]))).toEqual([{ pointer: '/analytics', message: 'must have at least one account' }]);
    expect(await issuesOf(attempt([{ account: 'A', percent: '50' }, { account: 'a', percent: '50' }]))).toEqual([{ pointer: '/analytics/1/account', message: 'repeats another account' }]);
    expect(await issuesOf(attempt([{ account: 'A', percent: '100' }, { account: 'B', percent: '0' }]))).toEqual([{ pointer: '/analytics/1/percent', message: 'must be greater than 0 and at most 100' }]);
    expect((await issuesOf(attempt([{ account: 'A', percent: '150' }, { account: 'B', percent: '-50' }]))).map((i) => i.pointer)).toEqual(['/analytics/0/percent', '/analytics/1/percent']);
  });
});
