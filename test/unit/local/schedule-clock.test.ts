import { Cron } from 'croner';
import { describe, expect, it } from 'vitest';
import { cronerPattern } from '../../../infra/local/schedule-clock.ts';
import { SCHEDULES } from '../../../infra/schedules.ts';

/** The local clock reads EventBridge's cron expressions as EventBridge Scheduler does, in the schedule's time zone. */
describe('the local schedule clock', () => {
  it("reads EventBridge's six fields: ? as *, weekdays numbered from Sunday = 1, every year only", () => {
    expect(cronerPattern('15 0 * * ? *')).toBe('15 0 * * *');
    expect(cronerPattern('0 8 ? * 2-6 *')).toBe('0 8 * * 1-5');
    expect(cronerPattern('0 8 ? * MON-FRI *')).toBe('0 8 * * MON-FRI');
    expect(() => cronerPattern('0 8 * * ?')).toThrow(/six fields/);
    expect(() => cronerPattern('0 8 * * ? 2027')).toThrow(/every year/);
  });

  it('fires the quote expiry at 00:15 in Paris, winter and summer alike', () => {
    const expiry = SCHEDULES.find((schedule) => schedule.name === 'quote-expiry')!;
    const next = (from: string) => new Cron(cronerPattern(expiry.cron), { timezone: expiry.timeZone, paused: true }).nextRun(new Date(from))!.toISOString();
    expect(next('2027-01-04T22:00:00Z')).toBe('2027-01-04T23:15:00.000Z');
    expect(next('2027-07-04T20:00:00Z')).toBe('2027-07-04T22:15:00.000Z');
  });
});
