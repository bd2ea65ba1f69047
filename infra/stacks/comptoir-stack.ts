import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CfnOutput, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { AllowedOrigins } from '../../functions/middleware/cors.ts';
import { Api } from '../constructs/api.ts';
import { Auth } from '../constructs/auth.ts';
import { Data } from '../constructs/data.ts';
import { Email } from '../constructs/email.ts';
import { DomainEvents } from '../constructs/events.ts';
import { HttpFunctions } from '../constructs/http-functions.ts';
import { listOperations, loadContract } from '../constructs/openapi-contract.ts';

/** Where the stack reads the contract and the handlers it bundles. */
export interface ComptoirSources {
  readonly projectRoot: string;
  readonly contractFile: string;
  readonly httpHandlerEntry: (context: string) => string;
  readonly domainEventPublisherEntry: string;
}

export const REPOSITORY_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export function repositorySources(projectRoot = REPOSITORY_ROOT): ComptoirSources {
  return {
    projectRoot,
    contractFile: join(projectRoot, 'openapi/openapi.yaml'),
    httpHandlerEntry: (context) => join(projectRoot, 'functions/http', context, 'index.ts'),
    domainEventPublisherEntry: join(projectRoot, 'functions/events/publish-domain-events.ts'),
  };
}

export interface ComptoirStackProps extends StackProps {
  /** Production retains the table, user pool and logs on deletion and turns deletion protection on. */
  readonly production: boolean;
  readonly authDomainPrefix: string;
  readonly emailFromAddress: string;
  /** The browser origins CORS allows (see functions/middleware/cors.ts). */
  readonly corsAllowedOrigins: AllowedOrigins;
  /** The seller's country (ISO 3166-1 alpha-2): its VAT rates apply and fiscal positions are deduced from it. */
  readonly companyCountry: string;
  readonly sources?: ComptoirSources;
}

export class ComptoirStack extends Stack {
  readonly data: Data;
  readonly auth: Auth;
  readonly events: DomainEvents;
  readonly httpFunctions: HttpFunctions;
  readonly api: Api;
  readonly email: Email;

  constructor(scope: Construct, id: string, props: ComptoirStackProps) {
    super(scope, id, props);
    const sources = props.sources ?? repositorySources();
    const removalPolicy = props.production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    const contract = loadContract(sources.contractFile);

    this.data = new Data(this, 'Data', { production: props.production });
    this.auth = new Auth(this, 'Auth', { domainPrefix: props.authDomainPrefix, production: props.production });
    this.events = new DomainEvents(this, 'DomainEvents', {
      table: this.data.table,
      publisherEntry: sources.domainEventPublisherEntry,
      projectRoot: sources.projectRoot,
      removalPolicy,
    });
    this.httpFunctions = new HttpFunctions(this, 'HttpFunctions', {
      operations: listOperations(contract),
      entryFor: sources.httpHandlerEntry,
      projectRoot: sources.projectRoot,
      table: this.data.table,
      cursorSecret: this.data.cursorSecret,
      environment: {
        TABLE_NAME: this.data.table.tableName,
        EVENT_BUS_NAME: this.events.bus.eventBusName,
        AUTH_ISSUER: this.auth.issuer,
        AUTH_JWKS_URL: this.auth.jwksUrl,
        CORS_ALLOWED_ORIGINS: props.corsAllowedOrigins === '*' ? '*' : props.corsAllowedOrigins.join(','),
        COMPANY_COUNTRY: props.companyCountry,
      },
      removalPolicy,
    });
    this.api = new Api(this, 'Api', {
      contract,
      functions: this.httpFunctions,
      auth: this.auth,
      removalPolicy,
      allowedOrigins: props.corsAllowedOrigins,
    });
    this.email = new Email(this, 'Email', { fromAddress: props.emailFromAddress });

    this.outputs();
  }

  private outputs(): void {
    const outputs: Record<string, string> = {
      ApiUrl: this.api.restApi.url,
      UserPoolId: this.auth.userPool.userPoolId,
      AuthIssuer: this.auth.issuer,
      WebClientId: this.auth.webClient.userPoolClientId,
      IntegrationClientId: this.auth.integrationClient.userPoolClientId,
      TokenEndpoint: `${this.auth.domain.baseUrl()}/oauth2/token`,
      TableName: this.data.table.tableName,
      EventBusName: this.events.bus.eventBusName,
      PublisherDeadLetterQueueUrl: this.events.deadLetterQueue.queueUrl,
      EmailConfigurationSet: this.email.configurationSet.configurationSetName,
    };
    for (const [id, value] of Object.entries(outputs)) new CfnOutput(this, id, { value });
  }
}
