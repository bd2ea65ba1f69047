import { describe, expect, it } from 'vitest';
import { addMonths, calendarDaysBetween, monthOf, monthsSpanned } from '../../../domain/analytics/months.ts';

describe('months and days, in Paris', () => {
  it('puts an instant in its Paris month, in winter (UTC+1) and in summer (UTC+2)', () => {
    expect(monthOf(new Date('2026-01-31T22:59:59Z'))).toBe('2026-01');
    expect(monthOf(new Date('2026-01-31T23:00:00Z'))).toBe('2026-02');
    expect(monthOf(new Date('2026-06-30T21:59:59Z'))).toBe('2026-06');
    expect(monthOf(new Date('2026-06-30T22:00:00Z'))).toBe('2026-07');
    expect(monthOf(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01');
  });

  it('counts calendar days in Paris, not 24-hour spans, across the changes of time', () => {
    expect(calendarDaysBetween(new Date('2026-03-02T08:00:00Z'), new Date('2026-03-02T18:00:00Z'))).toBe(0);
    // 23:30 on Monday to 00:30 on Tuesday, in Paris: an hour, but the next day.
    expect(calendarDaysBetween(new Date('2026-03-02T22:30:00Z'), new Date('2026-03-02T23:30:00Z'))).toBe(1);
    // Across the switch to summer time (29 March 2026): still 2 days.
    expect(calendarDaysBetween(new Date('2026-03-28T10:00:00Z'), new Date('2026-03-30T09:00:00Z'))).toBe(2);
    expect(calendarDaysBetween(new Date('2026-01-01T10:00:00Z'), new Date('2026-12-31T10:00:00Z'))).toBe(364);
  });

  it('moves by months across years and spans ranges both ends included', () => {
    expect(addMonths('2026-03', -11)).toBe('2025-04');
    expect(addMonths('2025-12', 1)).toBe('2026-01');
    expect(addMonths('0000-03', -5)).toBe('0000-01');
    expect(monthsSpanned('2025-04', '2026-03')).toBe(12);
    expect(monthsSpanned('2026-03', '2026-03')).toBe(1);
    expect(monthsSpanned('2026-04', '2026-03')).toBe(0);
  });
});
