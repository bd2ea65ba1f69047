import { quoteCreateSchema } from '../../../domain/quotes/schemas.ts';
import { createQuote as create } from '../../../domain/quotes/use-cases/create-quote.ts';
import { quotesDeps } from '../../composition.ts';
import { readsBody, type Operation } from '../http-handler.ts';
import { json } from '../responses.ts';
import { firstLines } from './first-lines.ts';
import { quoteLocation, quoteResource } from './representation.ts';

export const createQuote: Operation = readsBody(quoteCreateSchema, async (event) => {
  const quote = await create(quotesDeps(), event.actor, event.json);
  return json(201, quoteResource(quote, await firstLines(quotesDeps(), quote), event.actor), { version: quote.version, location: quoteLocation(quote.id) });
});
