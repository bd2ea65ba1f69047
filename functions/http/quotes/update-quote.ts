import { quoteFieldsSchema } from '../../../domain/quotes/schemas.ts';
import { updateQuote as update } from '../../../domain/quotes/use-cases/update-quote.ts';
import { quotesDeps } from '../../composition.ts';
import { readsBody, type Operation } from '../http-handler.ts';
import { expectedVersion, pathId } from '../request.ts';
import { json } from '../responses.ts';
import { firstLines } from './first-lines.ts';
import { quoteResource } from './representation.ts';

export const updateQuote: Operation = readsBody(quoteFieldsSchema, async (event) => {
  const quote = await update(quotesDeps(), event.actor, pathId(event, 'quoteId', 'quote'), expectedVersion(event), event.json);
  return json(200, quoteResource(quote, await firstLines(quotesDeps(), quote), event.actor), { version: quote.version });
});
