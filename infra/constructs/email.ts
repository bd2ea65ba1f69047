import { Stack, Token } from 'aws-cdk-lib';
import { EventBus } from 'aws-cdk-lib/aws-events';
import {
  ConfigurationSet,
  ConfigurationSetTlsPolicy,
  EmailIdentity,
  EmailSendingEvent,
  EventDestination,
  Identity,
  SuppressionReasons,
  type ConfigurationSetEventDestination,
} from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';

export interface EmailProps {
  /** The address quotes, orders and invoices are sent from; SES sends it a verification link on deployment. */
  readonly fromAddress: string;
  /** The sender's name recipients see (MAIL_FROM_NAME). */
  readonly fromName: string;
}

/** What the mailer records of each message (functions/events/mail-notifications.ts). */
export const NOTIFIED_EVENTS = [EmailSendingEvent.DELIVERY, EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT, EmailSendingEvent.REJECT];

/**
 * The SES sending identity and the configuration set every message goes through (TLS required, bounces suppressed),
 * whose deliveries, bounces, complaints and rejections go to the default event bus (the only bus SES publishes to).
 */
export class Email extends Construct {
  readonly identity: EmailIdentity;
  readonly configurationSet: ConfigurationSet;
  readonly notifications: ConfigurationSetEventDestination;
  readonly fromAddress: string;
  readonly fromName: string;

  constructor(scope: Construct, id: string, props: EmailProps) {
    super(scope, id);
    if (!Token.isUnresolved(props.fromAddress) && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(props.fromAddress)) {
      throw new Error(`The e-mail from-address ${JSON.stringify(props.fromAddress)} is not an e-mail address`);
    }
    this.fromAddress = props.fromAddress;
    this.fromName = props.fromName;
    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {
      tlsPolicy: ConfigurationSetTlsPolicy.REQUIRE,
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
      reputationMetrics: true,
      sendingEnabled: true,
    });
    this.identity = new EmailIdentity(this, 'FromIdentity', {
      identity: Identity.email(props.fromAddress),
      configurationSet: this.configurationSet,
    });
    this.notifications = this.configurationSet.addEventDestination('Notifications', {
      destination: EventDestination.eventBus(EventBus.fromEventBusName(this, 'DefaultBus', 'default')),
      events: NOTIFIED_EVENTS,
    });
  }

  /** SES authorizes a send on the identity and on the configuration set it goes through. */
  get configurationSetArn(): string {
    return Stack.of(this).formatArn({ service: 'ses', resource: 'configuration-set', resourceName: this.configurationSet.configurationSetName });
  }
}
