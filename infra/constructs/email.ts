import { Token } from 'aws-cdk-lib';
import { ConfigurationSet, ConfigurationSetTlsPolicy, EmailIdentity, Identity, SuppressionReasons } from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';

export interface EmailProps {
  /** The address quotes, orders and invoices are sent from; SES sends it a verification link on deployment. */
  readonly fromAddress: string;
}

/** The SES sending identity and the configuration set every message goes through (TLS required, bounces suppressed). */
export class Email extends Construct {
  readonly identity: EmailIdentity;
  readonly configurationSet: ConfigurationSet;
  readonly fromAddress: string;

  constructor(scope: Construct, id: string, props: EmailProps) {
    super(scope, id);
    if (!Token.isUnresolved(props.fromAddress) && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(props.fromAddress)) {
      throw new Error(`The e-mail from-address ${JSON.stringify(props.fromAddress)} is not an e-mail address`);
    }
    this.fromAddress = props.fromAddress;
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
  }
}
