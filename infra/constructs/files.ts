import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { S3_SERVER_ACCESS_LOGS_USE_BUCKET_POLICY } from 'aws-cdk-lib/cx-api';
import { Construct } from 'constructs';

/**
 * The file store's bucket (FILES_BUCKET, functions/adapters/files/s3-file-store.ts): sent e-mails and, later, the
 * documents' PDFs and exports. Private, TLS only, encrypted (SSE-S3), retained with the data; its server access logs go
 * to a bucket of their own, kept a year.
 */
export class Files extends Construct {
  readonly bucket: Bucket;
  readonly accessLogs: Bucket;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    // Log delivery allowed by a bucket policy naming the source bucket, rather than the legacy ACL CDK uses by default.
    this.node.setContext(S3_SERVER_ACCESS_LOGS_USE_BUCKET_POLICY, true);
    const privateBucket = {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.RETAIN,
    };
    // cdk-nag does not ask a log destination for logs of its own.
    this.accessLogs = new Bucket(this, 'AccessLogs', { ...privateBucket, lifecycleRules: [{ expiration: Duration.days(365) }] });
    this.bucket = new Bucket(this, 'Bucket', { ...privateBucket, serverAccessLogsBucket: this.accessLogs, serverAccessLogsPrefix: 'files/' });
  }
}
