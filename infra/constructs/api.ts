import { Aws, type RemovalPolicy, Size, Validations } from 'aws-cdk-lib';
import {
  AccessLogField,
  AccessLogFormat,
  ApiDefinition,
  EndpointType,
  LogGroupLogDestination,
  MethodLoggingLevel,
  SpecRestApi,
} from 'aws-cdk-lib/aws-apigateway';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { AllowedOrigins } from '../../functions/middleware/cors.ts';
import { MINIMUM_COMPRESSION_BYTES } from '../compression.ts';
import { apiGatewayDefinition } from './api-gateway-definition.ts';
import type { Auth } from './auth.ts';
import type { HttpFunctions } from './http-functions.ts';
import type { JsonObject } from './openapi-contract.ts';

export const STAGE_NAME = 'v1';
/** CloudFormation refuses templates over 1 MB; the inline definition must leave room for the rest of the stack. */
const INLINE_DEFINITION_BUDGET_BYTES = 600_000;

export interface ApiProps {
  readonly contract: JsonObject;
  readonly functions: HttpFunctions;
  readonly auth: Auth;
  readonly removalPolicy: RemovalPolicy;
  /** The browser origins CORS allows, as the Lambdas get them. */
  readonly allowedOrigins: AllowedOrigins;
  /** Steady requests per second and burst, for the stage and its usage plan. */
  readonly throttling?: { readonly rateLimit: number; readonly burstLimit: number };
}

/** The REST API imported from the contract: every operation is proxied to the Lambda that serves it. */
export class Api extends Construct {
  readonly restApi: SpecRestApi;
  readonly definition: JsonObject;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    const throttling = props.throttling ?? { rateLimit: 100, burstLimit: 200 };
    this.definition = apiGatewayDefinition(props.contract, {
      integrationUri: ({ operationId }) =>
        `arn:${Aws.PARTITION}:apigateway:${Aws.REGION}:lambda:path/2015-03-31/functions/${props.functions.forOperation(operationId).functionArn}/invocations`,
      userPoolArn: props.auth.userPool.userPoolArn,
      defaultScopes: (method) => props.auth.defaultScopes(method),
      allowedOrigins: props.allowedOrigins,
    });
    const definitionBytes = Buffer.byteLength(JSON.stringify(this.definition));
    if (definitionBytes > INLINE_DEFINITION_BUDGET_BYTES) {
      throw new Error(
        `The API definition takes ${Math.round(definitionBytes / 1000)} kB, over the ${INLINE_DEFINITION_BUDGET_BYTES / 1000} kB budget for an inline ` +
          'definition: import it from S3 instead (ApiDefinition.fromAsset with an AWS::Include transform for the ARNs).',
      );
    }

    const accessLogs = new LogGroup(this, 'AccessLogs', { retention: RetentionDays.THREE_MONTHS, removalPolicy: props.removalPolicy });
    this.restApi = new SpecRestApi(this, 'RestApi', {
      restApiName: 'comptoir',
      apiDefinition: ApiDefinition.fromInline(this.definition),
      endpointTypes: [EndpointType.REGIONAL],
      // API Gateway then compresses what clients accept (gzip, deflate, identity per Accept-Encoding), as the local server does.
      minCompressionSize: Size.bytes(MINIMUM_COMPRESSION_BYTES),
      cloudWatchRole: true,
      deployOptions: {
        stageName: STAGE_NAME,
        accessLogDestination: new LogGroupLogDestination(accessLogs),
        accessLogFormat: accessLogFormat(),
        tracingEnabled: true,
        metricsEnabled: true,
        loggingLevel: MethodLoggingLevel.ERROR,
        dataTraceEnabled: false,
        throttlingRateLimit: throttling.rateLimit,
        throttlingBurstLimit: throttling.burstLimit,
      },
    });
    // The stage must be redeployed whenever the imported document changes: the deployment's identity follows it.
    this.restApi.latestDeployment?.addToLogicalId(this.definition);
    this.restApi.addUsagePlan('UsagePlan', {
      name: 'comptoir-default',
      description: 'Default throttling for every caller of the v1 stage',
      throttle: throttling,
      apiStages: [{ api: this.restApi, stage: this.restApi.deploymentStage }],
    });

    for (const lambda of props.functions.all) {
      // One statement per function for the whole stage: a statement per operation would outgrow the 20 KB resource policy.
      lambda.addPermission('InvokeFromApi', {
        principal: new ServicePrincipal('apigateway.amazonaws.com'),
        sourceArn: this.restApi.arnForExecuteApi('*', '/*', STAGE_NAME),
      });
    }

    Validations.of(this.restApi).acknowledge(
      {
        id: 'AwsSolutions-APIG2',
        reason:
          'Each Lambda validates its request against the same contract and answers problem+json with a pointer per invalid field, which a gateway validator cannot.',
      },
      {
        id: 'AwsSolutions-APIG3',
        reason:
          'No WAF web ACL yet: callers are authenticated by Cognito and throttled by the stage and usage plan; a web ACL is associated per environment when public traffic warrants it.',
      },
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
        reason: 'API Gateway\'s account-wide logging role uses the AWS policy made for it: it writes the execution logs APIG6 asks for.',
      },
    );
  }
}

function accessLogFormat(): AccessLogFormat {
  return AccessLogFormat.custom(
    JSON.stringify({
      requestId: AccessLogField.contextRequestId(),
      extendedRequestId: AccessLogField.contextExtendedRequestId(),
      requestTime: AccessLogField.contextRequestTime(),
      sourceIp: AccessLogField.contextIdentitySourceIp(),
      userAgent: AccessLogField.contextIdentityUserAgent(),
      subject: AccessLogField.contextAuthorizerClaims('sub'),
      clientId: AccessLogField.contextAuthorizerClaims('client_id'),
      httpMethod: AccessLogField.contextHttpMethod(),
      resourcePath: AccessLogField.contextResourcePath(),
      path: AccessLogField.contextPath(),
      protocol: AccessLogField.contextProtocol(),
      status: AccessLogField.contextStatus(),
      responseLength: AccessLogField.contextResponseLength(),
      responseLatency: AccessLogField.contextResponseLatency(),
      integrationLatency: AccessLogField.contextIntegrationLatency(),
      integrationStatus: AccessLogField.contextIntegrationStatus(),
      errorType: AccessLogField.contextErrorResponseType(),
      errorMessage: AccessLogField.contextErrorMessage(),
      xrayTraceId: AccessLogField.contextXrayTraceId(),
    }),
  );
}
