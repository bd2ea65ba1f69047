import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { Duration, type RemovalPolicy, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { EventBus, Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { EVENT_PK_PREFIX } from '../../functions/adapters/dynamodb/event-items.ts';
import { MAIL_KEY_PREFIX, SES_MESSAGE_KEY_PREFIX } from '../../functions/adapters/dynamodb/mail-ledger.ts';
import { NodeFunction } from './node-function.ts';

/** The EventBridge detail-types of the events the configuration set publishes (email.ts NOTIFIED_EVENTS). */
export const SES_NOTIFICATION_DETAIL_TYPES = ['Email Delivered', 'Email Bounced', 'Email Complaint Received', 'Email Rejected'];

export interface MailNotificationsProps {
  readonly table: ITable;
  /** Only this configuration set's events: the default bus carries those of every configuration set of the account. */
  readonly configurationSetName: string;
  readonly consumerEntry: string;
  readonly projectRoot: string;
  readonly removalPolicy: RemovalPolicy;
}

/**
 * SES's notifications update the ledger of sent messages: a rule on the default bus sends the configuration set's
 * delivery, bounce, complaint and rejection events to `functions/events/mail-notifications.ts`. Events EventBridge
 * could not deliver, and invocations that still failed after Lambda's retries (a message the ledger does not know),
 * land in one encrypted queue.
 */
export class MailNotifications extends Construct {
  readonly consumer: NodejsFunction;
  readonly rule: Rule;
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: MailNotificationsProps) {
    super(scope, id);
    if (!existsSync(props.consumerEntry)) {
      throw new Error(`The mail notifications consumer is missing: create ${relative(props.projectRoot, props.consumerEntry)} exporting handler (EventBridge event)`);
    }
    this.deadLetterQueue = new Queue(this, 'DeadLetters', { encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true, retentionPeriod: Duration.days(14) });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is itself the dead-letter destination of the notifications rule\'s target and of the consumer\'s asynchronous invocations.',
    });

    const consumer = new NodeFunction(this, 'Consumer', {
      entry: props.consumerEntry,
      projectRoot: props.projectRoot,
      description: 'Records the SES deliveries, bounces, complaints and rejections of the messages sent',
      serviceName: 'comptoir-mail-notifications',
      memorySize: 512,
      timeout: Duration.seconds(10),
      environment: { TABLE_NAME: props.table.tableName },
      removalPolicy: props.removalPolicy,
    });
    this.consumer = consumer.function;
    // It reads a message's look-up and its ledger item, and writes the item with its event: those partitions only.
    const onlyPartitions = (...prefixes: string[]) => ({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': prefixes.map((prefix) => `${prefix}*`) } });
    this.consumer.addToRolePolicy(new PolicyStatement({ actions: ['dynamodb:GetItem'], resources: [props.table.tableArn], conditions: onlyPartitions(MAIL_KEY_PREFIX, SES_MESSAGE_KEY_PREFIX) }));
    this.consumer.addToRolePolicy(new PolicyStatement({ actions: ['dynamodb:PutItem'], resources: [props.table.tableArn], conditions: onlyPartitions(MAIL_KEY_PREFIX, EVENT_PK_PREFIX) }));
    // An unknown message may be recorded a moment later: Lambda's two retries (a minute, then two) give it that time.
    this.consumer.configureAsyncInvoke({ retryAttempts: 2, maxEventAge: Duration.hours(6), onFailure: new SqsDestination(this.deadLetterQueue) });

    this.rule = new Rule(this, 'Rule', {
      description: 'SES notifications of the Comptoir configuration set, to the mail ledger',
      eventBus: EventBus.fromEventBusName(this, 'DefaultBus', 'default'),
      eventPattern: {
        source: ['aws.ses'],
        detailType: SES_NOTIFICATION_DETAIL_TYPES,
        detail: { mail: { tags: { 'ses:configuration-set': [props.configurationSetName] } } },
      },
      targets: [new LambdaFunction(this.consumer, { deadLetterQueue: this.deadLetterQueue, retryAttempts: 10, maxEventAge: Duration.hours(24) })],
    });
  }
}
