import { expireQuotes } from '../../domain/quotes/use-cases/expire-quotes.ts';
import { logger, quoteExpiryDeps } from '../composition.ts';
import { NO_INPUT, scheduleTarget } from './schedule-handler.ts';

/**
 * QUO-2, daily: expires the draft and sent quotes whose validity ended before the run's day in Paris. A retried run
 * has the same scheduled time, hence the same day, and finds those quotes already expired.
 */
export const handler = scheduleTarget(logger, NO_INPUT, async ({ day }) => {
  const expiredQuoteIds = await expireQuotes(quoteExpiryDeps(), day);
  logger.info('quotes expired', { count: expiredQuoteIds.length, quoteIds: expiredQuoteIds });
  return { expiredQuoteIds };
});
