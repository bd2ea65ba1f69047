import middy from '@middy/core';
import type { EventBridgeEvent } from 'aws-lambda';
import { countQuoteEvent } from '../../domain/analytics/index.ts';
import { logger, quoteAnalyticsDeps } from '../composition.ts';

/**
 * The quote analytics' consumer (QUO-7): each quote event the bus delivers (its `detail` is the domain event, as the
 * relay publishes it) is counted in the aggregates, once: a redelivered or replayed event changes nothing. A failure
 * throws, so that the invocation is retried, then kept in the consumer's dead-letter queue.
 */
export async function countDeliveredQuoteEvent(event: EventBridgeEvent<string, unknown>): Promise<void> {
  const outcome = await countQuoteEvent(quoteAnalyticsDeps(), event.detail);
  logger.info('quote event counted', { outcome, type: event['detail-type'], deliveryId: event.id });
}

export const handler = middy<EventBridgeEvent<string, unknown>, void>().handler(countDeliveredQuoteEvent);
