import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Duration, type RemovalPolicy, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { type IEventBus, Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { eventSource } from '../../functions/adapters/eventbridge/event-publisher.ts';
import type { EventConsumer } from '../event-consumers.ts';
import { pascalCase } from './http-functions.ts';
import { NodeFunction } from './node-function.ts';
import { grantKeyPrefixAccess } from './table-access.ts';

export interface EventConsumerFunctionsProps {
  readonly consumers: readonly EventConsumer[];
  readonly projectRoot: string;
  readonly table: ITable;
  readonly bus: IEventBus;
  readonly removalPolicy: RemovalPolicy;
}

/** One consumer as deployed. */
export interface EventConsumerFunction {
  readonly consumer: EventConsumer;
  readonly lambda: NodejsFunction;
  readonly rule: Rule;
  /** The events it still failed after every retry, kept 14 days. */
  readonly deadLetterQueue: Queue;
}

/**
 * Each consumer of infra/event-consumers.ts: a rule on the bus for its event types → its Lambda. Two retry stages,
 * both ending in its dead-letter queue: EventBridge retries delivering (a day, with backoff), then Lambda retries a
 * failed run of the asynchronous invocation twice. The consumers dedupe on the event id, so a retry is harmless.
 */
export class EventConsumerFunctions extends Construct {
  readonly functions: readonly EventConsumerFunction[];

  constructor(scope: Construct, id: string, props: EventConsumerFunctionsProps) {
    super(scope, id);
    this.functions = props.consumers.map((consumer) => consumerFunction(new Construct(this, pascalCase(consumer.name)), consumer, props));
  }
}

function consumerFunction(scope: Construct, consumer: EventConsumer, props: EventConsumerFunctionsProps): EventConsumerFunction {
  const entry = join(props.projectRoot, consumer.module);
  if (!existsSync(entry)) throw new Error(`The event consumer ${consumer.name} is missing: create ${consumer.module} exporting handler (EventBridge event)`);

  const deadLetterQueue = new Queue(scope, 'DeadLetters', { encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true, retentionPeriod: Duration.days(14) });
  Validations.of(deadLetterQueue).acknowledge({
    id: 'AwsSolutions-SQS3',
    reason: `This queue is itself the dead-letter destination of the ${consumer.name} consumer (its rule target and its asynchronous invocations).`,
  });

  const { function: lambda } = new NodeFunction(scope, 'Consumer', {
    entry,
    projectRoot: props.projectRoot,
    description: consumer.description,
    serviceName: `comptoir-${consumer.name}`,
    memorySize: 512,
    timeout: Duration.seconds(30),
    environment: { TABLE_NAME: props.table.tableName },
    removalPolicy: props.removalPolicy,
  });
  grantKeyPrefixAccess(props.table, lambda, consumer.tableKeyPrefixes);
  lambda.configureAsyncInvoke({ retryAttempts: 2, maxEventAge: Duration.hours(6), onFailure: new SqsDestination(deadLetterQueue) });

  const rule = new Rule(scope, 'Rule', {
    eventBus: props.bus,
    description: `Sends ${consumer.eventTypes.join(', ')} to ${consumer.name}`,
    eventPattern: { source: [...new Set(consumer.eventTypes.map(eventSource))], detailType: [...consumer.eventTypes] },
    targets: [new LambdaFunction(lambda, { deadLetterQueue, retryAttempts: 185, maxEventAge: Duration.hours(24) })],
  });
  return { consumer, lambda, rule, deadLetterQueue };
}
