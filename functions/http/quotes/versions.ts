import { diffQuoteVersions as diff, getQuoteVersion as getVersion, listQuoteVersions as listVersions } from '../../../domain/quotes/use-cases/read-quotes.ts';
import { quotesDeps } from '../../composition.ts';
import { readsQuery, type Operation } from '../http-handler.ts';
import { parseQuery, pathId } from '../request.ts';
import { json, pageOf } from '../responses.ts';
import { diffResource, versionResource } from './representation.ts';
import { versionNumber } from './version-path.ts';

export const listQuoteVersions: Operation = readsQuery(async (event) => {
  const { page } = parseQuery(event, {});
  const versions = await listVersions(quotesDeps(), event.actor, pathId(event, 'quoteId', 'quote'), page);
  return json(200, pageOf(versions, (version) => versionResource(version, event.actor)));
});

export const getQuoteVersion: Operation = async (event) => {
  const { version } = await getVersion(quotesDeps(), event.actor, pathId(event, 'quoteId', 'quote'), versionNumber(event, 'versionNumber'));
  return json(200, versionResource(version, event.actor));
};

export const diffQuoteVersions: Operation = async (event) => {
  const result = await diff(quotesDeps(), event.actor, pathId(event, 'quoteId', 'quote'), versionNumber(event, 'versionNumber'), versionNumber(event, 'otherVersionNumber'));
  return json(200, diffResource(result));
};
