import { stateChangeSchema } from '../../../domain/shared/lifecycle.ts';
import { acceptanceSchema, acceptQuote as accept, changeQuoteState, type PlainQuoteAction } from '../../../domain/quotes/use-cases/change-quote-state.ts';
import { quotesDeps } from '../../composition.ts';
import { readsBody, type Operation } from '../http-handler.ts';
import { expectedVersion, pathId } from '../request.ts';
import { json } from '../responses.ts';
import { firstLines } from './first-lines.ts';
import { quoteResource } from './representation.ts';

/** POST /quotes/{id}/<action> with If-Match and a reason. */
function stateOperation(action: PlainQuoteAction): Operation {
  return readsBody(stateChangeSchema, async (event) => {
    const quote = await changeQuoteState(quotesDeps(), event.actor, pathId(event, 'quoteId', 'quote'), expectedVersion(event), action, event.json);
    return json(200, quoteResource(quote, await firstLines(quotesDeps(), quote), event.actor), { version: quote.version });
  });
}

export const declineQuote = stateOperation('decline');
export const cancelQuote = stateOperation('cancel');

export const acceptQuote: Operation = readsBody(acceptanceSchema, async (event) => {
  const quote = await accept(quotesDeps(), event.actor, pathId(event, 'quoteId', 'quote'), expectedVersion(event), event.json);
  return json(200, quoteResource(quote, await firstLines(quotesDeps(), quote), event.actor), { version: quote.version });
});
