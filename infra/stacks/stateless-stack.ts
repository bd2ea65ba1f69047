import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CfnOutput, CrossStackReferences, ReferenceStrength, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { AllowedOrigins } from '../../functions/middleware/cors.ts';
import { Api } from '../constructs/api.ts';
import { EVENT_CONSUMERS } from '../event-consumers.ts';
import { EventConsumerFunctions } from '../constructs/event-consumer-functions.ts';
import { DomainEventRelay } from '../constructs/events.ts';
import { HttpFunctions, pascalCase, type ReadOnlyFunction } from '../constructs/http-functions.ts';
import { MailNotifications } from '../constructs/mail-notifications.ts';
import { listOperations, loadContract } from '../constructs/openapi-contract.ts';
import { Schedules } from '../constructs/schedules.ts';
import { SCHEDULES } from '../schedules.ts';
import type { StatefulStack } from './stateful-stack.ts';

/** Where the stack reads the contract and the handlers it bundles. */
export interface ComptoirSources {
  readonly projectRoot: string;
  readonly contractFile: string;
  readonly httpHandlerEntry: (context: string) => string;
  readonly domainEventPublisherEntry: string;
  readonly mailNotificationsEntry: string;
}

export const REPOSITORY_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export function repositorySources(projectRoot = REPOSITORY_ROOT): ComptoirSources {
  return {
    projectRoot,
    contractFile: join(projectRoot, 'openapi/openapi.yaml'),
    httpHandlerEntry: (context) => join(projectRoot, 'functions/http', context, 'index.ts'),
    domainEventPublisherEntry: join(projectRoot, 'functions/events/publish-domain-events.ts'),
    mailNotificationsEntry: join(projectRoot, 'functions/events/mail-notifications.ts'),
  };
}

export interface StatelessStackProps extends StackProps {
  /** The data, identity and bus it works on, by reference: it creates none of them. */
  readonly state: StatefulStack;
  /** Production retains the log groups when the stack goes. */
  readonly production: boolean;
  /** The browser origins CORS allows (see functions/middleware/cors.ts). */
  readonly corsAllowedOrigins: AllowedOrigins;
  /** The seller's country (ISO 3166-1 alpha-2): its VAT rates apply and fiscal positions are deduced from it. */
  readonly companyCountry: string;
  readonly sources?: ComptoirSources;
  /** Defaults to READ_ONLY_FUNCTIONS (infra/constructs/http-functions.ts). */
  readonly readOnlyFunctions?: readonly ReadOnlyFunction[];
}

/**
 * The code and what serves it: the HTTP Lambdas, the REST API imported from the contract, the domain-event relay, the
 * consumer of SES's notifications, the event consumers, the schedules and their targets, their dead-letter queues,
 * roles and log groups. It holds no data: it may be destroyed and deployed again.
 */
export class StatelessStack extends Stack {
  readonly httpFunctions: HttpFunctions;
  readonly api: Api;
  readonly relay: DomainEventRelay;
  readonly mailNotifications: MailNotifications;
  readonly consumers: EventConsumerFunctions;
  readonly schedules: Schedules;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    // Read at deployment from the stateful stack's outputs (Fn::GetStackOutput), not through exports: no export to
    // outlive a reference this stack drops, so changing what it uses never locks the stateful stack (the deadly embrace).
    CrossStackReferences.of(this).consume(ReferenceStrength.WEAK);
    const { data, auth, events, email } = props.state;
    const sources = props.sources ?? repositorySources();
    const removalPolicy = props.production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    const contract = loadContract(sources.contractFile);

    this.relay = new DomainEventRelay(this, 'DomainEvents', {
      table: data.table,
      bus: events.bus,
      publisherEntry: sources.domainEventPublisherEntry,
      projectRoot: sources.projectRoot,
      removalPolicy,
    });
    this.mailNotifications = new MailNotifications(this, 'MailNotifications', {
      table: data.table,
      configurationSetName: email.configurationSet.configurationSetName,
      consumerEntry: sources.mailNotificationsEntry,
      projectRoot: sources.projectRoot,
      removalPolicy,
    });
    this.consumers = new EventConsumerFunctions(this, 'EventConsumers', {
      consumers: EVENT_CONSUMERS,
      projectRoot: sources.projectRoot,
      table: data.table,
      bus: events.bus,
      removalPolicy,
    });
    this.httpFunctions = new HttpFunctions(this, 'HttpFunctions', {
      operations: listOperations(contract),
      entryFor: sources.httpHandlerEntry,
      projectRoot: sources.projectRoot,
      table: data.table,
      cursorSecret: data.cursorSecret,
      environment: {
        TABLE_NAME: data.table.tableName,
        EVENT_BUS_NAME: events.bus.eventBusName,
        AUTH_ISSUER: auth.issuer,
        AUTH_JWKS_URL: auth.jwksUrl,
        CORS_ALLOWED_ORIGINS: props.corsAllowedOrigins === '*' ? '*' : props.corsAllowedOrigins.join(','),
        COMPANY_COUNTRY: props.companyCountry,
      },
      removalPolicy,
      mailSending: props.state.mailSending,
      ...(props.readOnlyFunctions === undefined ? {} : { readOnlyFunctions: props.readOnlyFunctions }),
    });
    this.api = new Api(this, 'Api', {
      contract,
      functions: this.httpFunctions,
      auth,
      removalPolicy,
      allowedOrigins: props.corsAllowedOrigins,
    });

    this.schedules = new Schedules(this, 'Schedules', {
      schedules: SCHEDULES,
      projectRoot: sources.projectRoot,
      table: data.table,
      cursorSecret: data.cursorSecret,
      removalPolicy,
    });

    new CfnOutput(this, 'ApiUrl', { value: this.api.restApi.url });
    new CfnOutput(this, 'PublisherDeadLetterQueueUrl', { value: this.relay.deadLetterQueue.queueUrl });
    new CfnOutput(this, 'MailNotificationsDeadLetterQueueUrl', { value: this.mailNotifications.deadLetterQueue.queueUrl });
    for (const { consumer, deadLetterQueue } of this.consumers.functions) {
      new CfnOutput(this, `${pascalCase(consumer.name)}DeadLetterQueueUrl`, { value: deadLetterQueue.queueUrl });
    }
    for (const { definition, deadLetterQueue } of this.schedules.deployed) {
      new CfnOutput(this, `${pascalCase(definition.name)}DeadLetterQueueUrl`, { value: deadLetterQueue.queueUrl });
    }
  }
}
