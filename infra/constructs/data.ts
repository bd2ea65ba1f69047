import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, StreamViewType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { createTableInput, DEFAULT_TABLE_NAME, TTL_ATTRIBUTE } from '../table-definition.ts';

export interface DataProps {
  /** Production keeps the table when the stack goes and refuses its deletion. */
  readonly production: boolean;
}

/** The single table, mapped from the same definition DynamoDB Local is created from, so the two cannot drift. */
export class Data extends Construct {
  readonly table: Table;

  constructor(scope: Construct, id: string, props: DataProps) {
    super(scope, id);
    const definition = createTableInput(DEFAULT_TABLE_NAME);
    const attribute = (name: string) => {
      const declared = definition.AttributeDefinitions.find((candidate) => candidate.AttributeName === name);
      if (declared?.AttributeType !== 'S') throw new Error(`The key attribute ${name} must be a declared string`);
      return { name, type: AttributeType.STRING };
    };
    const keyOf = (schema: ReadonlyArray<{ AttributeName: string; KeyType: 'HASH' | 'RANGE' }>, keyType: 'HASH' | 'RANGE') => {
      const key = schema.find((element) => element.KeyType === keyType);
      if (key === undefined) throw new Error(`The table definition has no ${keyType} key`);
      return attribute(key.AttributeName);
    };

    this.table = new Table(this, 'Table', {
      partitionKey: keyOf(definition.KeySchema, 'HASH'),
      sortKey: keyOf(definition.KeySchema, 'RANGE'),
      billingMode: definition.BillingMode === 'PAY_PER_REQUEST' ? BillingMode.PAY_PER_REQUEST : BillingMode.PROVISIONED,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: TableEncryption.AWS_MANAGED,
      timeToLiveAttribute: TTL_ATTRIBUTE,
      stream: StreamViewType[definition.StreamSpecification.StreamViewType],
      deletionProtection: props.production,
      removalPolicy: props.production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    for (const index of definition.GlobalSecondaryIndexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.IndexName,
        partitionKey: keyOf(index.KeySchema, 'HASH'),
        sortKey: keyOf(index.KeySchema, 'RANGE'),
        projectionType: ProjectionType[index.Projection.ProjectionType],
      });
    }
  }
}
