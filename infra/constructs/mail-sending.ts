import { type CfnElement, Stack, Validations } from 'aws-cdk-lib';
import { ManagedPolicy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { MAIL_ARCHIVE_PREFIX } from '../../functions/adapters/ses/ses-mailer.ts';
import type { Email } from './email.ts';
import type { Files } from './files.ts';

export interface MailSendingProps {
  readonly email: Email;
  readonly files: Files;
}

/**
 * What sending e-mail through the mailer (functions/composition.ts#mailer) may do, as one customer managed policy kept
 * beside the identity and the bucket it names: `ses:SendRawEmail` on the identity and the configuration set only (SES
 * authorizes both), PutObject and GetObject on the mail archive (`mail/*`) only. The Lambdas of the contexts that send
 * get it with `grantMailSending`.
 */
export class MailSending extends Construct {
  readonly policy: ManagedPolicy;
  readonly email: Email;
  readonly files: Files;

  constructor(scope: Construct, id: string, props: MailSendingProps) {
    super(scope, id);
    this.email = props.email;
    this.files = props.files;
    const archive = props.files.bucket.arnForObjects(`${MAIL_ARCHIVE_PREFIX}*`);
    this.policy = new ManagedPolicy(this, 'Policy', {
      description: 'Comptoir: send e-mail (SES SendRawEmail from the identity through the configuration set) and archive it (mail/ of the files bucket)',
      statements: [
        new PolicyStatement({ actions: ['ses:SendRawEmail'], resources: [props.email.identity.emailIdentityArn, props.email.configurationSetArn] }),
        // Without s3:ListBucket a missing key reads as 403, not as null: the mailer only writes, and reads what it wrote.
        new PolicyStatement({ actions: ['s3:PutObject', 's3:GetObject'], resources: [archive] }),
      ],
    });
    const bucketLogicalId = Stack.of(this).getLogicalId(props.files.bucket.node.defaultChild as CfnElement);
    Validations.of(this.policy).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${bucketLogicalId}.Arn>/${MAIL_ARCHIVE_PREFIX}*]`,
      reason: 'Each sent message is archived under its own key, mail/<sendKey>.eml: the objects of the mail/ prefix, and none other of the bucket.',
    });
  }
}

/**
 * Lets a Lambda send e-mail: the mail-sending policy on its role, and the environment the composition root reads.
 * Its table access (the ledger's items, the `gsi4` Query of a document's messages) comes with the read-write access
 * of the context that sends.
 */
export function grantMailSending(lambda: LambdaFunction, sending: MailSending): void {
  if (lambda.role === undefined) throw new Error(`${lambda.node.path} has no role to grant mail sending to`);
  lambda.role.addManagedPolicy(sending.policy);
  lambda.addEnvironment('MAIL_FROM', sending.email.fromAddress);
  lambda.addEnvironment('MAIL_FROM_NAME', sending.email.fromName);
  lambda.addEnvironment('SES_CONFIGURATION_SET', sending.email.configurationSet.configurationSetName);
  lambda.addEnvironment('FILES_BUCKET', sending.files.bucket.bucketName);
}
