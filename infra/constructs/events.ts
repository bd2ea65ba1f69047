import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { Duration, type RemovalPolicy, Validations } from 'aws-cdk-lib';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { EventBus } from 'aws-cdk-lib/aws-events';
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

export interface DomainEventsProps {
  readonly table: Table;
  readonly publisherEntry: string;
  readonly projectRoot: string;
  readonly removalPolicy: RemovalPolicy;
}

/**
 * Domain events reach the `comptoir` bus through the table's stream: an event is saved in the same transaction
 * as the state change, then the publisher forwards each new event item. Nothing is published that was not stored.
 */
export class DomainEvents extends Construct {
  readonly bus: EventBus;
  readonly publisher: NodejsFunction;
  /** Batches the publisher still failed after its retries, kept for inspection and replay. */
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: DomainEventsProps) {
    super(scope, id);
    if (!existsSync(props.publisherEntry)) {
      throw new Error(
        `The domain-event publisher is missing: create ${relative(props.projectRoot, props.publisherEntry)} exporting handler (DynamoDB stream event)`,
      );
    }
    this.bus = new EventBus(this, 'Bus', { eventBusName: EVENT_BUS_NAME, description: 'Comptoir domain events' });

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
      environment: { EVENT_BUS_NAME: this.bus.eventBusName },
      removalPolicy: props.removalPolicy,
      wildcardResourceReason: `dynamodb:ListStreams (granted with the stream read) has no resource-level permissions. ${X_RAY_WILDCARD_REASON}`,
    });
    this.publisher = publisher.function;
    this.bus.grantPutEventsTo(this.publisher);
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
