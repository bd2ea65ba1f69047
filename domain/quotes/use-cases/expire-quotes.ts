import type { Actor } from '../../shared/actor.ts';
import { NotFoundError } from '../../shared/errors.ts';
import { retryWriteConflicts } from '../../shared/write-retry.ts';
import type { QuotesDeps } from '../access.ts';
import { moveQuote } from '../transitions.ts';

/** Who the daily expiry acts as, in the quotes' transitions and events. */
export const EXPIRY_ACTOR: Actor = { id: 'schedule:quote-expiry', role: 'admin' };

const PAGE = 100;

export type QuoteExpiryDeps = Pick<QuotesDeps, 'store' | 'clock'>;

/**
 * QUO-2: expires every draft or sent quote whose validity ended before `today` (the schedule's day, in Paris).
 * Idempotent: an expired quote leaves the open quotes' index, so a retried or repeated run finds nothing more to do;
 * a quote changed meanwhile is read again, and one that is no longer open is left alone.
 * Input: the store and the clock only, so that the schedule's Lambda needs nothing else (no mail, PDF or pricing).
 * Output: the ids of the quotes it expired.
 */
export async function expireQuotes(deps: QuoteExpiryDeps, today: string): Promise<readonly string[]> {
  const expired: string[] = [];
  for (;;) {
    // Always the first page: the quotes expired so far have left it.
    const { items } = await deps.store.listExpired(today, { limit: PAGE });
    const changed = await Promise.all(items.map((quote) => expireOne(deps, quote.id, today)));
    expired.push(...changed.filter((id): id is string => id !== undefined));
    if (items.length < PAGE || changed.every((id) => id === undefined)) return expired;
  }
}

async function expireOne(deps: QuoteExpiryDeps, quoteId: string, today: string): Promise<string | undefined> {
  return retryWriteConflicts(async () => {
    const quote = await deps.store.get(quoteId);
    if (!quote) throw new NotFoundError('Quote', quoteId);
    if (quote.state !== 'draft' && quote.state !== 'sent') return undefined;
    if (quote.content.validUntil >= today) return undefined;
    const { next, event } = moveQuote(quote, { action: 'expire', input: { reason: `valid until ${quote.content.validUntil}` }, expectedVersion: quote.version, actor: EXPIRY_ACTOR, clock: deps.clock });
    await deps.store.commit({ previous: quote, next }, [event]);
    return quoteId;
  });
}
