import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import { AttributeType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { EventBus } from 'aws-cdk-lib/aws-events';
import { beforeAll, describe, expect, it } from 'vitest';
import { COUNTED_QUOTE_EVENTS } from '../../domain/analytics/index.ts';
import { quoteEventSchemas } from '../../domain/quotes/index.ts';
import { EventConsumerFunctions } from '../../infra/constructs/event-consumer-functions.ts';
import type { JsonObject } from '../../infra/constructs/openapi-contract.ts';
import { TABLE_ACTIONS } from '../../infra/constructs/table-access.ts';
import { EVENT_CONSUMERS } from '../../infra/event-consumers.ts';
import { REPOSITORY_ROOT } from '../../infra/stacks/stateless-stack.ts';
import { acrossStacks, logicalId, testStacks, type TestStacks } from './fixtures/comptoir-stack.ts';

type Resource = { Type: string; Properties: JsonObject };
type Statement = { Action: string | string[]; Resource: unknown; Effect: string; Condition?: unknown };

let stacks: TestStacks;
let stateless: Template;
beforeAll(() => {
  stacks = testStacks();
  stateless = stacks.templates.stateless;
});

const resourcesOf = (type: string) => stateless.findResources(type) as Record<string, Resource>;
const across = (value: unknown) => acrossStacks(value, stacks);
const consumers = () => stacks.stateless.consumers.functions;
const tableArn = () => ({ 'Fn::GetAtt': [logicalId(stacks.stateful.data.table), 'Arn'] });
const actionsOf = (statement: Statement) => [statement.Action].flat();

function statementsOf(lambdaLogicalId: string): Statement[] {
  const role = (resourcesOf('AWS::Lambda::Function')[lambdaLogicalId]!.Properties.Role as { 'Fn::GetAtt': [string] })['Fn::GetAtt'][0];
  return Object.values(resourcesOf('AWS::IAM::Policy'))
    .filter((policy) => JSON.stringify(policy.Properties.Roles) === JSON.stringify([{ Ref: role }]))
    .flatMap((policy) => (across(policy.Properties.PolicyDocument) as { Statement: Statement[] }).Statement);
}

describe('the event consumers', () => {
  it('are those of infra/event-consumers.ts; the analytics take every quote event they count, each one the quotes context emits', () => {
    expect(consumers().map(({ consumer }) => consumer.name)).toEqual(EVENT_CONSUMERS.map((consumer) => consumer.name));
    const analytics = EVENT_CONSUMERS.find((consumer) => consumer.name === 'quote-analytics')!;
    expect(analytics.eventTypes).toEqual(COUNTED_QUOTE_EVENTS);
    expect(analytics.eventTypes.filter((type) => !(type in quoteEventSchemas))).toEqual([]);
  });

  it('each get the events of their types from the bus through a rule, retried for a day, then kept in their queue', () => {
    for (const { consumer, lambda, rule, deadLetterQueue } of consumers()) {
      const { Properties } = resourcesOf('AWS::Events::Rule')[logicalId(rule)]!;
      expect(across(Properties), consumer.name).toMatchObject({
        EventBusName: { Ref: logicalId(stacks.stateful.events.bus) },
        EventPattern: { source: [...new Set(consumer.eventTypes.map((type) => `comptoir.${type.split('.')[0]}`))], 'detail-type': [...consumer.eventTypes] },
        Targets: [
          {
            Arn: { 'Fn::GetAtt': [logicalId(lambda), 'Arn'] },
            DeadLetterConfig: { Arn: { 'Fn::GetAtt': [logicalId(deadLetterQueue), 'Arn'] } },
            RetryPolicy: { MaximumEventAgeInSeconds: 24 * 3600, MaximumRetryAttempts: 185 },
          },
        ],
      });
    }
  });

  it('each retry a failed run twice, then put the event in their queue, encrypted and TLS only', () => {
    for (const { consumer, lambda, deadLetterQueue } of consumers()) {
      const config = Object.values(resourcesOf('AWS::Lambda::EventInvokeConfig')).find((candidate) => JSON.stringify(candidate.Properties.FunctionName) === JSON.stringify({ Ref: logicalId(lambda) }));
      expect(config?.Properties, consumer.name).toMatchObject({ MaximumRetryAttempts: 2, DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [logicalId(deadLetterQueue), 'Arn'] } } } });
      expect(resourcesOf('AWS::SQS::Queue')[logicalId(deadLetterQueue)]?.Properties).toMatchObject({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 24 * 3600 });
    }
  });

  it('each run on Node.js 24, ARM, with the table name only', () => {
    for (const { consumer, lambda } of consumers()) {
      const { Properties } = resourcesOf('AWS::Lambda::Function')[logicalId(lambda)]!;
      expect(Properties, consumer.name).toMatchObject({ Runtime: 'nodejs24.x', Architectures: ['arm64'], TracingConfig: { Mode: 'Active' } });
      const variables = (across(Properties.Environment) as { Variables: Record<string, unknown> }).Variables;
      expect(Object.keys(variables).sort()).toEqual(['NODE_OPTIONS', 'POWERTOOLS_SERVICE_NAME', 'TABLE_NAME']);
      expect(variables.TABLE_NAME).toEqual({ Ref: logicalId(stacks.stateful.data.table) });
    }
  });

  it('each may read and write only the table items under their key prefixes, and send only to their queue', () => {
    for (const { consumer, lambda, deadLetterQueue } of consumers()) {
      const statements = statementsOf(logicalId(lambda));
      expect(statements.filter((statement) => actionsOf(statement).some((action) => action.startsWith('dynamodb:'))), consumer.name).toEqual([
        {
          Effect: 'Allow',
          Action: [...TABLE_ACTIONS.read, ...TABLE_ACTIONS.write],
          Resource: tableArn(),
          Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': consumer.tableKeyPrefixes.map((prefix) => `${prefix}*`) } },
        },
      ]);
      const actions = statements.flatMap(actionsOf);
      expect(actions.every((action) => /^(dynamodb|logs|xray|sqs):/.test(action)), consumer.name).toBe(true);
      for (const statement of statements.filter((candidate) => actionsOf(candidate).some((action) => action.startsWith('sqs:')))) {
        expect(statement.Resource).toEqual({ 'Fn::GetAtt': [logicalId(deadLetterQueue), 'Arn'] });
      }
      expect(statements.filter((statement) => statement.Resource === '*').flatMap(actionsOf).sort()).toEqual(['xray:PutTelemetryRecords', 'xray:PutTraceSegments']);
    }
  });

  it('refuse to synthesize without their module', () => {
    const stack = new Stack(new App(), 'Consumers');
    const props = { projectRoot: REPOSITORY_ROOT, table: new Table(stack, 'Table', { partitionKey: { name: 'pk', type: AttributeType.STRING } }), bus: new EventBus(stack, 'Bus'), removalPolicy: RemovalPolicy.DESTROY };
    const missing = { ...EVENT_CONSUMERS[0]!, name: 'webhooks', module: 'functions/events/webhooks.ts' };
    expect(() => new EventConsumerFunctions(stack, 'EventConsumers', { ...props, consumers: [missing] })).toThrow('The event consumer webhooks is missing: create functions/events/webhooks.ts exporting handler (EventBridge event)');
  });
});
