import { join } from 'node:path';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { EVENT_BUS_NAME } from '../../infra/constructs/events.ts';
import { contextsOf, listOperations, loadContract, type JsonObject } from '../../infra/constructs/openapi-contract.ts';
import { type ComptoirStack, repositorySources } from '../../infra/stacks/comptoir-stack.ts';
import { createTableInput, TTL_ATTRIBUTE } from '../../infra/table-definition.ts';
import { FIXTURE_CONTRACT, logicalId, testStack } from './fixtures/comptoir-stack.ts';

type Resource = { Type: string; Properties: JsonObject };

let stack: ComptoirStack;
let template: Template;
const operations = listOperations(loadContract(repositorySources().contractFile));
const contexts = contextsOf(operations);

beforeAll(() => {
  ({ stack, template } = testStack());
});

const resourcesOf = (type: string) => template.findResources(type) as Record<string, Resource>;
const functionOf = (context: string) => resourcesOf('AWS::Lambda::Function')[logicalId(stack.httpFunctions.forContext(context))]!;
const importedDefinition = () => Object.values(resourcesOf('AWS::ApiGateway::RestApi'))[0]!.Properties.Body as JsonObject;

/** Every statement of the policies attached to a function's role. */
function statementsOf(lambdaLogicalId: string): Array<{ Action: string | string[]; Resource: unknown; Effect: string }> {
  const role = (resourcesOf('AWS::Lambda::Function')[lambdaLogicalId]!.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
  return Object.values(resourcesOf('AWS::IAM::Policy'))
    .filter((policy) => JSON.stringify(policy.Properties.Roles) === JSON.stringify([{ Ref: role }]))
    .flatMap((policy) => (policy.Properties.PolicyDocument as { Statement: [] }).Statement);
}
const actionsOf = (statement: { Action: string | string[] }) => [statement.Action].flat();

/** The string CloudFormation makes of Fn::Join and Ref, given the values of the references. */
function evaluate(value: unknown, refs: Record<string, string>): string {
  const all: Record<string, string> = { 'AWS::URLSuffix': 'amazonaws.com', 'AWS::Region': 'eu-west-3', 'AWS::Partition': 'aws', ...refs };
  if (typeof value === 'string') return value;
  const object = value as { Ref?: string; 'Fn::Join'?: [string, unknown[]] };
  if (object.Ref !== undefined && object.Ref in all) return all[object.Ref]!;
  if (object['Fn::Join'] !== undefined) return object['Fn::Join'][1].map((part) => evaluate(part, refs)).join(object['Fn::Join'][0]);
  throw new Error(`Cannot evaluate ${JSON.stringify(value)}`);
}

describe('the table', () => {
  it('has the keys, indexes and stream of infra/table-definition.ts', () => {
    const definition = createTableInput('any');
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: definition.KeySchema,
      AttributeDefinitions: Match.arrayEquals(definition.AttributeDefinitions.map((attribute) => Match.objectEquals(attribute))),
      GlobalSecondaryIndexes: definition.GlobalSecondaryIndexes,
      StreamSpecification: { StreamViewType: definition.StreamSpecification.StreamViewType },
      BillingMode: definition.BillingMode,
    });
  });

  it('expires items on the TTL attribute, keeps point-in-time recovery and is encrypted', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true },
    });
  });

  it('is deleted with a development stack but retained and protected in production', () => {
    template.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Delete', Properties: Match.objectLike({ DeletionProtectionEnabled: false }) });
    const production = testStack({ production: true }).template;
    production.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain', Properties: Match.objectLike({ DeletionProtectionEnabled: true }) });
    production.hasResource('AWS::Cognito::UserPool', { DeletionPolicy: 'Retain', Properties: Match.objectLike({ DeletionProtection: 'ACTIVE' }) });
  });
});

describe('the HTTP Lambdas', () => {
  it('exist once per bounded context of the contract', () => {
    expect(contexts.length).toBeGreaterThan(0);
    const functions = resourcesOf('AWS::Lambda::Function');
    for (const context of contexts) expect(functions[logicalId(stack.httpFunctions.forContext(context))]).toBeDefined();
  });

  it.each(contexts)('%s runs on Node.js 24, ARM, ESM, traced, with its environment', (context) => {
    const { Properties } = functionOf(context);
    expect(Properties).toMatchObject({
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      MemorySize: 1024,
      Timeout: 10,
      TracingConfig: { Mode: 'Active' },
      LoggingConfig: { LogFormat: 'JSON', ApplicationLogLevel: 'INFO' },
    });
    const variables = (Properties.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(Object.keys(variables).sort()).toEqual(
      ['AUTH_ISSUER', 'AUTH_JWKS_URL', 'COMPANY_COUNTRY', 'CORS_ALLOWED_ORIGINS', 'CURSOR_SECRET_ARN', 'EVENT_BUS_NAME', 'NODE_OPTIONS', 'POWERTOOLS_SERVICE_NAME', 'TABLE_NAME'].sort(),
    );
    expect(variables.CURSOR_SECRET_ARN).toEqual({ Ref: logicalId(stack.data.cursorSecret) });
    expect(variables.CORS_ALLOWED_ORIGINS).toBe('*');
    expect(variables.NODE_OPTIONS).toBe('--enable-source-maps');
    expect(variables.POWERTOOLS_SERVICE_NAME).toBe(`comptoir-${context}`);
    expect(variables.TABLE_NAME).toEqual({ Ref: logicalId(stack.data.table) });
    expect(variables.EVENT_BUS_NAME).toEqual({ Ref: logicalId(stack.events.bus) });
    const pool = { [logicalId(stack.auth.userPool)]: 'eu-west-3_pool' };
    expect(evaluate(variables.AUTH_ISSUER, pool)).toBe('https://cognito-idp.eu-west-3.amazonaws.com/eu-west-3_pool');
    expect(evaluate(variables.AUTH_JWKS_URL, pool)).toBe('https://cognito-idp.eu-west-3.amazonaws.com/eu-west-3_pool/.well-known/jwks.json');
  });

  it.each(contexts)('%s logs to its own log group, kept a month', (context) => {
    const logGroup = (functionOf(context).Properties.LoggingConfig as { LogGroup: { Ref: string } }).LogGroup.Ref;
    expect(resourcesOf('AWS::Logs::LogGroup')[logGroup]?.Properties.RetentionInDays).toBe(30);
  });

  it.each(contexts)('%s may read and write the table and its indexes, read the cursor secret, and nothing else', (context) => {
    const statements = statementsOf(logicalId(stack.httpFunctions.forContext(context)));
    const table = logicalId(stack.data.table);
    const actions = statements.flatMap(actionsOf);
    expect(actions.filter((action) => action.includes('*'))).toEqual([]);
    expect(actions.every((action) => /^(dynamodb|logs|xray):/.test(action) || action.startsWith('secretsmanager:'))).toBe(true);
    const secretStatements = statements.filter((statement) => actionsOf(statement).some((action) => action.startsWith('secretsmanager:')));
    expect(secretStatements).toHaveLength(1);
    expect(actionsOf(secretStatements[0]!).sort()).toEqual(['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue']);
    expect(secretStatements[0]!.Resource).toEqual({ Ref: logicalId(stack.data.cursorSecret) });
    const tableStatement = statements.find((statement) => actionsOf(statement).includes('dynamodb:PutItem'));
    expect(actionsOf(tableStatement!)).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:ConditionCheckItem']));
    expect(tableStatement!.Resource).toEqual([
      { 'Fn::GetAtt': [table, 'Arn'] },
      { 'Fn::Join': ['', [{ 'Fn::GetAtt': [table, 'Arn'] }, '/index/*']] },
    ]);
    const wildcard = statements.filter((statement) => statement.Resource === '*');
    expect(wildcard.flatMap(actionsOf).sort()).toEqual(['xray:PutTelemetryRecords', 'xray:PutTraceSegments']);
  });

  it('uses no AWS managed policy', () => {
    for (const context of contexts) {
      const role = (functionOf(context).Properties.Role as { 'Fn::GetAtt': [string] })['Fn::GetAtt'][0];
      expect(resourcesOf('AWS::IAM::Role')[role]?.Properties.ManagedPolicyArns).toBeUndefined();
    }
  });

  it('may each be invoked by the API stage', () => {
    for (const context of contexts) {
      template.hasResourceProperties('AWS::Lambda::Permission', {
        Action: 'lambda:InvokeFunction',
        Principal: 'apigateway.amazonaws.com',
        FunctionName: { 'Fn::GetAtt': [logicalId(stack.httpFunctions.forContext(context)), 'Arn'] },
        SourceArn: { 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp('/v1/\\*/\\*$')])] },
      });
    }
  });

  it('refuse to synthesize when a context of the contract has no handler', () => {
    const sources = { httpHandlerEntry: (context: string) => join('/nowhere', context, 'index.ts') };
    expect(() => testStack({ sources })).toThrow(/bounded context "[a-z-]+" has no HTTP handler: create .*index\.ts exporting handler/);
  });
});

describe('the API', () => {
  it('proxies every operation of the contract to the Lambda of its first tag, behind the Cognito authorizer', () => {
    const paths = importedDefinition().paths as Record<string, Record<string, JsonObject>>;
    expect(operations.length).toBeGreaterThan(0);
    for (const { path, method, context } of operations) {
      const operation = paths[path]?.[method];
      const integration = operation?.['x-amazon-apigateway-integration'] as JsonObject;
      expect(integration).toMatchObject({ type: 'aws_proxy', httpMethod: 'POST' });
      const uri = JSON.stringify(integration.uri);
      expect(uri).toContain(`"Fn::GetAtt":["${logicalId(stack.httpFunctions.forContext(context))}","Arn"]`);
      expect(uri).toContain(':lambda:path/2015-03-31/functions/');
      const security = operation?.security as Array<Record<string, string[]>>;
      expect(security).toHaveLength(1);
      expect(security[0]?.bearer).toEqual(expect.arrayContaining(['aws.cognito.signin.user.admin', 'comptoir/integration']));
    }
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
    const listed = testStack({ corsAllowedOrigins: origins });
    const lambda = listed.template.findResources('AWS::Lambda::Function')[logicalId(listed.stack.httpFunctions.forContext(contexts[0]!))] as Resource;
    expect((lambda.Properties.Environment as { Variables: JsonObject }).Variables).toMatchObject({ CORS_ALLOWED_ORIGINS: origins.join(','), COMPANY_COUNTRY: 'BE' });
    const integration = (listed.stack.api.definition.paths as Record<string, Record<string, JsonObject>>)['/customers']?.options?.['x-amazon-apigateway-integration'];
    const template = (integration as { responses: { default: { responseTemplates: Record<string, string> } } }).responses.default.responseTemplates['application/json'];
    expect(template).toContain('#if($origin == "https://app.example.com" || $origin == "https://admin.example.com")');
  });

  it('checks bearer tokens with the user pool', () => {
    const schemes = (importedDefinition().components as { securitySchemes: Record<string, JsonObject> }).securitySchemes;
    expect(schemes.bearer).toEqual({
      type: 'apiKey',
      name: 'Authorization',
      in: 'header',
      'x-amazon-apigateway-authtype': 'cognito_user_pools',
      'x-amazon-apigateway-authorizer': { type: 'cognito_user_pools', providerARNs: [{ 'Fn::GetAtt': [logicalId(stack.auth.userPool), 'Arn'] }] },
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
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      StageName: 'v1',
      TracingEnabled: true,
      AccessLogSetting: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('^\\{"requestId":"\\$context.requestId"') },
      MethodSettings: [Match.objectLike({ HttpMethod: '*', ResourcePath: '/*', MetricsEnabled: true, LoggingLevel: 'ERROR', DataTraceEnabled: false, ThrottlingRateLimit: 100, ThrottlingBurstLimit: 200 })],
    });
    const format = (Object.values(resourcesOf('AWS::ApiGateway::Stage'))[0]!.Properties.AccessLogSetting as { Format: string }).Format;
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
    template.hasResourceProperties('AWS::ApiGateway::RestApi', { MinimumCompressionSize: 1024 });
  });

  it('seals list cursors with a secret Secrets Manager generates, kept with the data in production', () => {
    const secret = resourcesOf('AWS::SecretsManager::Secret')[logicalId(stack.data.cursorSecret)]!;
    expect(secret.Properties.GenerateSecretString).toEqual({ PasswordLength: 64, ExcludePunctuation: true });
    expect(secret.Properties.SecretString).toBeUndefined();
    expect(Object.keys(resourcesOf('AWS::SecretsManager::Secret'))).toHaveLength(1);
    const production = testStack({ production: true });
    const retained = Object.values(production.template.findResources('AWS::SecretsManager::Secret'))[0] as { DeletionPolicy?: string };
    expect(retained.DeletionPolicy).toBe('Retain');
  });

  it('has a usage plan on the stage', () => {
    template.hasResourceProperties('AWS::ApiGateway::UsagePlan', {
      ApiStages: [Match.objectLike({ Stage: Match.anyValue() })],
      Throttle: { RateLimit: 100, BurstLimit: 200 },
    });
  });

  it('redeploys the stage when the contract changes', () => {
    const deploymentId = (templateOf: Template) => Object.keys(templateOf.findResources('AWS::ApiGateway::Deployment'))[0];
    expect(deploymentId(testStack({ contractFile: FIXTURE_CONTRACT }).template)).not.toBe(deploymentId(template));
  });
});

describe('domain events', () => {
  it('go to the comptoir bus', () => {
    template.hasResourceProperties('AWS::Events::EventBus', { Name: EVENT_BUS_NAME });
  });

  it('invoke the publisher only for new items whose pk starts with EVENT#', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [logicalId(stack.data.table), 'StreamArn'] },
      FunctionName: { Ref: logicalId(stack.events.publisher) },
      FilterCriteria: { Filters: [{ Pattern: JSON.stringify({ eventName: ['INSERT'], dynamodb: { Keys: { pk: { S: [{ prefix: 'EVENT#' }] } } } }) }] },
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: 100,
      BisectBatchOnFunctionError: true,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      MaximumRetryAttempts: 10,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [logicalId(stack.events.deadLetterQueue), 'Arn'] } } },
    });
  });

  it('that keep failing land in an encrypted queue that refuses plain HTTP', () => {
    template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 24 * 3600 });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
  });

  it('are published by a function that may put events on the bus, read the stream and nothing else', () => {
    const publisher = logicalId(stack.events.publisher);
    const statements = statementsOf(publisher);
    const actions = statements.flatMap(actionsOf);
    expect(actions).toEqual(expect.arrayContaining(['events:PutEvents', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'sqs:SendMessage']));
    expect(actions.every((action) => /^(dynamodb:(GetRecords|GetShardIterator|DescribeStream|ListStreams)|events:PutEvents|sqs:|logs:|xray:)/.test(action))).toBe(true);
    const putEvents = statements.find((statement) => actionsOf(statement).includes('events:PutEvents'));
    expect(putEvents?.Resource).toEqual({ 'Fn::GetAtt': [logicalId(stack.events.bus), 'Arn'] });
    const variables = (resourcesOf('AWS::Lambda::Function')[publisher]!.Properties.Environment as { Variables: JsonObject }).Variables;
    expect(variables.EVENT_BUS_NAME).toEqual({ Ref: logicalId(stack.events.bus) });
    expect(variables.TABLE_NAME).toBeUndefined();
  });
});

describe('authentication', () => {
  it('is a user pool for admin-created users with a strong password policy and optional TOTP', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: 'OPTIONAL',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      Policies: { PasswordPolicy: Match.objectLike({ MinimumLength: 12, RequireLowercase: true, RequireUppercase: true, RequireNumbers: true, RequireSymbols: true }) },
      UserPoolTier: 'PLUS',
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
    });
  });

  it('has the admin, manager and agent groups', () => {
    const groups = Object.values(resourcesOf('AWS::Cognito::UserPoolGroup')).map((group) => group.Properties.GroupName);
    expect(groups.sort()).toEqual(['admin', 'agent', 'manager']);
  });

  it('gives integrations a client-credentials client with the comptoir scopes', () => {
    const servers = resourcesOf('AWS::Cognito::UserPoolResourceServer');
    const [resourceServer, server] = Object.entries(servers)[0]!;
    expect(server.Properties).toMatchObject({ Identifier: 'comptoir', Scopes: [{ ScopeName: 'integration' }, { ScopeName: 'read' }] });
    const client = Object.values(resourcesOf('AWS::Cognito::UserPoolClient')).find((candidate) => candidate.Properties.ClientName === 'integration');
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
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      ClientName: 'web-app',
      GenerateSecret: false,
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      AllowedOAuthFlowsUserPoolClient: false,
    });
  });

  it('serves its token endpoint on the configured domain prefix', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: 'comptoir-test' });
  });
});

describe('e-mail', () => {
  it('sends from the configured address through a configuration set that requires TLS', () => {
    template.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'sales@comptoir.example' });
    template.hasResourceProperties('AWS::SES::ConfigurationSet', { DeliveryOptions: { TlsPolicy: 'REQUIRE' } });
  });
});
