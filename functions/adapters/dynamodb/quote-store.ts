import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DomainEvent } from '../../../domain/shared/events.ts';
import type { CurrentVersion } from '../../../domain/shared/document-versions.ts';
import type { QuoteChange, QuoteQuery, QuoteStore } from '../../../domain/quotes/ports.ts';
import { OPEN_QUOTE_STATES, type Quote, type QuoteVersion } from '../../../domain/quotes/quote.ts';
import { quoteLineRecordSchema, quoteRecordSchema, quoteVersionRecordSchema } from '../../../domain/quotes/records.ts';
import type { Table } from './client.ts';
import { allLines, deleteLines, linesPage, writeLines, type LineSpec } from './document-lines.ts';
import { defineEntity } from './entity.ts';
import { queryAll, type Filter, type KeyQuery } from './pagination.ts';
import { getRecord, recordPage } from './record-reads.ts';
import { advanceSequence, readSequence } from './sequences.ts';
import { transact, type TableWrite } from './transactions.ts';

/** Newest first: the order of every list of quotes. */
const byCreation = (quote: Pick<Quote, 'createdAt' | 'id'>) => `${quote.createdAt}#${quote.id}`;
const quotePartition = (quoteId: string) => `QUOTE#${quoteId}`;
const agentQuotes = (ownerAgentId: string) => `AGENT#${ownerAgentId}#QUOTES`;

/** The entities of the quotes context; the chart in README.md explains each key. */
export const quoteEntity = defineEntity({
  name: 'quote',
  schema: quoteRecordSchema,
  key: { pk: (quote: Pick<Quote, 'id'>) => quotePartition(quote.id), sk: () => '#QUOTE' },
  indexes: {
    gsi1: { pk: () => 'QUOTES', sk: byCreation },
    gsi2: { pk: (quote: Pick<Quote, 'content'>) => agentQuotes(quote.content.ownerAgentId), sk: byCreation },
    gsi3: { pk: (quote: Pick<Quote, 'customerId'>) => quote.customerId && `CUSTOMER#${quote.customerId}#QUOTES`, sk: byCreation },
    gsi4: { pk: (quote: Pick<Quote, 'state'>) => `QUOTES#STATE#${quote.state}`, sk: byCreation },
    // Sparse: only the quotes still on offer, by the last day they hold, for the daily expiry.
    gsi5: { pk: (quote: Pick<Quote, 'state'>) => (OPEN_QUOTE_STATES.includes(quote.state) ? 'QUOTES#OPEN' : undefined), sk: (quote: Pick<Quote, 'content' | 'id'>) => `${quote.content.validUntil}#${quote.id}` },
  },
  attributes: { ownerAgentId: (quote) => quote.content.ownerAgentId },
});

export const quoteVersionEntity = defineEntity({
  name: 'quote-version',
  schema: quoteVersionRecordSchema,
  key: { pk: (version: Pick<QuoteVersion, 'quoteId' | 'number'>) => quotePartition(version.quoteId), sk: (version: Pick<QuoteVersion, 'quoteId' | 'number'>) => `VERSION#${String(version.number).padStart(6, '0')}` },
});

const lineSpec = (quoteId: string): LineSpec<ReturnType<typeof quoteLineRecordSchema.parse>> => ({ partition: quotePartition(quoteId), entity: 'quote-line', parse: (record) => quoteLineRecordSchema.parse(record) });

export const QUOTE_SEQUENCE = 'quote';

/** Chooses the index that answers the most selective filter; the others run inside that Query. */
export function quoteListQuery(query: QuoteQuery): KeyQuery {
  const { indexes } = quoteEntity;
  let key: KeyQuery;
  if (query.customerId !== undefined) key = { index: 'gsi3', partition: indexes.gsi3.pk(query)! };
  else if (query.ownerAgentId !== undefined) key = { index: 'gsi2', partition: agentQuotes(query.ownerAgentId) };
  else if (query.state !== undefined) key = { index: 'gsi4', partition: indexes.gsi4.pk({ state: query.state }) };
  else key = { index: 'gsi1', partition: indexes.gsi1.pk() };
  const filters: Filter[] = [];
  if (query.ownerAgentId !== undefined && key.index !== 'gsi2') filters.push({ attribute: 'ownerAgentId', test: 'equals', value: query.ownerAgentId });
  if (query.state !== undefined && key.index !== 'gsi4') filters.push({ attribute: 'state', test: 'equals', value: query.state });
  return { ...key, filters, descending: true };
}

export function createQuoteStore(table: Table): QuoteStore {
  const versionWrite = (change: QuoteChange): TableWrite[] => {
    if (!change.version) return [];
    const { record, replaces } = change.version;
    const item = quoteVersionEntity.item(record);
    if (!replaces) return [{ kind: 'create', item, resource: 'Quote version' }];
    // A draft's version replaced in place: the header's condition (its version) already orders the writers.
    const { pk, sk, ...attributes } = item;
    const names = Object.fromEntries(Object.keys(attributes).map((name, i) => [`#a${i}`, name]));
    const values = Object.fromEntries(Object.values(attributes).map((value, i) => [`:a${i}`, value]));
    return [{ kind: 'update', key: { pk, sk }, update: { expression: `SET ${Object.keys(names).map((name, i) => `${name} = :a${i}`).join(', ')}`, names, values } }];
  };

  /** Lines a draft replaced in place are deleted, unless an earlier version has the same ones; a failure leaves them unread. */
  const dropReplacedLines = async (quoteId: string, replaced: CurrentVersion, current: CurrentVersion) => {
    if (replaced.linesHash === current.linesHash || replaced.lineCount === 0) return;
    const versions = await queryAll(table, { KeyConditionExpression: 'pk = :pk AND begins_with(sk, :v)', ExpressionAttributeValues: { ':pk': quotePartition(quoteId), ':v': 'VERSION#' }, ProjectionExpression: 'linesHash' });
    if (versions.some((version) => version.linesHash === replaced.linesHash)) return;
    await deleteLines(table, quotePartition(quoteId), replaced.linesHash, replaced.lineCount).catch(() => undefined);
  };

  return {
    get: (quoteId) => getRecord(table, quoteEntity, quoteEntity.key({ id: quoteId })),
    getVersion: (quoteId, number) => getRecord(table, quoteVersionEntity, quoteVersionEntity.key({ quoteId, number })),
    listVersions: (quoteId, page) => recordPage(table, quoteVersionEntity, { partition: quotePartition(quoteId), sortPrefix: 'VERSION#' }, page),
    lines: (quoteId, version, page) => linesPage(table, lineSpec(quoteId), version, page),
    allLines: (quoteId, version) => allLines(table, lineSpec(quoteId), version),
    list: (query, page) => recordPage(table, quoteEntity, quoteListQuery(query), page),
    listExpired: (date, page) => recordPage(table, quoteEntity, { index: 'gsi5', partition: 'QUOTES#OPEN', sortTo: `${date}#` }, page),
    lastNumber: (year) => readSequence(table, QUOTE_SEQUENCE, year),

    async nextRoundRobinTurn() {
      const { Attributes } = await table.client.send(
        new UpdateCommand({ TableName: table.name, Key: { pk: 'QUOTE_REQUESTS#ROUND_ROBIN', sk: '#TURN' }, UpdateExpression: 'ADD turns :one SET entity = :entity', ExpressionAttributeValues: { ':one': 1, ':entity': 'round-robin' }, ReturnValues: 'UPDATED_NEW' }),
      );
      return Number(Attributes?.turns ?? 1) - 1;
    },

    async commit(change, events: readonly DomainEvent[]) {
      const { previous, next } = change;
      if (change.version?.lines) await writeLines(table, lineSpec(next.id), change.version.record.linesHash, change.version.lines);
      const item = quoteEntity.item(next);
      const header: TableWrite = previous ? { kind: 'replace', item, expectedVersion: previous.version, resource: 'Quote', id: next.id } : { kind: 'create', item, resource: 'Quote' };
      await transact(table, [header, ...versionWrite(change), ...(change.sequence ? [advanceSequence(change.sequence)] : [])], events);
      if (change.version?.replaces) await dropReplacedLines(next.id, change.version.replaces, next.current);
    },
  };
}
