import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, type IGrantable } from 'aws-cdk-lib/aws-iam';
import { IDEMPOTENCY_KEY_PREFIX } from '../../functions/adapters/dynamodb/idempotency-store.ts';
import { GLOBAL_INDEXES } from '../table-definition.ts';

/** What a Lambda may do with the table: `read` only, or `read-write`. */
export type TableAccess = 'read' | 'read-write';

/**
 * The IAM actions of the requests the adapters send (`test/api/table-access.test.ts` checks the list against
 * the commands they import): reads are GetItem, BatchGetItem and Query, never Scan; TransactWriteItems is
 * authorized item by item, as PutItem, UpdateItem, DeleteItem and ConditionCheckItem.
 */
export const TABLE_ACTIONS = {
  read: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'],
  /** BatchWriteItem writes the lines of document versions (document-lines.ts), 25 a request. */
  write: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:ConditionCheckItem', 'dynamodb:BatchWriteItem'],
  /** The idempotency middleware's claim, completion and release of a key (functions/middleware/idempotency.ts). */
  idempotency: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
} as const;

export interface TableAccessGrant {
  readonly access: TableAccess;
  /**
   * The Lambda serves a POST, which accepts `Idempotency-Key`: a read-only Lambda may still write the idempotency
   * records, and those only (their partition keys start with IDEMPOTENCY#).
   */
  readonly acceptsIdempotencyKeys: boolean;
}

/**
 * Grants a Lambda's role the table access it needs, on this table and its indexes only: each index by its name (from
 * infra/table-definition.ts) rather than `index/*`, which leaves no wildcard to acknowledge.
 */
export function grantTableAccess(table: ITable, grantee: IGrantable, grant: TableAccessGrant): void {
  const indexes = GLOBAL_INDEXES.map((index) => `${table.tableArn}/index/${index.indexName}`);
  const allow = (statement: PolicyStatement) => grantee.grantPrincipal.addToPrincipalPolicy(statement);
  allow(new PolicyStatement({ actions: [...TABLE_ACTIONS.read], resources: [table.tableArn, ...indexes] }));
  if (grant.access === 'read-write') {
    allow(new PolicyStatement({ actions: [...TABLE_ACTIONS.write], resources: [table.tableArn] }));
  } else if (grant.acceptsIdempotencyKeys) {
    allow(
      new PolicyStatement({
        actions: [...TABLE_ACTIONS.idempotency],
        resources: [table.tableArn],
        // LeadingKeys holds the partition key of the item written; Put, Update and Delete always name it.
        conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [`${IDEMPOTENCY_KEY_PREFIX}*`] } },
      }),
    );
  }
}

/**
 * Grants read and write access to the items whose partition key starts with one of the prefixes, and to no other (an
 * event consumer that keeps items of its own): on the table only, never its indexes, under a LeadingKeys condition.
 */
export function grantKeyPrefixAccess(table: ITable, grantee: IGrantable, keyPrefixes: readonly string[]): void {
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({
      actions: [...TABLE_ACTIONS.read, ...TABLE_ACTIONS.write],
      resources: [table.tableArn],
      conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': keyPrefixes.map((prefix) => `${prefix}*`) } },
    }),
  );
}
