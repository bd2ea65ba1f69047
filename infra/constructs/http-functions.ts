import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { grantMailSending, type MailSending } from './mail-sending.ts';
import { NodeFunction } from './node-function.ts';
import type { ContractOperation } from './openapi-contract.ts';
import { grantTableAccess, type TableAccess } from './table-access.ts';

/** Operations that only read, served by a Lambda of their own instead of their context's, which may then only read. */
export interface ReadOnlyFunction {
  /** kebab-case, unlike any context name. */
  readonly name: string;
  readonly operationIds: readonly string[];
}

/**
 * The price simulation is the operation integrations (shops, EDI partners) call most, and it creates nothing: apart
 * from the pricing administration, a defect in it cannot change any data. Its POST still writes its idempotency
 * records (every POST accepts `Idempotency-Key`), and those only.
 */
export const READ_ONLY_FUNCTIONS: readonly ReadOnlyFunction[] = [{ name: 'pricing-simulation', operationIds: ['simulatePrices'] }];

/** The contexts whose Lambda renders PDFs (functions/adapters/pdf/): their bundles carry the fonts. */
export const PRINTING_CONTEXTS: ReadonlySet<string> = new Set(['quotes', 'public-quotes']);

/** The contexts whose Lambda sends e-mail (QUO-5): SES on the sending identity only, and the archive of what was sent. */
export const MAIL_SENDING_CONTEXTS: ReadonlySet<string> = new Set(['quotes']);

/** GET and HEAD never write; every other method of a context's operations may. */
const READING_METHODS = new Set(['get', 'head']);

export interface HttpFunctionsProps {
  readonly operations: readonly ContractOperation[];
  /** Where the Lambda of a bounded context starts (functions/http/<context>/index.ts in the repository). */
  readonly entryFor: (context: string) => string;
  readonly projectRoot: string;
  readonly table: ITable;
  /** The secret list cursors are sealed with: the Lambdas that serve a paginated list may read it (CURSOR_SECRET_ARN). */
  readonly cursorSecret: ISecret;
  /** TABLE_NAME, EVENT_BUS_NAME, AUTH_ISSUER, AUTH_JWKS_URL, CORS_ALLOWED_ORIGINS, COMPANY_COUNTRY. */
  readonly environment: Readonly<Record<string, string>>;
  readonly removalPolicy: RemovalPolicy;
  /** What the MAIL_SENDING_CONTEXTS are granted. */
  readonly mailSending: MailSending;
  /** Defaults to READ_ONLY_FUNCTIONS. */
  readonly readOnlyFunctions?: readonly ReadOnlyFunction[];
}

/** One HTTP Lambda, what it serves and what it may do. */
export interface HttpFunction {
  /** The context's name, or the read-only function's. */
  readonly name: string;
  readonly context: string;
  readonly operationIds: readonly string[];
  readonly tableAccess: TableAccess;
  /** It serves a paginated list, so it reads the cursor secret. */
  readonly readsCursorSecret: boolean;
  readonly lambda: NodejsFunction;
}

/**
 * One Lambda per bounded context, which routes to its operation modules (fewer cold starts, fewer resources),
 * plus the read-only functions; each gets the access its operations need: read-only when they all read.
 */
export class HttpFunctions extends Construct {
  readonly functions: readonly HttpFunction[];
  private readonly byOperation = new Map<string, HttpFunction>();

  constructor(scope: Construct, id: string, props: HttpFunctionsProps) {
    super(scope, id);
    this.functions = groupOperations(props.operations, props.readOnlyFunctions ?? READ_ONLY_FUNCTIONS).map((group) => {
      const entry = props.entryFor(group.context);
      if (!existsSync(entry)) {
        throw new Error(
          `The bounded context "${group.context}" has no HTTP handler: create ${relative(props.projectRoot, entry)} exporting ` +
            `handler (APIGatewayProxyEvent → APIGatewayProxyResult) for ${group.operations.map((operation) => operation.operationId).join(', ')}`,
        );
      }
      const readsCursorSecret = group.operations.some((operation) => operation.paginated);
      const lambda = new NodeFunction(this, pascalCase(group.name), {
        // A read-only function runs its context's handler, which routes by operation: API Gateway sends it only its own.
        entry,
        projectRoot: props.projectRoot,
        description: group.name === group.context ? `Comptoir HTTP API: the ${group.context} context` : `Comptoir HTTP API: ${group.name} (read-only)`,
        serviceName: `comptoir-${group.name}`,
        memorySize: 1024,
        timeout: Duration.seconds(10),
        environment: { ...props.environment, ...(readsCursorSecret ? { CURSOR_SECRET_ARN: props.cursorSecret.secretArn } : {}) },
        removalPolicy: props.removalPolicy,
        printsDocuments: PRINTING_CONTEXTS.has(group.context),
      });
      grantTableAccess(props.table, lambda.function, {
        access: group.tableAccess,
        acceptsIdempotencyKeys: group.operations.some((operation) => operation.method === 'post'),
      });
      if (readsCursorSecret) props.cursorSecret.grantRead(lambda.function);
      if (MAIL_SENDING_CONTEXTS.has(group.name)) grantMailSending(lambda.function, props.mailSending);
      const httpFunction: HttpFunction = {
        name: group.name,
        context: group.context,
        operationIds: group.operations.map((operation) => operation.operationId),
        tableAccess: group.tableAccess,
        readsCursorSecret,
        lambda: lambda.function,
      };
      for (const operationId of httpFunction.operationIds) this.byOperation.set(operationId, httpFunction);
      return httpFunction;
    });
  }

  /** The Lambda API Gateway sends this operation to. */
  forOperation(operationId: string): NodejsFunction {
    const httpFunction = this.byOperation.get(operationId);
    if (httpFunction === undefined) throw new Error(`No HTTP function serves the operation ${operationId}`);
    return httpFunction.lambda;
  }

  /** The Lambda of a bounded context (or of a read-only function), by its name. */
  named(name: string): NodejsFunction {
    const httpFunction = this.functions.find((candidate) => candidate.name === name);
    if (httpFunction === undefined) throw new Error(`No HTTP function named ${name}`);
    return httpFunction.lambda;
  }

  get all(): NodejsFunction[] {
    return this.functions.map((httpFunction) => httpFunction.lambda);
  }
}

interface OperationGroup {
  readonly name: string;
  readonly context: string;
  readonly operations: readonly ContractOperation[];
  readonly tableAccess: TableAccess;
}

/** The contexts' operations less those of the read-only functions, sorted so the synthesized template is stable. */
function groupOperations(operations: readonly ContractOperation[], readOnlyFunctions: readonly ReadOnlyFunction[]): OperationGroup[] {
  const byId = new Map(operations.map((operation) => [operation.operationId, operation]));
  const contexts = new Set(operations.map((operation) => operation.context));
  const apart = new Set<string>();
  const readOnlyGroups = readOnlyFunctions.map((declared): OperationGroup => {
    if (contexts.has(declared.name)) throw new Error(`The read-only function ${declared.name} bears the name of a bounded context`);
    const served = declared.operationIds.map((operationId) => {
      const operation = byId.get(operationId);
      if (operation === undefined) throw new Error(`The read-only function ${declared.name} serves ${operationId}, which the contract does not define`);
      apart.add(operationId);
      return operation;
    });
    const [context, ...others] = new Set(served.map((operation) => operation.context));
    if (context === undefined || others.length > 0) throw new Error(`The read-only function ${declared.name} must serve operations of one bounded context`);
    return { name: declared.name, context, operations: served, tableAccess: 'read' };
  });
  const contextGroups = [...contexts].sort().map((context): OperationGroup => {
    const served = operations
      .filter((operation) => operation.context === context && !apart.has(operation.operationId))
      .sort((a, b) => a.operationId.localeCompare(b.operationId));
    return { name: context, context, operations: served, tableAccess: served.every((operation) => READING_METHODS.has(operation.method)) ? 'read' : 'read-write' };
  });
  return [...contextGroups.filter((group) => group.operations.length > 0), ...readOnlyGroups];
}

/** A construct id from a kebab-case name. */
export function pascalCase(kebab: string): string {
  return kebab.replace(/(^|-)([a-z0-9])/g, (_match, _dash: string, letter: string) => letter.toUpperCase());
}
