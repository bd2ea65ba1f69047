import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { Auth } from '../constructs/auth.ts';
import { Data } from '../constructs/data.ts';
import { Email } from '../constructs/email.ts';
import { DomainEventBus } from '../constructs/events.ts';
import { Files } from '../constructs/files.ts';
import { MailSending } from '../constructs/mail-sending.ts';

export interface StatefulStackProps extends StackProps {
  /** Production also turns deletion protection on for the table and the user pool. */
  readonly production: boolean;
  readonly authDomainPrefix: string;
  readonly emailFromAddress: string;
  readonly emailFromName: string;
}

/**
 * What holds data or identity and changes without a code deployment: the table and the cursor secret, the user pool
 * (users, groups, clients, scopes, domain), the SES identity and its notifications, the event bus, the files bucket. No
 * code, no asset: deploying new
 * handlers never touches it. Terminating it is refused, and the table, the pool and the secret outlive it.
 * The construct ids are those of the former single stack, so their logical ids (hence the resources) stay.
 */
export class StatefulStack extends Stack {
  readonly data: Data;
  readonly auth: Auth;
  readonly events: DomainEventBus;
  readonly email: Email;
  readonly files: Files;
  readonly mailSending: MailSending;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, { ...props, terminationProtection: true });
    this.data = new Data(this, 'Data', { production: props.production });
    this.auth = new Auth(this, 'Auth', { domainPrefix: props.authDomainPrefix, production: props.production });
    this.events = new DomainEventBus(this, 'DomainEvents');
    this.email = new Email(this, 'Email', { fromAddress: props.emailFromAddress, fromName: props.emailFromName });
    this.files = new Files(this, 'Files');
    this.mailSending = new MailSending(this, 'MailSending', { email: this.email, files: this.files });

    const outputs: Record<string, string> = {
      UserPoolId: this.auth.userPool.userPoolId,
      AuthIssuer: this.auth.issuer,
      WebClientId: this.auth.webClient.userPoolClientId,
      IntegrationClientId: this.auth.integrationClient.userPoolClientId,
      TokenEndpoint: `${this.auth.domain.baseUrl()}/oauth2/token`,
      TableName: this.data.table.tableName,
      EventBusName: this.events.bus.eventBusName,
      EmailConfigurationSet: this.email.configurationSet.configurationSetName,
      FilesBucketName: this.files.bucket.bucketName,
    };
    for (const [outputId, value] of Object.entries(outputs)) new CfnOutput(this, outputId, { value });
  }
}
