import * as z from 'zod';
import { documentSettingsSchema, type DocumentSettingsRecord, type DocumentSettingsStore } from '../../../domain/printing/document-settings.ts';
import type { Table } from './client.ts';
import { defineEntity } from './entity.ts';
import { getRecord } from './record-reads.ts';
import { transact } from './transactions.ts';

/** The documents' settings: one item for the company (the chart in README.md). */
export const documentSettingsEntity = defineEntity({
  name: 'document-settings',
  schema: documentSettingsSchema.extend({ version: z.int().positive(), updatedAt: z.iso.datetime(), updatedBy: z.string().optional() }) as z.ZodType<DocumentSettingsRecord>,
  key: { pk: () => 'SETTINGS#DOCUMENTS', sk: () => '#SETTINGS' },
});

export function createDocumentSettingsStore(table: Table): DocumentSettingsStore {
  return {
    get: () => getRecord(table, documentSettingsEntity, documentSettingsEntity.key({})),
    async commit(previous, next, events) {
      const item = documentSettingsEntity.item(next);
      await transact(table, [previous ? { kind: 'replace', item, expectedVersion: previous.version, resource: 'Document settings' } : { kind: 'create', item, resource: 'Document settings' }], events);
    },
  };
}
