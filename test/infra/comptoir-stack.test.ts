import { join } from 'node:path';
import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import { AttributeType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { AssetManifestArtifact } from 'aws-cdk-lib/cx-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { EVENT_BUS_NAME } from '../../infra/constructs/events.ts';
import { SES_NOTIFICATION_DETAIL_TYPES } from '../../infra/constructs/mail-notifications.ts';
import { MAIL_SENDING_CONTEXTS, READ_ONLY_FUNCTIONS, type HttpFunction } from '../../infra/constructs/http-functions.ts';
import { Schedules, type DeployedSchedule } from '../../infra/constructs/schedules.ts';
import { SCHEDULES } from '../../infra/schedules.ts';
import { contextsOf, listOperations, loadContract, type JsonObject } from '../../infra/constructs/openapi-contract.ts';
import { TABLE_ACTIONS } from '../../infra/constructs/table-access.ts';
import { repositorySources } from '../../infra/stacks/stateless-stack.ts';
import { createTableInput, GLOBAL_INDEXES, TTL_ATTRIBUTE } from '../../infra/table-definition.ts';
import { acrossStacks, addMailSender, FIXTURE_CONTRACT, logicalId, testStacks, type TestStacks } from './fixtures/comptoir-stack.ts';

type Resource = { Type: string; Properties: JsonObject; DeletionPolicy?: string; UpdateReplacePolicy?: string };
type Statement = { Action: string | string[]; Resource: unknown; Effect: string; Condition?: unknown };

let stacks: TestStacks;
let stateful: Template;
let stateless: Template;
const operations = listOperations(loadContract(repositorySources().contractFile));
const contexts = contextsOf(operations);

beforeAll(() => {
  stacks = testStacks();
  ({ stateful, stateless } = stacks.templates);
});

/** What holds data or identity, and changes without a code deployment. */
const STATEFUL_TYPES = [
  'AWS::DynamoDB::Table',
  'AWS::SecretsManager::Secret',
  'AWS::Cognito::UserPool',
  'AWS::Cognito::UserPoolGroup',
  'AWS::Cognito::UserPoolResourceServer',
  'AWS::Cognito::UserPoolClient',
  'AWS::Cognito::UserPoolDomain',
  'AWS::SES::EmailIdentity',
  'AWS::SES::ConfigurationSet',
  'AWS::SES::ConfigurationSetEventDestination',
  'AWS::Events::EventBus',
  'AWS::S3::Bucket',
  'AWS::S3::BucketPolicy',
  // What sending e-mail may do, beside the identity and the bucket it names (infra/constructs/mail-sending.ts).
  'AWS::IAM::ManagedPolicy',
];
/** Where data lives: retained when its stack goes, whatever the stage. */
const DATA_TYPES = ['AWS::DynamoDB::Table', 'AWS::Cognito::UserPool', 'AWS::SecretsManager::Secret', 'AWS::S3::Bucket'];

const resourcesOf = (template: Template, type: string) => template.findResources(type) as Record<string, Resource>;
const typesOf = (template: Template) => new Set(Object.values(template.toJSON().Resources as Record<string, Resource>).map((resource) => resource.Type));
const across = (value: unknown) => acrossStacks(value, stacks);
const httpFunctions = () => stacks.stateless.httpFunctions.functions;
const httpFunction = (name: string) => httpFunctions().find((candidate) => candidate.name === name)!;
const lambdaResource = ({ lambda }: HttpFunction) => resourcesOf(stateless, 'AWS::Lambda::Function')[logicalId(lambda)]!;
const importedDefinition = () => Object.values(resourcesOf(stateless, 'AWS::ApiGateway::RestApi'))[0]!.Properties.Body as JsonObject;
const tableArn = () => ({ 'Fn::GetAtt': [logicalId(stacks.stateful.data.table), 'Arn'] });
const indexArns = () => GLOBAL_INDEXES.map((index) => ({ 'Fn::Join': ['', [tableArn(), `/index/${index.indexName}`]] }));

/** The files and images a stack deploys besides its own template: the Lambdas' code. */
function assetsOf(stack: Stack): string[] {
  const manifest = stacks.app.synth().tryGetArtifact(`${stack.artifactId}.assets`);
  if (!(manifest instanceof AssetManifestArtifact)) throw new Error(`${stack.stackName} has no asset manifest`);
  const files = Object.values(manifest.contents.files ?? {}).map((file) => file.source.path ?? '');
  return [...files.filter((path) => !path.endsWith('.template.json')), ...Object.keys(manifest.contents.dockerImages ?? {})];
}

/** Every statement of the policies attached to a function's role, references to the stateful stack resolved. */
function statementsOf(lambdaLogicalId: string, template = stateless, resolve = across): Statement[] {
  const role = (resourcesOf(template, 'AWS::Lambda::Function')[lambdaLogicalId]!.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
  return Object.values(resourcesOf(template, 'AWS::IAM::Policy'))
    .filter((policy) => JSON.stringify(policy.Properties.Roles) === JSON.stringify([{ Ref: role }]))
    .flatMap((policy) => (resolve(policy.Properties.PolicyDocument) as { Statement: Statement[] }).Statement);
}
const actionsOf = (statement: { Action: string | string[] }) => [statement.Action].flat();
const tableStatementsOf = (statements: Statement[]) => statements.filter((statement) => actionsOf(statement).some((action) => action.startsWith('dynamodb:')));

/** The string CloudFormation makes of Fn::Join and Ref, given the values of the references. */
function evaluate(value: unknown, refs: Record<string, string>): string {
  const all: Record<string, string> = { 'AWS::URLSuffix': 'amazonaws.com', 'AWS::Region': 'eu-west-3', 'AWS::Partition': 'aws', ...refs };
  if (typeof value === 'string') return value;
  const object = value as { Ref?: string; 'Fn::Join'?: [string, unknown[]] };
  if (object.Ref !== undefined && object.Ref in all) return all[object.Ref]!;
  if (object['Fn::Join'] !== undefined) return object['Fn::Join'][1].map((part) => evaluate(part, refs)).join(object['Fn::Join'][0]);
  throw new Error(`Cannot evaluate ${JSON.stringify(value)}`);
}

describe('the two stacks', () => {
  it('are named after the stage: the stateful one keeps the name of the former single stack', () => {
    expect(stacks.stateful.stackName).toBe('Comptoir-test');
    expect(stacks.stateless.stackName).toBe('Comptoir-test-Service');
  });

  it('keep data apart from code: the stateful stack holds the data, identity, e-mail identity, bus and files, and no code nor asset', () => {
    expect([...typesOf(stateful)].filter((type) => type !== 'AWS::CDK::Metadata' && !STATEFUL_TYPES.includes(type))).toEqual([]);
    for (const type of ['AWS::DynamoDB::Table', 'AWS::SecretsManager::Secret', 'AWS::Cognito::UserPool', 'AWS::Events::EventBus', 'AWS::SES::EmailIdentity', 'AWS::S3::Bucket']) {
      expect(typesOf(stateful).has(type), type).toBe(true);
    }
    expect(assetsOf(stacks.stateful)).toEqual([]);
    expect(assetsOf(stacks.stateless).length).toBeGreaterThan(0);
  });

  it('leave nothing with data or identity to the stateless stack: it can be destroyed and deployed again', () => {
    expect([...typesOf(stateless)].filter((type) => STATEFUL_TYPES.includes(type))).toEqual([]);
    for (const type of ['AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable', 'AWS::Cognito::UserPool', 'AWS::S3::Bucket', 'AWS::SecretsManager::Secret']) {
      expect(resourcesOf(stateless, type), type).toEqual({});
    }
  });

  it('retain what holds data in every stage, and the stateful stack refuses to be terminated', () => {
    for (const type of DATA_TYPES) {
      for (const [id, resource] of Object.entries(resourcesOf(stateful, type))) {
        expect([resource.DeletionPolicy, resource.UpdateReplacePolicy], id).toEqual(['Retain', 'Retain']);
      }
    }
    expect(stacks.stateful.terminationProtection).toBe(true);
    expect(stacks.stateless.terminationProtection).toBe(false);
  });

  it('keep the logical ids the data and identity had in the single stack, so that no deployment replaces them', () => {
    const ids = (type: string) => Object.keys(resourcesOf(stateful, type));
    expect(ids('AWS::DynamoDB::Table')).toEqual(['DataTableFDBAD0F2']);
    expect(ids('AWS::SecretsManager::Secret')).toEqual(['DataCursorSecret8266F2EC']);
    expect(ids('AWS::Cognito::UserPool')).toEqual(['AuthUserPool8115E87F']);
    // The existing clients keep theirs; the quote-request client is new.
    expect(ids('AWS::Cognito::UserPoolClient').filter((id) => !id.startsWith('AuthUserPoolQuoteRequestClient')).sort()).toEqual(['AuthUserPoolIntegrationClientECD5FA19', 'AuthUserPoolWebClient147E4E38']);
    expect(ids('AWS::Cognito::UserPoolDomain')).toEqual(['AuthUserPoolDomain31C6792A']);
    expect(ids('AWS::Events::EventBus')).toEqual(['DomainEventsBus42B15453']);
    expect(ids('AWS::SES::EmailIdentity')).toEqual(['EmailFromIdentityF001EE1A']);
  });

  it('deploy in order: the stateless stack depends on the stateful one, which references nothing of it', () => {
    expect(stacks.stateless.dependencies).toEqual([stacks.stateful]);
    expect(stacks.stateful.dependencies).toEqual([]);
    const statefulJson = JSON.stringify(stateful.toJSON());
    expect(statefulJson).not.toContain('Fn::GetStackOutput');
    expect(statefulJson).not.toContain('Fn::ImportValue');
  });

  it('pass the stateful resources by reference, read from the stateful stack\'s outputs at deployment (no export to lock it)', () => {
    const template = stateless.toJSON();
    expect(JSON.stringify(template)).not.toContain('Fn::ImportValue');
    const referenced = new Set<string>();
    const collect = (node: unknown): void => {
      if (Array.isArray(node)) return node.forEach(collect);
      if (typeof node !== 'object' || node === null) return;
      const object = node as { Ref?: string; 'Fn::GetAtt'?: [string, string] };
      if (typeof object.Ref === 'string') referenced.add(object.Ref);
      if (Array.isArray(object['Fn::GetAtt'])) referenced.add(object['Fn::GetAtt'].join('.'));
      Object.values(node).forEach(collect);
    };
    // Resolving fails on a reference to an output the stateful stack does not declare.
    collect(Object.values(template.Resources as object).map((resource) => across(resource)));
    const statefulIds = Object.keys(stateful.toJSON().Resources as object);
    expect([...referenced].filter((id) => statefulIds.includes(id.split('.')[0]!)).sort()).toEqual(
      ['AuthUserPool8115E87F', 'AuthUserPool8115E87F.Arn', 'DataCursorSecret8266F2EC', 'DataTableFDBAD0F2', 'DataTableFDBAD0F2.Arn', 'DataTableFDBAD0F2.StreamArn', 'DomainEventsBus42B15453', 'DomainEventsBus42B15453.Arn', 'EmailConfigurationSet6A762543', 'FilesBucket7C17EE2E', 'MailSendingPolicy72FE417F'].sort(),
    );
  });

  it('in production, also refuse the deletion of the table and the user pool, and retain the log groups', () => {
    const production = testStacks({ production: true }).templates;
    production.stateful.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain', Properties: Match.objectLike({ DeletionProtectionEnabled: true }) });
    production.stateful.hasResource('AWS::Cognito::UserPool', { DeletionPolicy: 'Retain', Properties: Match.objectLike({ DeletionProtection: 'ACTIVE' }) });
    for (const logGroup of Object.values(resourcesOf(production.stateless, 'AWS::Logs::LogGroup'))) expect(logGroup.DeletionPolicy).toBe('Retain');
    stateful.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain', Properties: Match.objectLike({ DeletionProtectionEnabled: false }) });
    for (const logGroup of Object.values(resourcesOf(stateless, 'AWS::Logs::LogGroup'))) expect(logGroup.DeletionPolicy).toBe('Delete');
  });
});

describe('the table', () => {
  it('has the keys, indexes and stream of infra/table-definition.ts', () => {
    const definition = createTableInput('any');
    stateful.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: definition.KeySchema,
      AttributeDefinitions: Match.arrayEquals(definition.AttributeDefinitions.map((attribute) => Match.objectEquals(attribute))),
      GlobalSecondaryIndexes: definition.GlobalSecondaryIndexes,
      StreamSpecification: { StreamViewType: definition.StreamSpecification.StreamViewType },
      BillingMode: definition.BillingMode,
    });
  });

  it('expires items on the TTL attribute, keeps point-in-time recovery and is encrypted', () => {
    stateful.hasResourceProperties('AWS::DynamoDB::Table', {
      TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true },
    });
  });
});

describe('the HTTP Lambdas', () => {
  it('are one per bounded context of the contract, plus the read-only functions, and serve each operation once', () => {
    expect(contexts.length).toBeGreaterThan(0);
    expect(httpFunctions().map((candidate) => candidate.name)).toEqual([...contexts, ...READ_ONLY_FUNCTIONS.map((declared) => declared.name)]);
    for (const candidate of httpFunctions()) expect(lambdaResource(candidate), candidate.name).toBeDefined();
    const served = httpFunctions().flatMap((candidate) => candidate.operationIds);
    expect(served.sort()).toEqual(operations.map((operation) => operation.operationId).sort());
  });

  it('have the price simulation served by a read-only function of its own, which runs the pricing handler', () => {
    const simulation = httpFunction('pricing-simulation');
    expect(simulation).toMatchObject({ context: 'pricing', operationIds: ['simulatePrices'], tableAccess: 'read', readsCursorSecret: false });
    expect(httpFunction('pricing').operationIds).not.toContain('simulatePrices');
    // Every context of the contract writes (creates, updates or removes something), so its own Lambda reads and writes;
    // it reads the cursor secret when it serves a list.
    for (const context of contexts) {
      const paginated = operations.some((operation) => operation.context === context && operation.paginated);
      expect(httpFunction(context)).toMatchObject({ tableAccess: 'read-write', readsCursorSecret: paginated });
    }
  });

  it('run on Node.js 24, ARM, ESM, traced, with their environment', () => {
    for (const candidate of httpFunctions()) {
      const { Properties } = lambdaResource(candidate);
      expect(Properties, candidate.name).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        MemorySize: 1024,
        Timeout: 10,
        TracingConfig: { Mode: 'Active' },
        LoggingConfig: { LogFormat: 'JSON', ApplicationLogLevel: 'INFO' },
      });
      const variables = (across(Properties.Environment) as { Variables: Record<string, unknown> }).Variables;
      const common = ['AUTH_ISSUER', 'AUTH_JWKS_URL', 'COMPANY_COUNTRY', 'CORS_ALLOWED_ORIGINS', 'EVENT_BUS_NAME', 'NODE_OPTIONS', 'POWERTOOLS_SERVICE_NAME', 'TABLE_NAME'];
      const mail = MAIL_SENDING_CONTEXTS.has(candidate.name) ? ['FILES_BUCKET', 'MAIL_FROM', 'MAIL_FROM_NAME', 'SES_CONFIGURATION_SET'] : [];
      expect(Object.keys(variables).sort(), candidate.name).toEqual([...common, ...mail, ...(candidate.readsCursorSecret ? ['CURSOR_SECRET_ARN'] : [])].sort());
      if (candidate.readsCursorSecret) expect(variables.CURSOR_SECRET_ARN).toEqual({ Ref: logicalId(stacks.stateful.data.cursorSecret) });
      expect(variables.CORS_ALLOWED_ORIGINS).toBe('*');
      expect(variables.NODE_OPTIONS).toBe('--enable-source-maps');
      expect(variables.POWERTOOLS_SERVICE_NAME).toBe(`comptoir-${candidate.name}`);
      expect(variables.TABLE_NAME).toEqual({ Ref: logicalId(stacks.stateful.data.table) });
      expect(variables.EVENT_BUS_NAME).toEqual({ Ref: logicalId(stacks.stateful.events.bus) });
      const pool = { [logicalId(stacks.stateful.auth.userPool)]: 'eu-west-3_pool' };
      expect(evaluate(variables.AUTH_ISSUER, pool)).toBe('https://cognito-idp.eu-west-3.amazonaws.com/eu-west-3_pool');
      expect(evaluate(variables.AUTH_JWKS_URL, pool)).toBe('https://cognito-idp.eu-west-3.amazonaws.com/eu-west-3_pool/.well-known/jwks.json');
    }
  });

  it('log each to its own log group, kept a month', () => {
    for (const candidate of httpFunctions()) {
      const logGroup = (lambdaResource(candidate).Properties.LoggingConfig as { LogGroup: { Ref: string } }).LogGroup.Ref;
      expect(resourcesOf(stateless, 'AWS::Logs::LogGroup')[logGroup]?.Properties.RetentionInDays, candidate.name).toBe(30);
    }
  });

  it('that read and write may read the table and each index by name, write the table, read the cursor secret, and nothing else', () => {
    for (const candidate of httpFunctions().filter((httpFunctionOf) => httpFunctionOf.tableAccess === 'read-write')) {
      const statements = statementsOf(logicalId(candidate.lambda));
      const actions = statements.flatMap(actionsOf);
      expect(actions.filter((action) => action.includes('*')), candidate.name).toEqual([]);
      expect(actions.every((action) => /^(dynamodb|logs|xray|secretsmanager):/.test(action)), candidate.name).toBe(true);
      expect(tableStatementsOf(statements), candidate.name).toEqual([
        { Effect: 'Allow', Action: [...TABLE_ACTIONS.read], Resource: [tableArn(), ...indexArns()] },
        { Effect: 'Allow', Action: [...TABLE_ACTIONS.write], Resource: tableArn() },
      ]);
      const secretStatements = statements.filter((statement) => actionsOf(statement).some((action) => action.startsWith('secretsmanager:')));
      expect(secretStatements.map((statement) => [actionsOf(statement).sort(), statement.Resource]), candidate.name).toEqual(
        candidate.readsCursorSecret ? [[['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue'], { Ref: logicalId(stacks.stateful.data.cursorSecret) }]] : [],
      );
      const wildcard = statements.filter((statement) => statement.Resource === '*');
      expect(wildcard.flatMap(actionsOf).sort()).toEqual(['xray:PutTelemetryRecords', 'xray:PutTraceSegments']);
    }
  });

  it('that only read may read the table and its indexes, write their idempotency records only, and read no secret', () => {
    const simulation = httpFunction('pricing-simulation');
    const statements = statementsOf(logicalId(simulation.lambda));
    expect(tableStatementsOf(statements)).toEqual([
      { Effect: 'Allow', Action: [...TABLE_ACTIONS.read], Resource: [tableArn(), ...indexArns()] },
      {
        Effect: 'Allow',
        Action: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
        Resource: tableArn(),
        Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['IDEMPOTENCY#*'] } },
      },
    ]);
    const unconditional = statements.filter((statement) => statement.Condition === undefined).flatMap(actionsOf);
    for (const write of ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:TransactWriteItems', 'dynamodb:BatchWriteItem', 'dynamodb:ConditionCheckItem']) {
      expect(unconditional).not.toContain(write);
    }
    expect(statements.flatMap(actionsOf).filter((action) => /^dynamodb:(Scan|BatchWriteItem|TransactWriteItems|ConditionCheckItem|\*)/.test(action))).toEqual([]);
    expect(statements.flatMap(actionsOf).filter((action) => action.startsWith('secretsmanager:'))).toEqual([]);
  });

  it('get read-only access for a context whose operations all read, and no idempotency write without a POST nor secret without a list', () => {
    const fixture = testStacks({ contractFile: FIXTURE_CONTRACT });
    const byName = new Map(fixture.stateless.httpFunctions.functions.map((candidate) => [candidate.name, candidate]));
    expect([...byName.values()].map(({ name, tableAccess, readsCursorSecret }) => ({ name, tableAccess, readsCursorSecret }))).toEqual([
      { name: 'customers', tableAccess: 'read-write', readsCursorSecret: false },
      { name: 'health', tableAccess: 'read', readsCursorSecret: false },
      { name: 'sales-orders', tableAccess: 'read', readsCursorSecret: false },
    ]);
    const statements = statementsOf(logicalId(byName.get('sales-orders')!.lambda), fixture.templates.stateless, (value) => acrossStacks(value, fixture));
    expect(tableStatementsOf(statements).flatMap(actionsOf)).toEqual([...TABLE_ACTIONS.read]);
    expect(statements.flatMap(actionsOf).filter((action) => action.startsWith('secretsmanager:'))).toEqual([]);
  });

  it('refuse a read-only function that serves an operation the contract lacks, or operations of two contexts', () => {
    expect(() => testStacks({ readOnlyFunctions: [{ name: 'lookups', operationIds: ['noSuchOperation'] }] })).toThrow(/lookups serves noSuchOperation, which the contract does not define/);
    const twoContexts = [operations.find((operation) => operation.context === contexts[0])!, operations.find((operation) => operation.context === contexts[1])!];
    expect(() => testStacks({ readOnlyFunctions: [{ name: 'lookups', operationIds: twoContexts.map((operation) => operation.operationId) }] })).toThrow(/must serve operations of one bounded context/);
    expect(() => testStacks({ readOnlyFunctions: [{ name: contexts[0]!, operationIds: [] }] })).toThrow(/bears the name of a bounded context/);
  });

  it('use no AWS managed policy: only the mail-sending policy of the stateful stack, for the contexts that send', () => {
    for (const candidate of httpFunctions()) {
      const role = (lambdaResource(candidate).Properties.Role as { 'Fn::GetAtt': [string] })['Fn::GetAtt'][0];
      const managed = resourcesOf(stateless, 'AWS::IAM::Role')[role]?.Properties.ManagedPolicyArns;
      if (MAIL_SENDING_CONTEXTS.has(candidate.name)) expect(JSON.stringify(across(managed))).toBe(JSON.stringify([{ Ref: logicalId(stacks.stateful.mailSending.policy) }]));
      else expect(managed, candidate.name).toBeUndefined();
    }
  });

  it('may each be invoked by the API stage', () => {
    for (const candidate of httpFunctions()) {
      stateless.hasResourceProperties('AWS::Lambda::Permission', {
        Action: 'lambda:InvokeFunction',
        Principal: 'apigateway.amazonaws.com',
        FunctionName: { 'Fn::GetAtt': [logicalId(candidate.lambda), 'Arn'] },
        SourceArn: { 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp('/v1/\\*/\\*$')])] },
      });
    }
  });

  it('refuse to synthesize when a context of the contract has no handler', () => {
    const sources = { httpHandlerEntry: (context: string) => join('/nowhere', context, 'index.ts') };
    expect(() => testStacks({ sources })).toThrow(/bounded context "[a-z-]+" has no HTTP handler: create .*index\.ts exporting handler/);
  });
});

describe('the API', () => {
  it('proxies every operation of the contract to the Lambda that serves it, behind the Cognito authorizer', () => {
    const paths = importedDefinition().paths as Record<string, Record<string, JsonObject>>;
    expect(operations.length).toBeGreaterThan(0);
    const lambdaOf = (operationId: string) => logicalId(stacks.stateless.httpFunctions.forOperation(operationId));
    for (const { path, method, operationId } of operations) {
      const operation = paths[path]?.[method];
      const integration = operation?.['x-amazon-apigateway-integration'] as JsonObject;
      expect(integration).toMatchObject({ type: 'aws_proxy', httpMethod: 'POST' });
      const uri = JSON.stringify(integration.uri);
      expect(uri).toContain(`"Fn::GetAtt":["${lambdaOf(operationId)}","Arn"]`);
      expect(uri).toContain(':lambda:path/2015-03-31/functions/');
      const security = operation?.security as Array<Record<string, string[]>>;
      // The contract opens a few routes to anyone (a quote's link): no authorizer on those only.
      if (path.startsWith('/public/')) {
        expect(security, operationId).toEqual([]);
        continue;
      }
      expect(security).toHaveLength(1);
      expect(security[0]?.bearer).toEqual(expect.arrayContaining(['aws.cognito.signin.user.admin', 'comptoir/integration']));
    }
    expect(lambdaOf('simulatePrices')).toBe(logicalId(httpFunction('pricing-simulation').lambda));
    expect(lambdaOf('createPriceList')).toBe(logicalId(httpFunction('pricing').lambda));
  });

  it('answers the CORS preflight of every path of the contract itself, without the authorizer', () => {
    const paths = importedDefinition().paths as Record<string, Record<string, JsonObject>>;
    const contractPaths = [...new Set(operations.map((operation) => operation.path))];
    expect(Object.keys(paths).sort()).toEqual(contractPaths.sort());
    for (const path of contractPaths) {
      const preflight = paths[path]?.options;
      const methods = operations.filter((operation) => operation.path === path).map((operation) => operation.method.toUpperCase());
      expect(preflight?.security, path).toEqual([]);
      expect(preflight?.['x-amazon-apigateway-integration'], path).toMatchObject({
        type: 'mock',
        requestTemplates: { 'application/json': '{"statusCode": 204}' },
        responses: {
          default: {
            statusCode: '204',
            responseParameters: {
              'method.response.header.Access-Control-Allow-Origin': "'*'",
              'method.response.header.Access-Control-Allow-Methods': `'${[...methods, 'OPTIONS'].join(', ')}'`,
              'method.response.header.Access-Control-Allow-Headers': "'Authorization, Content-Type, If-Match, If-None-Match, Idempotency-Key, X-Correlation-Id'",
              'method.response.header.Access-Control-Max-Age': "'600'",
            },
          },
        },
      });
    }
  });

  it('allows the origins of corsAllowedOrigins, in the Lambdas and in the gateway', () => {
    const origins = ['https://app.example.com', 'https://admin.example.com'];
    const listed = testStacks({ corsAllowedOrigins: origins });
    const lambda = listed.templates.stateless.findResources('AWS::Lambda::Function')[logicalId(listed.stateless.httpFunctions.all[0]!)] as Resource;
    expect((lambda.Properties.Environment as { Variables: JsonObject }).Variables).toMatchObject({ CORS_ALLOWED_ORIGINS: origins.join(','), COMPANY_COUNTRY: 'BE' });
    const integration = (listed.stateless.api.definition.paths as Record<string, Record<string, JsonObject>>)['/customers']?.options?.['x-amazon-apigateway-integration'];
    const template = (integration as { responses: { default: { responseTemplates: Record<string, string> } } }).responses.default.responseTemplates['application/json'];
    expect(template).toContain('#if($origin == "https://app.example.com" || $origin == "https://admin.example.com")');
  });

  it('checks bearer tokens with the user pool', () => {
    const schemes = (across(importedDefinition().components) as { securitySchemes: Record<string, JsonObject> }).securitySchemes;
    expect(schemes.bearer).toEqual({
      type: 'apiKey',
      name: 'Authorization',
      in: 'header',
      'x-amazon-apigateway-authtype': 'cognito_user_pools',
      'x-amazon-apigateway-authorizer': { type: 'cognito_user_pools', providerARNs: [{ 'Fn::GetAtt': [logicalId(stacks.stateful.auth.userPool), 'Arn'] }] },
    });
  });

  it('answers gateway errors as problem+json that frontends on other origins may read', () => {
    const responses = importedDefinition()['x-amazon-apigateway-gateway-responses'] as Record<string, { responseTemplates: Record<string, string> }>;
    for (const type of ['UNAUTHORIZED', 'ACCESS_DENIED', 'BAD_REQUEST_BODY', 'THROTTLED', 'DEFAULT_4XX', 'DEFAULT_5XX']) {
      expect(responses[type]).toMatchObject({
        responseParameters: { 'gatewayresponse.header.Content-Type': "'application/problem+json'", 'gatewayresponse.header.Access-Control-Allow-Origin': "'*'" },
      });
      expect(responses[type]?.responseTemplates['application/json']).toMatch(/^\{"type":"https:\/\/comptoir\.dev\/problems\/[a-z-]+","title":"[^"]+","status":\d{3},"detail":\$context\.error\.messageString,"code":"[a-z_]+"\}$/);
    }
  });

  it('serves stage v1 with JSON access logs, X-Ray, metrics and throttling', () => {
    stateless.hasResourceProperties('AWS::ApiGateway::Stage', {
      StageName: 'v1',
      TracingEnabled: true,
      AccessLogSetting: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('^\\{"requestId":"\\$context.requestId"') },
      MethodSettings: [Match.objectLike({ HttpMethod: '*', ResourcePath: '/*', MetricsEnabled: true, LoggingLevel: 'ERROR', DataTraceEnabled: false, ThrottlingRateLimit: 100, ThrottlingBurstLimit: 200 })],
    });
    const format = (Object.values(resourcesOf(stateless, 'AWS::ApiGateway::Stage'))[0]!.Properties.AccessLogSetting as { Format: string }).Format;
    expect(Object.keys(JSON.parse(format) as JsonObject)).toEqual(expect.arrayContaining(['status', 'subject', 'clientId', 'errorMessage', 'xrayTraceId']));
  });

  it('answers HEAD for every GET of the contract: the same Lambda, authorizer and responses, under a twin operationId', () => {
    const paths = importedDefinition().paths as Record<string, Record<string, JsonObject>>;
    const gets = operations.filter((operation) => operation.method === 'get');
    expect(gets.length).toBeGreaterThan(10);
    for (const { path, operationId } of gets) {
      const { get, head } = paths[path]!;
      expect(head).toEqual({ ...get, operationId: `${operationId}Head` });
    }
    const heads = Object.values(paths).filter((pathItem) => pathItem.head !== undefined);
    expect(heads).toHaveLength(gets.length);
  });

  it('compresses responses of 1 KiB and more for clients that accept it', () => {
    stateless.hasResourceProperties('AWS::ApiGateway::RestApi', { MinimumCompressionSize: 1024 });
  });

  it('has a usage plan on the stage', () => {
    stateless.hasResourceProperties('AWS::ApiGateway::UsagePlan', {
      ApiStages: [Match.objectLike({ Stage: Match.anyValue() })],
      Throttle: { RateLimit: 100, BurstLimit: 200 },
    });
  });

  it('redeploys the stage when the contract changes', () => {
    const deploymentId = (templateOf: Template) => Object.keys(templateOf.findResources('AWS::ApiGateway::Deployment'))[0];
    expect(deploymentId(testStacks({ contractFile: FIXTURE_CONTRACT }).templates.stateless)).not.toBe(deploymentId(stateless));
  });
});

describe('list cursors', () => {
  it('are sealed with a secret Secrets Manager generates, kept with the data', () => {
    const secrets = resourcesOf(stateful, 'AWS::SecretsManager::Secret');
    const secret = secrets[logicalId(stacks.stateful.data.cursorSecret)]!;
    expect(secret.Properties.GenerateSecretString).toEqual({ PasswordLength: 64, ExcludePunctuation: true });
    expect(secret.Properties.SecretString).toBeUndefined();
    expect(Object.keys(secrets)).toHaveLength(1);
    expect(secret.DeletionPolicy).toBe('Retain');
  });
});

describe('domain events', () => {
  it('go to the comptoir bus, in the stateful stack', () => {
    stateful.hasResourceProperties('AWS::Events::EventBus', { Name: EVENT_BUS_NAME });
  });

  it('invoke the publisher only for new items whose pk starts with EVENT#', () => {
    const [mapping] = Object.values(resourcesOf(stateless, 'AWS::Lambda::EventSourceMapping'));
    expect(across(mapping!.Properties)).toMatchObject({
      EventSourceArn: { 'Fn::GetAtt': [logicalId(stacks.stateful.data.table), 'StreamArn'] },
      FunctionName: { Ref: logicalId(stacks.stateless.relay.publisher) },
      FilterCriteria: { Filters: [{ Pattern: JSON.stringify({ eventName: ['INSERT'], dynamodb: { Keys: { pk: { S: [{ prefix: 'EVENT#' }] } } } }) }] },
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: 100,
      BisectBatchOnFunctionError: true,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      MaximumRetryAttempts: 10,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [logicalId(stacks.stateless.relay.deadLetterQueue), 'Arn'] } } },
    });
  });

  it('that keep failing land in an encrypted queue that refuses plain HTTP', () => {
    stateless.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 24 * 3600 });
    stateless.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
  });

  it('are published by a function that may put events on the bus, read the stream and nothing else', () => {
    const publisher = logicalId(stacks.stateless.relay.publisher);
    const statements = statementsOf(publisher);
    const actions = statements.flatMap(actionsOf);
    expect(actions).toEqual(expect.arrayContaining(['events:PutEvents', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'sqs:SendMessage']));
    expect(actions.every((action) => /^(dynamodb:(GetRecords|GetShardIterator|DescribeStream|ListStreams)|events:PutEvents|sqs:|logs:|xray:)/.test(action))).toBe(true);
    const putEvents = statements.find((statement) => actionsOf(statement).includes('events:PutEvents'));
    expect(putEvents?.Resource).toEqual({ 'Fn::GetAtt': [logicalId(stacks.stateful.events.bus), 'Arn'] });
    const streamRead = statements.find((statement) => actionsOf(statement).includes('dynamodb:GetRecords'));
    expect(streamRead?.Resource).toEqual({ 'Fn::GetAtt': [logicalId(stacks.stateful.data.table), 'StreamArn'] });
    const variables = (across(resourcesOf(stateless, 'AWS::Lambda::Function')[publisher]!.Properties.Environment) as { Variables: JsonObject }).Variables;
    expect(variables.EVENT_BUS_NAME).toEqual({ Ref: logicalId(stacks.stateful.events.bus) });
    expect(variables.TABLE_NAME).toBeUndefined();
  });
});

describe('authentication', () => {
  it('is a user pool for admin-created users with a strong password policy and optional TOTP', () => {
    stateful.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: 'OPTIONAL',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      Policies: { PasswordPolicy: Match.objectLike({ MinimumLength: 12, RequireLowercase: true, RequireUppercase: true, RequireNumbers: true, RequireSymbols: true }) },
      UserPoolTier: 'PLUS',
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
    });
  });

  it('has the admin, manager and agent groups', () => {
    const groups = Object.values(resourcesOf(stateful, 'AWS::Cognito::UserPoolGroup')).map((group) => group.Properties.GroupName);
    expect(groups.sort()).toEqual(['admin', 'agent', 'manager']);
  });

  it('gives integrations a client-credentials client with the comptoir scopes', () => {
    const servers = resourcesOf(stateful, 'AWS::Cognito::UserPoolResourceServer');
    const [resourceServer, server] = Object.entries(servers)[0]!;
    expect(server.Properties).toMatchObject({ Identifier: 'comptoir', Scopes: [{ ScopeName: 'integration' }, { ScopeName: 'read' }, { ScopeName: 'quote-requests' }] });
    const formClient = Object.values(resourcesOf(stateful, 'AWS::Cognito::UserPoolClient')).find((candidate) => candidate.Properties.ClientName === 'quote-requests');
    expect((formClient?.Properties.AllowedOAuthScopes as unknown[]).map((scope) => evaluate(scope, { [resourceServer]: 'comptoir' }))).toEqual(['comptoir/quote-requests']);
    const client = Object.values(resourcesOf(stateful, 'AWS::Cognito::UserPoolClient')).find((candidate) => candidate.Properties.ClientName === 'integration');
    expect(client?.Properties).toMatchObject({
      GenerateSecret: true,
      AllowedOAuthFlows: ['client_credentials'],
      AllowedOAuthFlowsUserPoolClient: true,
      ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'],
    });
    const scopes = (client?.Properties.AllowedOAuthScopes as unknown[]).map((scope) => evaluate(scope, { [resourceServer]: 'comptoir' }));
    expect(scopes).toEqual(['comptoir/integration', 'comptoir/read']);
  });

  it('gives the web app a public client that signs in with SRP', () => {
    stateful.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      ClientName: 'web-app',
      GenerateSecret: false,
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      AllowedOAuthFlowsUserPoolClient: false,
    });
  });

  it('serves its token endpoint on the configured domain prefix', () => {
    stateful.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: 'comptoir-test' });
  });
});

describe('e-mail', () => {
  const configurationSetRef = () => ({ Ref: logicalId(stacks.stateful.email.configurationSet) });
  const identityArn = () => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ses:eu-west-3:123456789012:identity/', { Ref: logicalId(stacks.stateful.email.identity) }]] });
  const configurationSetArn = () => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ses:eu-west-3:123456789012:configuration-set/', configurationSetRef()]] });
  const notifications = () => stacks.stateless.mailNotifications;
  const consumerId = () => logicalId(notifications().consumer);
  const queueArn = () => ({ 'Fn::GetAtt': [logicalId(notifications().deadLetterQueue), 'Arn'] });

  it('sends from the configured address through a configuration set that requires TLS', () => {
    stateful.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'sales@comptoir.example' });
    stateful.hasResourceProperties('AWS::SES::ConfigurationSet', { DeliveryOptions: { TlsPolicy: 'REQUIRE' } });
  });

  it('publishes the configuration set\'s deliveries, bounces, complaints and rejections to the default event bus', () => {
    const destinations = Object.values(resourcesOf(stateful, 'AWS::SES::ConfigurationSetEventDestination'));
    expect(destinations.map((destination) => destination.Properties)).toEqual([
      {
        ConfigurationSetName: configurationSetRef(),
        EventDestination: {
          Enabled: true,
          MatchingEventTypes: ['delivery', 'bounce', 'complaint', 'reject'],
          EventBridgeDestination: { EventBusArn: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':events:eu-west-3:123456789012:event-bus/default']] } },
        },
      },
    ]);
  });

  it('routes those events of this configuration set only, from the default bus to the notifications consumer, with retries and a dead-letter queue', () => {
    // The rules on the default bus: SES publishes there (the domain events' consumers listen on the comptoir bus).
    const rules = Object.values(resourcesOf(stateless, 'AWS::Events::Rule')).map((rule) => across(rule.Properties) as JsonObject).filter((rule) => rule.EventBusName === 'default');
    expect(rules).toHaveLength(1);
    expect(rules[0]).toMatchObject({
      EventBusName: 'default',
      State: 'ENABLED',
      EventPattern: { source: ['aws.ses'], 'detail-type': SES_NOTIFICATION_DETAIL_TYPES, detail: { mail: { tags: { 'ses:configuration-set': [configurationSetRef()] } } } },
      Targets: [{ Arn: { 'Fn::GetAtt': [consumerId(), 'Arn'] }, DeadLetterConfig: { Arn: queueArn() }, RetryPolicy: { MaximumRetryAttempts: 10, MaximumEventAgeInSeconds: 24 * 3600 } }],
    });
    expect(SES_NOTIFICATION_DETAIL_TYPES).toEqual(['Email Delivered', 'Email Bounced', 'Email Complaint Received', 'Email Rejected']);
    stateless.hasResourceProperties('AWS::Lambda::Permission', { Action: 'lambda:InvokeFunction', Principal: 'events.amazonaws.com', FunctionName: { 'Fn::GetAtt': [consumerId(), 'Arn'] } });
  });

  it('retries a failed notification twice, then dead-letters it to the same encrypted queue', () => {
    stateless.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: consumerId() },
      MaximumRetryAttempts: 2,
      MaximumEventAgeInSeconds: 6 * 3600,
      DestinationConfig: { OnFailure: { Destination: queueArn() } },
    });
    const queue = resourcesOf(stateless, 'AWS::SQS::Queue')[logicalId(notifications().deadLetterQueue)]!;
    expect(queue.Properties).toMatchObject({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 24 * 3600 });
    const queuePolicy = Object.values(resourcesOf(stateless, 'AWS::SQS::QueuePolicy')).find((policy) => JSON.stringify(policy.Properties.Queues) === JSON.stringify([{ Ref: logicalId(notifications().deadLetterQueue) }]));
    const statements = (queuePolicy!.Properties.PolicyDocument as { Statement: Statement[] }).Statement;
    expect(statements.find((statement) => statement.Effect === 'Deny')).toMatchObject({ Condition: { Bool: { 'aws:SecureTransport': 'false' } } });
    expect(statements.find((statement) => statement.Effect === 'Allow')).toMatchObject({ Action: 'sqs:SendMessage', Principal: { Service: 'events.amazonaws.com' } });
  });

  it('lets the consumer read and write the ledger\'s items and write its events, and nothing else of the table', () => {
    const statements = statementsOf(consumerId());
    const leadingKeys = (...prefixes: string[]) => ({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': prefixes } });
    expect(tableStatementsOf(statements)).toEqual([
      { Effect: 'Allow', Action: 'dynamodb:GetItem', Resource: tableArn(), Condition: leadingKeys('MAIL#*', 'SES_MESSAGE#*') },
      { Effect: 'Allow', Action: 'dynamodb:PutItem', Resource: tableArn(), Condition: leadingKeys('MAIL#*', 'EVENT#*') },
    ]);
    expect(statements.flatMap(actionsOf).every((action) => /^(dynamodb:(GetItem|PutItem)|sqs:(SendMessage|GetQueueAttributes|GetQueueUrl)|logs:|xray:)/.test(action))).toBe(true);
    expect(statements.filter((statement) => actionsOf(statement).some((action) => action.startsWith('sqs:'))).map((statement) => statement.Resource)).toEqual([queueArn()]);
    const variables = (across(resourcesOf(stateless, 'AWS::Lambda::Function')[consumerId()]!.Properties.Environment) as { Variables: JsonObject }).Variables;
    expect(Object.keys(variables).sort()).toEqual(['NODE_OPTIONS', 'POWERTOOLS_SERVICE_NAME', 'TABLE_NAME']);
  });

  it('grants sending exactly SendRawEmail on the identity and the configuration set, and put and get on the mail archive', () => {
    const [policy, ...others] = Object.values(resourcesOf(stateful, 'AWS::IAM::ManagedPolicy'));
    expect(others).toEqual([]);
    expect((policy!.Properties.PolicyDocument as { Statement: Statement[] }).Statement).toEqual([
      { Effect: 'Allow', Action: 'ses:SendRawEmail', Resource: [identityArn(), configurationSetArn()] },
      { Effect: 'Allow', Action: ['s3:PutObject', 's3:GetObject'], Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [logicalId(stacks.stateful.files.bucket), 'Arn'] }, '/mail/*']] } },
    ]);
  });

  it('grants it to the contexts that send only; one granted it gets the policy and the mailer\'s environment, and no other statement', () => {
    const policyRef = { Ref: logicalId(stacks.stateful.mailSending.policy) };
    const senders = new Set(httpFunctions().filter((candidate) => MAIL_SENDING_CONTEXTS.has(candidate.name)).map((candidate) => (lambdaResource(candidate).Properties.Role as { 'Fn::GetAtt': [string] })['Fn::GetAtt'][0]));
    expect(senders.size).toBe(MAIL_SENDING_CONTEXTS.size);
    for (const [id, role] of Object.entries(resourcesOf(stateless, 'AWS::IAM::Role'))) expect(JSON.stringify(across(role.Properties)).includes(JSON.stringify(policyRef)), id).toBe(senders.has(id));
    let sender!: ReturnType<typeof addMailSender>;
    const granted = testStacks({ extend: (built) => (sender = addMailSender(built)) });
    const senderResource = granted.templates.stateless.findResources('AWS::Lambda::Function')[logicalId(sender)] as Resource;
    const role = (senderResource.Properties.Role as { 'Fn::GetAtt': [string] })['Fn::GetAtt'][0];
    const resolve = (value: unknown) => acrossStacks(value, granted);
    expect(resolve((granted.templates.stateless.findResources('AWS::IAM::Role')[role] as Resource).Properties.ManagedPolicyArns)).toEqual([policyRef]);
    expect((resolve(senderResource.Properties.Environment) as { Variables: JsonObject }).Variables).toMatchObject({
      MAIL_FROM: 'sales@comptoir.example',
      MAIL_FROM_NAME: 'Comptoir Test',
      SES_CONFIGURATION_SET: configurationSetRef(),
      FILES_BUCKET: { Ref: logicalId(stacks.stateful.files.bucket) },
    });
    const inline = statementsOf(logicalId(sender), granted.templates.stateless, resolve).flatMap(actionsOf);
    expect(inline.filter((action) => !/^(logs|xray):/.test(action))).toEqual([]);
  });
});

describe('the files bucket', () => {
  const bucketId = () => logicalId(stacks.stateful.files.bucket);
  const logsId = () => logicalId(stacks.stateful.files.accessLogs);

  it('is private, encrypted, and logs its accesses to a bucket of its own kept a year', () => {
    for (const id of [bucketId(), logsId()]) {
      expect(resourcesOf(stateful, 'AWS::S3::Bucket')[id]!.Properties, id).toMatchObject({
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
        OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      });
    }
    expect(resourcesOf(stateful, 'AWS::S3::Bucket')[bucketId()]!.Properties.LoggingConfiguration).toEqual({ DestinationBucketName: { Ref: logsId() }, LogFilePrefix: 'files/' });
    expect(resourcesOf(stateful, 'AWS::S3::Bucket')[logsId()]!.Properties.LifecycleConfiguration).toEqual({ Rules: [{ ExpirationInDays: 365, Status: 'Enabled' }] });
  });

  it('refuses plain HTTP, and takes log deliveries from the files bucket only, by policy rather than ACL', () => {
    const policies = Object.values(resourcesOf(stateful, 'AWS::S3::BucketPolicy'));
    const statementsFor = (id: string) => (policies.find((policy) => JSON.stringify(policy.Properties.Bucket) === JSON.stringify({ Ref: id }))!.Properties.PolicyDocument as { Statement: Statement[] }).Statement;
    for (const id of [bucketId(), logsId()]) {
      expect(statementsFor(id), id).toContainEqual(expect.objectContaining({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
    }
    expect(statementsFor(logsId())).toContainEqual(
      expect.objectContaining({
        Effect: 'Allow',
        Action: 's3:PutObject',
        Principal: { Service: 'logging.s3.amazonaws.com' },
        Condition: { ArnLike: { 'aws:SourceArn': { 'Fn::GetAtt': [bucketId(), 'Arn'] } }, StringEquals: { 'aws:SourceAccount': '123456789012' } },
      }),
    );
    expect(resourcesOf(stateful, 'AWS::S3::Bucket')[logsId()]!.Properties.AccessControl).toBeUndefined();
  });
});

describe('the schedules', () => {
  const deployed = () => stacks.stateless.schedules.deployed;
  const expiry = () => deployed().find(({ definition }) => definition.name === 'quote-expiry')!;
  const arnOf = (construct: { node: { defaultChild?: unknown } }) => ({ 'Fn::GetAtt': [logicalId(construct), 'Arn'] });
  const scheduleOf = (entry: DeployedSchedule) => resourcesOf(stateless, 'AWS::Scheduler::Schedule')[logicalId(entry.schedule)]!;

  it('are the entries of infra/schedules.ts, each with a target of its own', () => {
    expect(deployed().map(({ definition }) => definition)).toEqual(SCHEDULES);
    expect(Object.keys(resourcesOf(stateless, 'AWS::Scheduler::Schedule'))).toHaveLength(SCHEDULES.length);
    expect(new Set(deployed().map(({ target }) => logicalId(target))).size).toBe(SCHEDULES.length);
  });

  it('run the quote expiry every day at 00:15 in Paris, within a flexible window, with the scheduled time as input', () => {
    expect(scheduleOf(expiry()).Properties).toEqual({
      Name: 'Comptoir-test-Service-quote-expiry',
      Description: expiry().definition.description,
      ScheduleExpression: 'cron(15 0 * * ? *)',
      ScheduleExpressionTimezone: 'Europe/Paris',
      FlexibleTimeWindow: { Mode: 'FLEXIBLE', MaximumWindowInMinutes: 15 },
      State: 'ENABLED',
      Target: {
        Arn: arnOf(expiry().target),
        RoleArn: arnOf(expiry().schedulerRole),
        Input: JSON.stringify({ schedule: 'quote-expiry', scheduledTime: '<aws.scheduler.scheduled-time>', timeZone: 'Europe/Paris' }),
        RetryPolicy: { MaximumRetryAttempts: 10, MaximumEventAgeInSeconds: 6 * 3600 },
        DeadLetterConfig: { Arn: arnOf(expiry().deadLetterQueue) },
      },
    });
  });

  it('act through a role that only this schedule of this account may assume, to invoke its target and dead-letter, nothing else', () => {
    for (const entry of deployed()) {
      const role = resourcesOf(stateless, 'AWS::IAM::Role')[logicalId(entry.schedulerRole)]!;
      expect(role.Properties.AssumeRolePolicyDocument).toEqual({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: 'sts:AssumeRole',
            Principal: { Service: 'scheduler.amazonaws.com' },
            Condition: {
              StringEquals: {
                'aws:SourceAccount': '123456789012',
                'aws:SourceArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:scheduler:eu-west-3:123456789012:schedule/default/Comptoir-test-Service-${entry.definition.name}`]] },
              },
            },
          },
        ],
      });
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
      const policies = Object.values(resourcesOf(stateless, 'AWS::IAM::Policy')).filter((policy) => JSON.stringify(policy.Properties.Roles) === JSON.stringify([{ Ref: logicalId(entry.schedulerRole) }]));
      expect(policies.flatMap((policy) => (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement)).toEqual([
        { Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: arnOf(entry.target) },
        { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: arnOf(entry.deadLetterQueue) },
      ]);
    }
  });

  it('have targets that read and write the table, read the cursor secret, and dead-letter a run still failing after two retries', () => {
    for (const entry of deployed()) {
      const targetId = logicalId(entry.target);
      const statements = statementsOf(targetId);
      expect(tableStatementsOf(statements), entry.definition.name).toEqual([
        { Effect: 'Allow', Action: [...TABLE_ACTIONS.read], Resource: [tableArn(), ...indexArns()] },
        { Effect: 'Allow', Action: [...TABLE_ACTIONS.write], Resource: tableArn() },
      ]);
      expect(statements.flatMap(actionsOf).every((action) => /^((dynamodb|logs|xray):|secretsmanager:(GetSecretValue|DescribeSecret)$|sqs:(SendMessage|GetQueueAttributes|GetQueueUrl)$)/.test(action))).toBe(true);
      expect(statements.filter((statement) => actionsOf(statement).some((action) => action.startsWith('sqs:'))).map((statement) => statement.Resource)).toEqual([arnOf(entry.deadLetterQueue)]);
      const variables = (across(resourcesOf(stateless, 'AWS::Lambda::Function')[targetId]!.Properties.Environment) as { Variables: JsonObject }).Variables;
      expect(variables).toEqual({
        POWERTOOLS_SERVICE_NAME: `comptoir-schedule-${entry.definition.name}`,
        NODE_OPTIONS: '--enable-source-maps',
        TABLE_NAME: { Ref: logicalId(stacks.stateful.data.table) },
        CURSOR_SECRET_ARN: { Ref: logicalId(stacks.stateful.data.cursorSecret) },
      });
      stateless.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
        FunctionName: { Ref: targetId },
        MaximumRetryAttempts: 2,
        MaximumEventAgeInSeconds: 6 * 3600,
        DestinationConfig: { OnFailure: { Destination: arnOf(entry.deadLetterQueue) } },
      });
    }
  });

  it('dead-letter to an encrypted queue of their own that refuses plain HTTP', () => {
    for (const entry of deployed()) {
      expect(resourcesOf(stateless, 'AWS::SQS::Queue')[logicalId(entry.deadLetterQueue)]!.Properties).toMatchObject({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 24 * 3600 });
      const queuePolicy = Object.values(resourcesOf(stateless, 'AWS::SQS::QueuePolicy')).find((policy) => JSON.stringify(policy.Properties.Queues) === JSON.stringify([{ Ref: logicalId(entry.deadLetterQueue) }]));
      expect((queuePolicy!.Properties.PolicyDocument as { Statement: Statement[] }).Statement).toContainEqual(expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
    }
  });

  it('refuse to synthesize a schedule whose target module is missing', () => {
    const stack = new Stack();
    const table = new Table(stack, 'Table', { partitionKey: { name: 'pk', type: AttributeType.STRING } });
    const missing = { ...SCHEDULES[0]!, name: 'nightly-nothing', target: 'functions/schedules/nightly-nothing.ts' } as const;
    expect(() => new Schedules(stack, 'Schedules', { schedules: [missing], projectRoot: repositorySources().projectRoot, table, cursorSecret: new Secret(stack, 'Secret'), removalPolicy: RemovalPolicy.DESTROY })).toThrow(
      'The schedule nightly-nothing has no target: create functions/schedules/nightly-nothing.ts exporting handler (functions/schedules/schedule-handler.ts)',
    );
  });
});
