import { NUMBERING_TIME_ZONE } from '../shared/sequences.ts';

/** A calendar month, `YYYY-MM`: the period of the quote aggregates. */
export type Month = string;

export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * Periods are the company's, as its document numbers' years are: an event at 23:30 UTC on 31 January is February's
 * in Paris.
 */
const parisDay = new Intl.DateTimeFormat('en-CA', { timeZone: NUMBERING_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** The day in Paris, `YYYY-MM-DD`. */
function dayOf(instant: Date): string {
  const parts = Object.fromEntries(parisDay.formatToParts(instant).map((part) => [part.type, part.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

export function monthOf(instant: Date): Month {
  return dayOf(instant).slice(0, 7);
}

const DAY_MS = 86_400_000;

/** Whole calendar days in Paris from one instant to the other: sent on a Monday and accepted on the Tuesday is 1. */
export function calendarDaysBetween(from: Date, to: Date): number {
  return (Date.parse(dayOf(to)) - Date.parse(dayOf(from))) / DAY_MS;
}

const indexOf = (month: Month) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;

/** The month `count` months after (before, when negative) this one; never before year 0. */
export function addMonths(month: Month, count: number): Month {
  const index = Math.max(0, indexOf(month) + count);
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** How many months a range spans, both ends included (0 or less when `to` is before `from`). */
export function monthsSpanned(from: Month, to: Month): number {
  return indexOf(to) - indexOf(from) + 1;
}
