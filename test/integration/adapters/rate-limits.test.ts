import { describe, expect, it } from 'vitest';
import { newId } from '../../../domain/shared/ids.ts';
import { createRateLimiter } from '../../../functions/adapters/dynamodb/rate-limits.ts';
import { testTable } from '../../support/table.ts';

const limiter = createRateLimiter(await testTable());
const limit = { scope: 'test', limit: 5, windowSeconds: 60 };
const at = (seconds: number) => new Date(Date.UTC(2027, 0, 5, 10, 0, seconds));

describe('DynamoDB rate limiter', () => {
  it('lets a client through `limit` times a window, then says how long to wait, and counts each client apart', async () => {
    const client = newId('event');
    const answers = await Promise.all(Array.from({ length: 8 }, () => limiter.hit(limit, client, at(15))));
    expect(answers.filter((answer) => answer === null)).toHaveLength(5);
    expect(answers.filter((answer) => answer !== null)).toEqual([45, 45, 45]);
    expect(await limiter.hit(limit, newId('event'), at(15))).toBeNull();
  });

  it('opens again with the next window', async () => {
    const client = newId('event');
    for (let i = 0; i < 5; i++) await limiter.hit(limit, client, at(59));
    expect(await limiter.hit(limit, client, at(59))).toBe(1);
    expect(await limiter.hit(limit, client, at(60))).toBeNull();
  });
});
