import type { SequenceAllocation } from '../../../domain/shared/sequences.ts';
import type { Table } from './client.ts';
import { getRecord } from './record-reads.ts';
import type { TableWrite } from './transactions.ts';
import { WriteConflictError } from '../../../domain/shared/errors.ts';
import * as z from 'zod';

/**
 * Document numbers per year (DESIGN §5): one item per sequence and year holding the last number given. A document's
 * creation reads it, then advances it in its own transaction on the condition that it still holds the value read;
 * a concurrent creation makes that condition fail, which is a lost race (WriteConflictError: run again).
 */
const sequenceKey = (name: string, year: number) => ({ pk: `SEQUENCE#${name}#${year}`, sk: '#SEQUENCE' });
const sequenceItem = { parse: (item: Record<string, unknown>) => z.object({ last: z.int().nonnegative() }).parse(item) };

export async function readSequence(table: Table, name: string, year: number): Promise<SequenceAllocation> {
  const stored = await getRecord(table, sequenceItem, sequenceKey(name, year));
  return { name, year, last: stored?.last ?? 0 };
}

export function advanceSequence(allocation: SequenceAllocation): TableWrite {
  return {
    kind: 'update',
    key: sequenceKey(allocation.name, allocation.year),
    update: {
      expression: 'SET #last = :next, entity = :entity',
      condition: allocation.last === 0 ? 'attribute_not_exists(#last)' : '#last = :last',
      names: { '#last': 'last' },
      values: { ':next': allocation.last + 1, ':entity': 'sequence', ...(allocation.last === 0 ? {} : { ':last': allocation.last }) },
    },
    conflict: new WriteConflictError('Another document took this number meanwhile; retry the request'),
  };
}
