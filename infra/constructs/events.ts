import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { Duration, type RemovalPolicy, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { EventBus, type IEventBus } from 'aws-cdk-lib/aws-events';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { TABLE_KEYS } from '../table-definition.ts';
import { NodeFunction, X_RAY_WILDCARD_REASON } from './node-function.ts';

export const EVENT_BUS_NAME = 'comptoir';
/** Use cases write each domain event as an item of the table (an outbox) whose pk starts with this. */
export const DOMAIN_EVENT_KEY_PREFIX = 'EVENT#';

/**
 * The `comptoir` bus: the published face of the system. Consumers (webhooks, analytics, other accounts) attach
 * rules to it and may archive it, so its name and ARN must outlive every code deployment: it lives in the stateful stack.
 */
export class DomainEventBus extends Construct {
  readonly bus: EventBus;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.bus = new EventBus(this, 'Bus', { eventBusName: EVENT_BUS_NAME, description: 'Comptoir domain events' });
  }
}

export interface DomainEventRelayProps {
  readonly table: ITable;
  readonly bus: IEventBus;
  readonly publisherEntry: string;
  readonly projectRoot: string;
  readonly removalPolicy: RemovalPolicy;
}

/**
 * Domain events reach the bus through the table's stream: an event is saved in the same transaction as the state
 * change, then the publisher forwards each new event item. Nothing is published that was not stored.
 */
export class DomainEventRelay extends Construct {
  readonly publisher: NodejsFunction;
  /**
   * Batches the publisher still failed after its retries, kept for inspection. A stream's failure destination gets
   * where the batch lies in the stream, not the events: those stay in the table.
   */
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: DomainEventRelayProps) {
    super(scope, id);
    if (!existsSync(props.publisherEntry)) {
      throw new Error(
        `The domain-event publisher is missing: create ${relative(props.projectRoot, props.publisherEntry)} exporting handler (DynamoDB stream event)`,
      );
    }

    this.deadLetterQueue = new Queue(this, 'PublisherDeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is itself the dead-letter destination of the publisher\'s stream event source.',
    });

    const publisher = new NodeFunction(this, 'Publisher', {
      entry: props.publisherEntry,
      projectRoot: props.projectRoot,
      description: 'Publishes the domain events saved in the table to the comptoir event bus',
      serviceName: 'comptoir-domain-events',
      memorySize: 512,
      timeout: Duration.seconds(30),
      environment: { EVENT_BUS_NAME: props.bus.eventBusName },
      removalPolicy: props.removalPolicy,
      wildcardResourceReason: `dynamodb:ListStreams (granted with the stream read) has no resource-level permissions. ${X_RAY_WILDCARD_REASON}`,
    });
    this.publisher = publisher.function;
    props.bus.grantPutEventsTo(this.publisher);
    this.publisher.addEventSource(
      new DynamoEventSource(props.table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: 100,
        maxBatchingWindow: Duration.seconds(1),
        bisectBatchOnError: true,
        // The relay names the records whose events the bus refused: only those (and what follows) are retried.
        reportBatchItemFailures: true,
        retryAttempts: 10,
        maxRecordAge: Duration.days(1),
        onFailure: new SqsDlq(this.deadLetterQueue),
        // Only new event items invoke the publisher: no invocation (nor cost) for the rest of the table's writes.
        filters: [
          FilterCriteria.filter({
            eventName: FilterRule.isEqual('INSERT'),
            dynamodb: { Keys: { [TABLE_KEYS.partitionKey]: { S: FilterRule.beginsWith(DOMAIN_EVENT_KEY_PREFIX) } } },
          }),
        ],
      }),
    );
  }
}
