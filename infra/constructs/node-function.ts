import { basename, join } from 'node:path';
import { type Duration, type RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { ApplicationLogLevel, Architecture, LoggingFormat, Runtime, SystemLogLevel, Tracing } from 'aws-cdk-lib/aws-lambda';
import { type ICommandHooks, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { FONT_DIRECTORY } from '../../functions/adapters/pdf/fonts.ts';

export interface NodeFunctionProps {
  readonly entry: string;
  /** The repository root: esbuild resolves dependencies from its lockfile and node_modules. */
  readonly projectRoot: string;
  readonly description: string;
  readonly serviceName: string;
  readonly memorySize: number;
  readonly timeout: Duration;
  readonly environment: Readonly<Record<string, string>>;
  readonly removalPolicy: RemovalPolicy;
  /** Why the role may act on `*`: by default, for X-Ray; a function granted more such actions says so here. */
  readonly wildcardResourceReason?: string;
  /** It renders PDFs: the renderer's fonts are copied next to the bundle, where it looks for them. */
  readonly printsDocuments?: boolean;
}

// ESM output keeps top-level await and tree-shaking; CommonJS dependencies still call require().
const DEFINE_REQUIRE_FOR_COMMONJS = "import { createRequire } from 'node:module';const require = createRequire(import.meta.url);";

export const X_RAY_WILDCARD_REASON =
  'Active X-Ray tracing needs xray:PutTraceSegments and xray:PutTelemetryRecords, which have no resource-level permissions.';

/** The font files are read at run time, by path (functions/adapters/pdf/fonts.ts): esbuild cannot inline them. */
const COPY_PDF_FONTS: ICommandHooks = {
  beforeBundling: () => [],
  beforeInstall: () => [],
  afterBundling: (_inputDir, outputDir) => {
    const target = join(outputDir, basename(FONT_DIRECTORY));
    return [`mkdir -p "${target}"`, `cp "${FONT_DIRECTORY}"*.ttf "${target}"`];
  },
};

/**
 * A Node.js 24 Lambda on ARM, bundled as ESM by the local esbuild (no Docker), with its own log group and a role
 * that starts with nothing but writing to that log group (no AWSLambdaBasicExecutionRole and its `*` log groups).
 */
export class NodeFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: Role;

  constructor(scope: Construct, id: string, props: NodeFunctionProps) {
    super(scope, id);
    const logGroup = new LogGroup(this, 'Logs', { retention: RetentionDays.ONE_MONTH, removalPolicy: props.removalPolicy });
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs ${props.serviceName}`,
    });
    logGroup.grantWrite(this.role);
    this.function = new NodejsFunction(this, 'Function', {
      entry: props.entry,
      handler: 'handler',
      projectRoot: props.projectRoot,
      depsLockFilePath: join(props.projectRoot, 'package-lock.json'),
      description: props.description,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize,
      timeout: props.timeout,
      tracing: Tracing.ACTIVE,
      role: this.role,
      logGroup,
      loggingFormat: LoggingFormat.JSON,
      applicationLogLevelV2: ApplicationLogLevel.INFO,
      // INFO keeps the platform's REPORT lines (duration, memory, init duration of cold starts).
      systemLogLevelV2: SystemLogLevel.INFO,
      environment: {
        POWERTOOLS_SERVICE_NAME: props.serviceName,
        NODE_OPTIONS: '--enable-source-maps',
        ...props.environment,
      },
      bundling: {
        forceDockerBundling: false,
        format: OutputFormat.ESM,
        target: 'node24',
        mainFields: ['module', 'main'],
        banner: DEFINE_REQUIRE_FOR_COMMONJS,
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        // Bundling the AWS SDK clients pins their versions and loads faster than the runtime's copy.
        externalModules: [],
        ...(props.printsDocuments === true ? { commandHooks: COPY_PDF_FONTS } : {}),
      },
    });
    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: props.wildcardResourceReason ?? X_RAY_WILDCARD_REASON,
    });
  }
}
