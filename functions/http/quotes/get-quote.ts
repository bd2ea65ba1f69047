import { getQuote as get } from '../../../domain/quotes/use-cases/read-quotes.ts';
import { quotesDeps } from '../../composition.ts';
import type { Operation } from '../http-handler.ts';
import { pathId } from '../request.ts';
import { json } from '../responses.ts';
import { firstLines } from './first-lines.ts';
import { quoteResource } from './representation.ts';

export const getQuote: Operation = async (event) => {
  const quote = await get(quotesDeps(), event.actor, pathId(event, 'quoteId', 'quote'));
  return json(200, quoteResource(quote, await firstLines(quotesDeps(), quote), event.actor), { version: quote.version });
};
