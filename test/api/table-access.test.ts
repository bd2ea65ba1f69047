import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../domain/shared/ids.ts';
import { TABLE_ACTIONS } from '../../infra/constructs/table-access.ts';
import { REPOSITORY_ROOT } from '../../infra/stacks/stateless-stack.ts';
import { startApi, type Api } from '../support/api.ts';
import { acrossStacks, logicalId, testStacks, type TestStacks } from '../infra/fixtures/comptoir-stack.ts';

/**
 * The table access each Lambda is granted is what its code sends, checked two ways: the DynamoDB commands the
 * product code imports are all granted to the Lambdas that write (and nothing they do not use), and the requests the
 * price simulation really sends, recorded against DynamoDB Local, are all allowed by the read-only Lambda's policy as
 * synthesized, evaluated here the way IAM evaluates it (action, resource, LeadingKeys condition).
 */

/** The IAM actions that authorize each command of the SDK (a transaction: each of its items' actions). */
const ACTIONS_OF_COMMAND: Record<string, readonly string[]> = {
  GetCommand: ['dynamodb:GetItem'],
  BatchGetCommand: ['dynamodb:BatchGetItem'],
  QueryCommand: ['dynamodb:Query'],
  ScanCommand: ['dynamodb:Scan'],
  PutCommand: ['dynamodb:PutItem'],
  UpdateCommand: ['dynamodb:UpdateItem'],
  DeleteCommand: ['dynamodb:DeleteItem'],
  BatchWriteCommand: ['dynamodb:BatchWriteItem'],
  TransactGetCommand: ['dynamodb:GetItem'],
  TransactWriteCommand: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:ConditionCheckItem'],
};
const TRANSACT_ITEM_ACTIONS: Record<string, string> = {
  Put: 'dynamodb:PutItem',
  Update: 'dynamodb:UpdateItem',
  Delete: 'dynamodb:DeleteItem',
  ConditionCheck: 'dynamodb:ConditionCheckItem',
  Get: 'dynamodb:GetItem',
};

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Every DynamoDB command the Lambdas' code imports, with the file that imports it. */
function importedCommands(): Array<{ command: string; file: string }> {
  const imports = /import\s*\{([^}]*)\}\s*from\s*'@aws-sdk\/(?:lib|client)-dynamodb'/g;
  return sourceFiles(join(REPOSITORY_ROOT, 'functions')).flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(imports)].flatMap((match) =>
      match[1]!
        .split(',')
        .map((name) => name.trim())
        .filter((name) => !name.startsWith('type ') && name.endsWith('Command'))
        .map((command) => ({ command, file: relative(REPOSITORY_ROOT, file) })),
    ),
  );
}

describe('the table actions granted', () => {
  it('are exactly those of the commands the Lambdas\' code sends (no Scan, nothing unused)', () => {
    const used = importedCommands();
    expect(used.length).toBeGreaterThan(3);
    const unmapped = used.filter(({ command }) => ACTIONS_OF_COMMAND[command] === undefined);
    expect(unmapped, 'map these commands to their IAM actions, then grant them in infra/constructs/table-access.ts').toEqual([]);
    const needed = new Set(used.flatMap(({ command }) => ACTIONS_OF_COMMAND[command]!));
    const granted = new Set<string>([...TABLE_ACTIONS.read, ...TABLE_ACTIONS.write]);
    expect([...needed].filter((action) => !granted.has(action)), 'sent but not granted').toEqual([]);
    expect([...granted].filter((action) => !needed.has(action)), 'granted but never sent').toEqual([]);
    expect(TABLE_ACTIONS.idempotency.every((action) => needed.has(action))).toBe(true);
  });
});

type Statement = { Effect: string; Action: string | string[]; Resource: unknown; Condition?: Record<string, Record<string, string[]>> };
/** One request as IAM sees it: an action on a resource, with the partition keys it names. */
interface IamRequest {
  readonly action: string;
  readonly resource: unknown;
  readonly leadingKeys: readonly string[];
}
interface RecordedCall {
  readonly command: string;
  readonly input: Record<string, any>;
}

let stacks: TestStacks;
let api: Api;
let recording: RecordedCall[] | undefined;
const originalSend = Object.getOwnPropertyDescriptor(DynamoDBDocumentClient.prototype, 'send');

beforeAll(async () => {
  stacks = testStacks();
  const send = DynamoDBDocumentClient.prototype.send;
  // The local system runs the handlers in this process: what they send passes here.
  DynamoDBDocumentClient.prototype.send = function (this: DynamoDBDocumentClient, command: any, ...rest: any[]) {
    recording?.push({ command: command.constructor.name as string, input: structuredClone(command.input) as Record<string, any> });
    return (send as (...args: unknown[]) => Promise<unknown>).call(this, command, ...rest);
  } as typeof send;
  api = await startApi();
});

afterAll(async () => {
  if (originalSend) Object.defineProperty(DynamoDBDocumentClient.prototype, 'send', originalSend);
  else delete (DynamoDBDocumentClient.prototype as { send?: unknown }).send;
  await api?.stop();
});

/** The DynamoDB requests made while one HTTP request is served (requests run one at a time here). */
async function callsDuring(request: () => Promise<{ status: number }>, expectedStatus: number): Promise<RecordedCall[]> {
  recording = [];
  try {
    const response = await request();
    expect(response.status).toBe(expectedStatus);
    return recording;
  } finally {
    recording = undefined;
  }
}

const tableArn = () => ({ 'Fn::GetAtt': [logicalId(stacks.stateful.data.table), 'Arn'] });
const resourceOf = (input: Record<string, any>) => (input.IndexName === undefined ? tableArn() : { 'Fn::Join': ['', [tableArn(), `/index/${input.IndexName}`]] });

function iamRequests({ command, input }: RecordedCall): IamRequest[] {
  const pk = (key: Record<string, unknown> | undefined) => [String(key?.pk)];
  switch (command) {
    case 'GetCommand':
      return [{ action: 'dynamodb:GetItem', resource: tableArn(), leadingKeys: pk(input.Key) }];
    case 'QueryCommand':
      return [{ action: 'dynamodb:Query', resource: resourceOf(input), leadingKeys: [] }];
    case 'BatchGetCommand':
      return [{ action: 'dynamodb:BatchGetItem', resource: tableArn(), leadingKeys: Object.values(input.RequestItems as Record<string, { Keys: Array<{ pk: string }> }>).flatMap((entry) => entry.Keys.map((key) => key.pk)) }];
    case 'PutCommand':
      return [{ action: 'dynamodb:PutItem', resource: tableArn(), leadingKeys: pk(input.Item) }];
    case 'UpdateCommand':
      return [{ action: 'dynamodb:UpdateItem', resource: tableArn(), leadingKeys: pk(input.Key) }];
    case 'DeleteCommand':
      return [{ action: 'dynamodb:DeleteItem', resource: tableArn(), leadingKeys: pk(input.Key) }];
    case 'TransactWriteCommand':
      return (input.TransactItems as Array<Record<string, { Item?: Record<string, unknown>; Key?: Record<string, unknown> }>>).map((item) => {
        const [kind, request] = Object.entries(item)[0]!;
        return { action: TRANSACT_ITEM_ACTIONS[kind]!, resource: tableArn(), leadingKeys: pk(request.Item ?? request.Key) };
      });
    default:
      throw new Error(`No IAM mapping for ${command}`);
  }
}

function globMatches(pattern: string, value: string): boolean {
  const expression = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return new RegExp(`^${expression}$`).test(value);
}

/** Whether an Allow statement grants the request: its action, its resource and its conditions (only those the stack uses). */
function allows(statements: readonly Statement[], request: IamRequest): boolean {
  return statements.some((statement) => {
    if (statement.Effect !== 'Allow' || ![statement.Action].flat().includes(request.action)) return false;
    if (![statement.Resource].flat().some((resource) => JSON.stringify(resource) === JSON.stringify(request.resource))) return false;
    return Object.entries(statement.Condition ?? {}).every(([operator, keys]) =>
      Object.entries(keys).every(([key, patterns]) => {
        if (operator !== 'ForAllValues:StringLike' || key !== 'dynamodb:LeadingKeys') throw new Error(`Cannot evaluate the condition ${operator} ${key}`);
        return request.leadingKeys.every((value) => patterns.some((pattern) => globMatches(pattern, value)));
      }),
    );
  });
}

function policyOf(name: string): Statement[] {
  const lambda = stacks.stateless.httpFunctions.functions.find((candidate) => candidate.name === name)!.lambda;
  const template = stacks.templates.stateless;
  const role = (template.findResources('AWS::Lambda::Function')[logicalId(lambda)]!.Properties.Role as { 'Fn::GetAtt': [string] })['Fn::GetAtt'][0];
  return Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((policy) => JSON.stringify(policy.Properties.Roles) === JSON.stringify([{ Ref: role }]))
    .flatMap((policy) => (acrossStacks(policy.Properties.PolicyDocument, stacks) as { Statement: Statement[] }).Statement);
}

const refused = (name: string, calls: readonly RecordedCall[]) => calls.flatMap(iamRequests).filter((request) => !allows(policyOf(name), request));

describe('the read-only price simulation Lambda', () => {
  const run = newId('event').slice(-8);
  let customerId: string;
  let product: { id: string; code: string };

  async function created(path: string, body: unknown): Promise<any> {
    const response = await api.request('POST', path, { body });
    expect(response.status, `POST ${path}: ${JSON.stringify(response.body)}`).toBe(201);
    return response.body;
  }

  beforeAll(async () => {
    const family = await created('/families', { code: `${run}-TOOLS`, name: 'Tools' });
    product = await created('/products', { code: `${run}-HAMMER`, name: 'Hammer', familyId: family.id, units: { management: 'pce', sales: 'pce', price: 'pce' } });
    customerId = (await created('/customers', { name: 'Quincaillerie Roux', countryCode: 'FR' })).id;
    await created(`/customers/${customerId}/references`, { productId: product.id, customerCode: `${run}-HAM`, prices: [{ validFrom: '2026-01-01', unitPrice: '9.00', currency: 'EUR' }] });
    expect([201, 409]).toContain((await api.request('POST', '/vat-rates', { body: { countryCode: 'FR', category: 'standard', rate: '20', validFrom: '2014-01-01' } })).status);
    await created('/price-lists', {
      source: 'customer_list',
      name: `Roux ${run}`,
      currency: 'EUR',
      customerId,
      rules: [{ target: { kind: 'family', familyId: family.id }, action: { kind: 'discount', percents: ['10'] } }],
    });
  });

  const simulate = (body: unknown, headers: Record<string, string> = {}) => () => api.request('POST', '/price-simulations', { body, headers });

  it('sends only requests its policy allows: reads, and the writes of its idempotency records', async () => {
    const lines = [{ productId: product.id, quantity: '2' }, { productCode: product.code.toLowerCase(), quantity: '1' }, { customerProductCode: `${run}-ham`, quantity: '3' }];
    const calls = [
      ...(await callsDuring(simulate({ customerId, date: '2027-03-01', lines }), 200)),
      ...(await callsDuring(simulate({ date: '2027-03-01', currency: 'USD', deliveryCountry: 'DE', lines: [{ productId: product.id, quantity: '1' }] }), 200)),
      ...(await callsDuring(simulate({ customerId, date: '2027-03-01', lines }, { 'Idempotency-Key': `sim-${run}` }), 200)),
      ...(await callsDuring(simulate({ customerId, date: '2027-03-01', lines }, { 'Idempotency-Key': `sim-${run}` }), 200)),
      ...(await callsDuring(simulate({ customerId: 'cus_01JCTM5Z1Y5N8Q6V3W2X1Y0Z9A', lines }, { 'Idempotency-Key': `sim-missing-${run}` }), 404)),
    ];
    const actions = new Set(calls.flatMap(iamRequests).map((request) => request.action));
    // What the runs above exercised: every read, and the claim, completion and release of a key.
    expect([...actions].sort()).toEqual(['dynamodb:BatchGetItem', 'dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem']);
    expect(calls.some((call) => call.input.IndexName !== undefined)).toBe(true);
    expect(refused('pricing-simulation', calls)).toEqual([]);
  });

  it('would be refused any write but its idempotency records, which its context\'s Lambda may make', async () => {
    const calls = await callsDuring(() => api.request('POST', '/price-lists', { body: { source: 'standard_list', name: `Standard ${run}`, currency: 'EUR', rules: [] } }), 201);
    expect(calls.some((call) => call.command === 'TransactWriteCommand')).toBe(true);
    expect(refused('pricing', calls)).toEqual([]);
    const writes = refused('pricing-simulation', calls).map((request) => request.action);
    expect(writes.length).toBeGreaterThan(0);
    expect(writes.every((action) => action === 'dynamodb:PutItem' || action === 'dynamodb:UpdateItem' || action === 'dynamodb:DeleteItem' || action === 'dynamodb:ConditionCheckItem')).toBe(true);
  });
});
