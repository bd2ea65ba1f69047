import { sendQuote as send, sendQuoteSchema } from '../../../domain/quotes/use-cases/send-quote.ts';
import { quoteEmails } from '../../../domain/quotes/use-cases/read-quotes.ts';
import { quotesDeps } from '../../composition.ts';
import { readsBody, type Operation } from '../http-handler.ts';
import { apiBaseUrl, expectedVersion, pathId } from '../request.ts';
import { json } from '../responses.ts';
import { firstLines } from './first-lines.ts';
import { quoteResource } from './representation.ts';

export const sendQuote: Operation = readsBody(sendQuoteSchema, async (event) => {
  const quote = await send(quotesDeps(), event.actor, pathId(event, 'quoteId', 'quote'), expectedVersion(event), event.json, apiBaseUrl(event));
  return json(200, quoteResource(quote, await firstLines(quotesDeps(), quote), event.actor), { version: quote.version });
});

export const listQuoteEmails: Operation = async (event) => {
  const emails = await quoteEmails(quotesDeps(), event.actor, pathId(event, 'quoteId', 'quote'));
  return json(200, { items: emails });
};
