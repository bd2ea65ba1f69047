import { GetCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { PricingWrite } from '../../../domain/pricing/admin/ports.ts';
import { audiencesFor, listAudience, ruleOpenOn, targetKey, type PriceListRecord, type PriceRuleRecord, type RulesQuery } from '../../../domain/pricing/admin/records.ts';
import { priceRuleRecordSchema } from '../../../domain/pricing/admin/record-schemas.ts';
import { ConflictError } from '../../../domain/shared/errors.ts';
import { BATCH_GET_MAX_KEYS, batchGet } from './batch-get.ts';
import type { Table } from './client.ts';
import { defineEntity } from './entity.ts';
import type { Item } from './items.ts';
import { queryAll } from './pagination.ts';
import type { AttributeUpdate, TableWrite } from './transactions.ts';

/**
 * The rule look-up items: a copy of every rule under a key derived from its audience and its target, so that the
 * rules a document can use are BatchGetItems of keys known from the document (100 a request), not a Query per
 * target. Standard and group lists share one item per target (groups are few); a customer's own lists and offers
 * have one item per target in the customer's partition, with the customer's total beside them, so that a customer
 * with few rules is read with one Query whatever the document's size. Each item holds its rules as attributes
 * `R#<rul>` = `{ audience, rule }`, changed by UpdateItem in the rule's own transaction: a copy changes with its rule
 * or not at all, and writers of rules on the same target never read the item.
 */

/** Rule copies one look-up item may hold: DynamoDB's items stop at 400 KB; the rest is keys and margin. */
export const MAX_LOOKUP_BYTES = 350_000;
/**
 * Copy bytes a Query page reads: 1 MB of items, less the keys and counters of the look-up items on it (the bench's
 * customer, one or two rules per target: about 930 kB of copies a page).
 */
const QUERY_PAGE_BYTES = 800_000;
/** Copy bytes in a read unit's 4 KB of items (same measure); a batch pays a unit for each key, found or not. */
const READ_UNIT_BYTES = 3_000;
const COPY_PREFIX = 'R#';
const LOOKUP_ENTITY = 'price-lookup';

const ruleCopySchema = z.strictObject({ audience: z.string(), rule: priceRuleRecordSchema });
type RuleCopy = z.output<typeof ruleCopySchema>;

/** A look-up item: its copies' size, and each copy as an attribute `R#<rul>` (none left: an emptied item). */
const lookupSchema = z.object({ ruleBytes: z.number() }).catchall(ruleCopySchema);
type Lookup = z.output<typeof lookupSchema>;

type LookupKey = { readonly customerId: string; readonly target: string };
const customerPartition = (lookup: Pick<LookupKey, 'customerId'>) => `PRICE_LOOKUP#CUSTOMER#${lookup.customerId}`;

/** The rules of every standard and group list on a target. */
export const sharedLookupEntity = defineEntity({
  name: LOOKUP_ENTITY,
  schema: lookupSchema,
  key: { pk: (lookup: Pick<LookupKey, 'target'>) => `PRICE_LOOKUP#${lookup.target}`, sk: () => 'SHARED' },
});

/** A customer's own rules on a target, in the customer's partition. */
export const customerLookupEntity = defineEntity({ name: LOOKUP_ENTITY, schema: lookupSchema, key: { pk: (lookup: LookupKey) => customerPartition(lookup), sk: (lookup: LookupKey) => lookup.target } });

/** The bytes of all the customer's copies: whether a Query of the partition costs less than a BatchGetItem. */
export const customerTotalEntity = defineEntity({ name: LOOKUP_ENTITY, schema: z.strictObject({ ruleBytes: z.number() }), key: { pk: customerPartition, sk: () => '#TOTAL' } });

interface LookupChange {
  readonly key: Item;
  /** Whose rules on which target, for the error that refuses a full item. */
  readonly holder: string;
  readonly set: Map<string, RuleCopy>;
  readonly remove: Set<string>;
  bytes: number;
}

/** What a copy adds to its item: attribute name and value, measured as JSON (DynamoDB's own measure is smaller). */
function copyBytes(name: string, copy: RuleCopy): number {
  return Buffer.byteLength(name) + Buffer.byteLength(JSON.stringify(copy));
}

function lookupOf(list: PriceListRecord, target: string): { key: Item; holder: string } {
  if (list.customerId !== undefined) return { key: customerLookupEntity.key({ customerId: list.customerId, target }), holder: `customer ${list.customerId}'s own lists` };
  return { key: sharedLookupEntity.key({ target }), holder: 'the standard and group lists' };
}

/**
 * The look-up writes of a commit: one UpdateItem per look-up item its rule writes touch (a transaction may not write an
 * item twice), which sets the new copies, removes the old ones and adds the change to the item's `ruleBytes`, on
 * condition that the item stays within MAX_LOOKUP_BYTES; and, per customer, the change to its total.
 */
export function ruleLookupWrites(writes: readonly PricingWrite[]): TableWrite[] {
  const changes = new Map<string, LookupChange>();
  const customerBytes = new Map<string, number>();
  const change = (list: PriceListRecord, rule: PriceRuleRecord, bytes: number) => {
    const target = targetKey(rule.target);
    const { key, holder } = lookupOf(list, target);
    const id = `${String(key.pk)}\u0000${String(key.sk)}`;
    const found = changes.get(id) ?? { key, holder: `${holder} on ${target}`, set: new Map(), remove: new Set(), bytes: 0 };
    changes.set(id, found);
    found.bytes += bytes;
    if (list.customerId !== undefined) customerBytes.set(list.customerId, (customerBytes.get(list.customerId) ?? 0) + bytes);
    return found;
  };
  for (const write of writes) {
    if (write.entity !== 'rule') continue;
    const audience = listAudience(write.list);
    if (write.previous) {
      const name = COPY_PREFIX + write.previous.id;
      change(write.list, write.previous, -copyBytes(name, { audience, rule: write.previous })).remove.add(name);
    }
    if (write.next) {
      const name = COPY_PREFIX + write.next.id;
      const copy = { audience, rule: write.next };
      const found = change(write.list, write.next, copyBytes(name, copy));
      // Replaced in place: DynamoDB refuses to set and remove one attribute in the same expression.
      found.remove.delete(name);
      found.set.set(name, copy);
    }
  }
  const totals = [...customerBytes].filter(([, bytes]) => bytes !== 0).map(([customerId, bytes]): TableWrite => ({
    kind: 'update',
    key: customerTotalEntity.key({ customerId }),
    update: { expression: 'SET #entity = :entity ADD #bytes :bytes', names: { '#entity': 'entity', '#bytes': 'ruleBytes' }, values: { ':entity': LOOKUP_ENTITY, ':bytes': bytes } },
  }));
  return [...[...changes.values()].map(lookupUpdate), ...totals];
}

function lookupUpdate(change: LookupChange): TableWrite {
  const tooMany = new ConflictError(
    'too_many_rules_on_target',
    `The rules of ${change.holder} would take more than ${MAX_LOOKUP_BYTES / 1000} kB (about 1,000 rules of usual size): remove the rules that ended, or price through a family or everything`,
  );
  if (change.bytes > MAX_LOOKUP_BYTES) throw tooMany;
  const names: Record<string, string> = { '#entity': 'entity', '#bytes': 'ruleBytes' };
  const values: Record<string, unknown> = { ':entity': LOOKUP_ENTITY, ':bytes': change.bytes };
  const sets = ['#entity = :entity'];
  for (const [i, [name, copy]] of [...change.set].entries()) {
    names[`#s${i}`] = name;
    values[`:s${i}`] = copy;
    sets.push(`#s${i} = :s${i}`);
  }
  const removes = [...change.remove].map((name, i) => {
    names[`#r${i}`] = name;
    return `#r${i}`;
  });
  const update: AttributeUpdate = {
    expression: `SET ${sets.join(', ')}${removes.length > 0 ? ` REMOVE ${removes.join(', ')}` : ''} ADD #bytes :bytes`,
    names,
    values,
  };
  if (change.bytes <= 0) return { kind: 'update', key: change.key, update, conflict: tooMany };
  return {
    kind: 'update',
    key: change.key,
    update: { ...update, condition: 'attribute_not_exists(#bytes) OR #bytes <= :room', values: { ...values, ':room': MAX_LOOKUP_BYTES - change.bytes } },
    conflict: tooMany,
  };
}

function copiesIn(lookup: Lookup): RuleCopy[] {
  const { ruleBytes: _bytes, ...copies } = lookup;
  return Object.values(copies);
}

/**
 * The rules on the document's targets, of its audiences, not ended on its date (the lists are the caller's): the
 * standard and group copies of every target, 100 a BatchGetItem; the customer's own by BatchGetItem too, or by a
 * Query of its partition when that costs less. Eventually consistent, as the index Queries they replace.
 */
export async function lookUpRules(table: Table, query: RulesQuery): Promise<PriceRuleRecord[]> {
  const targets = [...new Set([...query.productIds.map((id) => `PRODUCT#${id}`), ...query.familyIds.map((id) => `FAMILY#${id}`), 'ALL'])];
  const audiences = new Set(audiencesFor(query));
  const [shared, own] = await Promise.all([
    batchGet(table, targets.map((target) => sharedLookupEntity.key({ target })), { consistentRead: false }),
    query.customerId === undefined ? [] : customerLookups(table, query.customerId, targets),
  ]);
  return [...shared.map(sharedLookupEntity.parse), ...own]
    .flatMap(copiesIn)
    .filter((copy) => audiences.has(copy.audience) && ruleOpenOn(copy.rule, query.date))
    .map((copy) => copy.rule)
    .sort((a, b) => byKey(`${a.listId}#${a.id}`, `${b.listId}#${b.id}`));
}

/** In DynamoDB's order of sort keys (code units, as ids are ASCII), as the index listed a target's rules. */
function byKey(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The customer's look-up items for the targets: a single batch when the targets fit in one; otherwise, after its
 * total, a Query of its whole partition when that takes both fewer requests and fewer read units than the batches,
 * of which only the targets' items are parsed.
 */
async function customerLookups(table: Table, customerId: string, targets: readonly string[]): Promise<Lookup[]> {
  const keys = targets.map((target) => customerLookupEntity.key({ customerId, target }));
  const batches = Math.ceil(keys.length / BATCH_GET_MAX_KEYS);
  if (batches > 1) {
    const totalKey = customerTotalEntity.key({ customerId });
    const total = (await table.client.send(new GetCommand({ TableName: table.name, Key: totalKey }))).Item;
    const bytes = total ? customerTotalEntity.parse(total).ruleBytes : 0;
    if (bytes <= 0) return [];
    if (Math.ceil(bytes / QUERY_PAGE_BYTES) < batches && Math.ceil(bytes / READ_UNIT_BYTES) < keys.length) {
      const items = await queryAll(table, { KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': totalKey.pk } });
      const wanted = new Set(keys.map((key) => key.sk));
      return items.filter((item) => wanted.has(String(item.sk))).map(customerLookupEntity.parse);
    }
  }
  return (await batchGet(table, keys, { consistentRead: false })).map(customerLookupEntity.parse);
}
