import { listQuoteLines as list } from '../../../domain/quotes/use-cases/read-quotes.ts';
import { quotesDeps } from '../../composition.ts';
import { readsQuery, type Operation } from '../http-handler.ts';
import { parseQuery, pathId } from '../request.ts';
import { json, pageOf } from '../responses.ts';
import { lineResource } from './representation.ts';
import { versionNumber } from './version-path.ts';

export const listQuoteLines: Operation = readsQuery(async (event) => {
  const { page } = parseQuery(event, {});
  const lines = await list(quotesDeps(), event.actor, pathId(event, 'quoteId', 'quote'), undefined, page);
  return json(200, pageOf(lines, (line) => lineResource(line, event.actor)));
});

export const listQuoteVersionLines: Operation = readsQuery(async (event) => {
  const { page } = parseQuery(event, {});
  const lines = await list(quotesDeps(), event.actor, pathId(event, 'quoteId', 'quote'), versionNumber(event, 'versionNumber'), page);
  return json(200, pageOf(lines, (line) => lineResource(line, event.actor)));
});
