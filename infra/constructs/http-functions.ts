import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { Duration, type RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { CfnTable, Table } from 'aws-cdk-lib/aws-dynamodb';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { NodeFunction } from './node-function.ts';
import type { ContractOperation } from './openapi-contract.ts';

export interface HttpFunctionsProps {
  readonly operations: readonly ContractOperation[];
  /** Where the Lambda of a bounded context starts (functions/http/<context>/index.ts in the repository). */
  readonly entryFor: (context: string) => string;
  readonly projectRoot: string;
  readonly table: Table;
  /** The secret list cursors are sealed with; each function may read it (CURSOR_SECRET_ARN), once per cold start. */
  readonly cursorSecret: ISecret;
  /** TABLE_NAME, EVENT_BUS_NAME, AUTH_ISSUER, AUTH_JWKS_URL, CORS_ALLOWED_ORIGINS. */
  readonly environment: Readonly<Record<string, string>>;
  readonly removalPolicy: RemovalPolicy;
}

/** One Lambda per bounded context: it routes to its operation modules (fewer cold starts, fewer resources). */
export class HttpFunctions extends Construct {
  private readonly byContext = new Map<string, NodejsFunction>();

  constructor(scope: Construct, id: string, props: HttpFunctionsProps) {
    super(scope, id);
    const tableIndexesResource = `<${Stack.of(this).resolve((props.table.node.defaultChild as CfnTable).logicalId)}.Arn>/index/*`;
    for (const [context, operationIds] of operationIdsByContext(props.operations)) {
      const entry = props.entryFor(context);
      if (!existsSync(entry)) {
        throw new Error(
          `The bounded context "${context}" has no HTTP handler: create ${relative(props.projectRoot, entry)} exporting ` +
            `handler (APIGatewayProxyEvent → APIGatewayProxyResult) for ${operationIds.join(', ')}`,
        );
      }
      const lambda = new NodeFunction(this, pascalCase(context), {
        entry,
        projectRoot: props.projectRoot,
        description: `Comptoir HTTP API: the ${context} context`,
        serviceName: `comptoir-${context}`,
        memorySize: 1024,
        timeout: Duration.seconds(10),
        environment: { ...props.environment, CURSOR_SECRET_ARN: props.cursorSecret.secretArn },
        removalPolicy: props.removalPolicy,
      });
      props.table.grantReadWriteData(lambda.function);
      props.cursorSecret.grantRead(lambda.function);
      Validations.of(lambda.role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::${tableIndexesResource}]`,
        reason: 'Access patterns query the table\'s own overloaded indexes gsi1..gsi5; the wildcard covers those indexes of this one table only.',
      });
      this.byContext.set(context, lambda.function);
    }
  }

  forContext(context: string): NodejsFunction {
    const lambda = this.byContext.get(context);
    if (lambda === undefined) throw new Error(`No HTTP function for the bounded context ${context}`);
    return lambda;
  }

  get all(): NodejsFunction[] {
    return [...this.byContext.values()];
  }
}

function operationIdsByContext(operations: readonly ContractOperation[]): Map<string, string[]> {
  const grouped = new Map<string, string[]>();
  const sorted = [...operations].sort((a, b) => a.context.localeCompare(b.context) || a.operationId.localeCompare(b.operationId));
  for (const { context, operationId } of sorted) grouped.set(context, [...(grouped.get(context) ?? []), operationId]);
  return grouped;
}

function pascalCase(kebab: string): string {
  return kebab.replace(/(^|-)([a-z0-9])/g, (_match, _dash: string, letter: string) => letter.toUpperCase());
}
