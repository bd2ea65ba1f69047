import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Duration, type RemovalPolicy, Stack, TimeZone, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { ContextAttribute, Schedule, ScheduleExpression, ScheduleTargetInput, TimeWindow, type IScheduleTarget } from 'aws-cdk-lib/aws-scheduler';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { targetInput, type ScheduleDefinition } from '../schedules.ts';
import { pascalCase } from './http-functions.ts';
import { NodeFunction } from './node-function.ts';
import { grantTableAccess } from './table-access.ts';

export interface SchedulesProps {
  readonly schedules: readonly ScheduleDefinition[];
  readonly projectRoot: string;
  readonly table: ITable;
  /** The store's pages seal a cursor as soon as a run reads more than one page. */
  readonly cursorSecret: ISecret;
  readonly removalPolicy: RemovalPolicy;
}

/** One schedule of infra/schedules.ts as deployed. */
export interface DeployedSchedule {
  readonly definition: ScheduleDefinition;
  readonly target: NodejsFunction;
  readonly schedule: Schedule;
  /** What Scheduler acts as: it may invoke the target and dead-letter to the queue, nothing else. */
  readonly schedulerRole: Role;
  /** The runs that failed: undelivered by Scheduler, or failed in the target after Lambda's retries. */
  readonly deadLetterQueue: Queue;
}

/** Scheduler keeps retrying a run it could not deliver (throttled, Lambda unavailable) for this long. */
const DELIVERY_RETRIES = { maximumRetryAttempts: 10, maximumEventAgeInSeconds: Duration.hours(6).toSeconds() };
/** Scheduler invokes Lambda asynchronously: a run that fails in the target is retried by Lambda, then dead-lettered. */
const TARGET_RETRIES = { retryAttempts: 2, maxEventAge: Duration.hours(6) };
/** Scheduler may start a run this much after its cron time, spreading the load. */
const FLEXIBLE_WINDOW = Duration.minutes(15);

/**
 * EventBridge Scheduler runs each schedule of infra/schedules.ts in its time zone, with a flexible window, invoking
 * a Lambda of its own (`functions/schedules/<job>.ts`) with the run's scheduled time; undelivered and failed runs
 * land in the schedule's encrypted, TLS-only queue.
 */
export class Schedules extends Construct {
  readonly deployed: readonly DeployedSchedule[];

  constructor(scope: Construct, id: string, props: SchedulesProps) {
    super(scope, id);
    this.deployed = props.schedules.map((definition) => deploy(this, definition, props));
  }
}

function deploy(scope: Construct, definition: ScheduleDefinition, props: SchedulesProps): DeployedSchedule {
  const entry = join(props.projectRoot, definition.target);
  if (!existsSync(entry)) throw new Error(`The schedule ${definition.name} has no target: create ${definition.target} exporting handler (functions/schedules/schedule-handler.ts)`);
  const construct = new Construct(scope, pascalCase(definition.name));

  const deadLetterQueue = new Queue(construct, 'DeadLetters', { encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true, retentionPeriod: Duration.days(14) });
  Validations.of(deadLetterQueue).acknowledge({
    id: 'AwsSolutions-SQS3',
    reason: `This queue is itself the dead-letter destination of the ${definition.name} schedule and of its target's asynchronous invocations.`,
  });

  const target = new NodeFunction(construct, 'Target', {
    entry,
    projectRoot: props.projectRoot,
    description: definition.description,
    serviceName: `comptoir-schedule-${definition.name}`,
    memorySize: 1024,
    timeout: Duration.minutes(5),
    environment: { TABLE_NAME: props.table.tableName, CURSOR_SECRET_ARN: props.cursorSecret.secretArn },
    removalPolicy: props.removalPolicy,
  }).function;
  grantTableAccess(props.table, target, { access: 'read-write', acceptsIdempotencyKeys: false });
  props.cursorSecret.grantRead(target);
  target.configureAsyncInvoke({ ...TARGET_RETRIES, onFailure: new SqsDestination(deadLetterQueue) });

  const stack = Stack.of(scope);
  const scheduleName = `${stack.stackName}-${definition.name}`;
  const schedulerRole = new Role(construct, 'SchedulerRole', {
    description: `Lets EventBridge Scheduler run the ${definition.name} schedule`,
    // Only this schedule of this account may use the role (the confused deputy).
    assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
      conditions: {
        StringEquals: {
          'aws:SourceAccount': stack.account,
          'aws:SourceArn': stack.formatArn({ service: 'scheduler', resource: 'schedule', resourceName: `default/${scheduleName}` }),
        },
      },
    }),
  });
  // The function itself, not `<arn>:*` (its versions and aliases) as `grantInvoke` would add: the schedule invokes $LATEST.
  schedulerRole.addToPolicy(new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [target.functionArn] }));
  schedulerRole.addToPolicy(new PolicyStatement({ actions: ['sqs:SendMessage'], resources: [deadLetterQueue.queueArn] }));

  const invokeTarget: IScheduleTarget = {
    bind: () => ({
      arn: target.functionArn,
      role: schedulerRole,
      input: ScheduleTargetInput.fromObject(targetInput(definition, ContextAttribute.scheduledTime)),
      retryPolicy: DELIVERY_RETRIES,
      deadLetterConfig: { arn: deadLetterQueue.queueArn },
    }),
  };
  const schedule = new Schedule(construct, 'Schedule', {
    scheduleName,
    description: definition.description,
    schedule: ScheduleExpression.expression(`cron(${definition.cron})`, TimeZone.of(definition.timeZone)),
    timeWindow: TimeWindow.flexible(FLEXIBLE_WINDOW),
    target: invokeTarget,
  });
  return { definition, target, schedule, schedulerRole, deadLetterQueue };
}
