import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import {
  AccountRecovery,
  type CfnUserPoolClient,
  FeaturePlan,
  Mfa,
  OAuthScope,
  ResourceServerScope,
  StandardThreatProtectionMode,
  type UserPoolClient,
  type UserPoolDomain,
  UserPool,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import type { HttpMethod } from './openapi-contract.ts';

/** The roles the use cases check (cognito:groups claim); a lower precedence wins when a user is in several. */
export const USER_GROUPS = [
  { name: 'admin', description: 'Configures Comptoir and sees everything' },
  { name: 'manager', description: 'Manages the sales team, prices and approvals' },
  { name: 'agent', description: 'Sells to the customers assigned to them' },
] as const;

export const RESOURCE_SERVER_IDENTIFIER = 'comptoir';
/** The scope Cognito puts in every access token of a signed-in user. */
export const USER_ACCESS_SCOPE = 'aws.cognito.signin.user.admin';

export interface AuthProps {
  /** The prefix of the hosted domain that serves /oauth2/token to integrations (unique per region). */
  readonly domainPrefix: string;
  /** Production also refuses the pool's deletion (deletion protection). */
  readonly production: boolean;
}

/**
 * Users are created by an admin (no self sign-up) and belong to groups; integrations authenticate with the
 * client-credentials grant and get the scopes of the `comptoir` resource server.
 */
export class Auth extends Construct {
  readonly userPool: UserPool;
  readonly webClient: UserPoolClient;
  readonly integrationClient: UserPoolClient;
  readonly quoteRequestClient: UserPoolClient;
  readonly domain: UserPoolDomain;
  /** Full scope names, e.g. `comptoir/integration`. */
  readonly scopes: { readonly integration: string; readonly read: string };
  /** The `iss` claim of the pool's tokens. */
  readonly issuer: string;
  readonly jwksUrl: string;

  constructor(scope: Construct, id: string, props: AuthProps) {
    super(scope, id);
    this.userPool = new UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      keepOriginal: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
        passwordHistorySize: 5,
      },
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: props.production,
      // The users, their passwords and MFA enrolments: kept when the stack goes, whatever the stage.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG2',
      reason:
        'MFA is optional (TOTP) so that admin-created users can enrol at first sign-in; threat protection in full-function mode challenges or blocks risky sign-ins.',
    });
    USER_GROUPS.forEach((group, precedence) => {
      this.userPool.addGroup(`${group.name}Group`, { groupName: group.name, description: group.description, precedence });
    });

    const integrationScope = new ResourceServerScope({ scopeName: 'integration', scopeDescription: 'Read and write as an integration' });
    const readScope = new ResourceServerScope({ scopeName: 'read', scopeDescription: 'Read only' });
    const quoteRequestScope = new ResourceServerScope({ scopeName: 'quote-requests', scopeDescription: 'Ask for quotes (POST /quote-requests) and nothing else: web forms' });
    const resourceServer = this.userPool.addResourceServer('ResourceServer', {
      identifier: RESOURCE_SERVER_IDENTIFIER,
      userPoolResourceServerName: 'Comptoir API',
      scopes: [integrationScope, readScope, quoteRequestScope],
    });
    const integrationOAuthScope = OAuthScope.resourceServer(resourceServer, integrationScope);
    const readOAuthScope = OAuthScope.resourceServer(resourceServer, readScope);
    const quoteRequestOAuthScope = OAuthScope.resourceServer(resourceServer, quoteRequestScope);
    // Literal names for the API definition; the client references the resource server so it is created after it.
    this.scopes = { integration: `${RESOURCE_SERVER_IDENTIFIER}/integration`, read: `${RESOURCE_SERVER_IDENTIFIER}/read` };

    this.webClient = this.userPool.addClient('WebClient', {
      userPoolClientName: 'web-app',
      generateSecret: false,
      authFlows: { userSrp: true },
      disableOAuth: true,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
    });

    this.integrationClient = this.userPool.addClient('IntegrationClient', {
      userPoolClientName: 'integration',
      generateSecret: true,
      oAuth: { flows: { clientCredentials: true }, scopes: [integrationOAuthScope, readOAuthScope] },
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.hours(1),
    });
    // The website's back end posting its forms' quote requests: that scope and nothing else (QUO-8).
    this.quoteRequestClient = this.userPool.addClient('QuoteRequestClient', {
      userPoolClientName: 'quote-requests',
      generateSecret: true,
      oAuth: { flows: { clientCredentials: true }, scopes: [quoteRequestOAuthScope] },
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.hours(1),
    });
    // A machine client signs in with its secret only: no SRP or password flows (CDK cannot express an empty list).
    for (const client of [this.integrationClient, this.quoteRequestClient]) (client.node.defaultChild as CfnUserPoolClient).explicitAuthFlows = ['ALLOW_REFRESH_TOKEN_AUTH'];

    this.domain = this.userPool.addDomain('Domain', { cognitoDomain: { domainPrefix: props.domainPrefix } });

    const stack = Stack.of(this);
    this.issuer = `https://cognito-idp.${stack.region}.${stack.urlSuffix}/${this.userPool.userPoolId}`;
    this.jwksUrl = `${this.issuer}/.well-known/jwks.json`;
  }

  /**
   * The scopes an operation accepts when the contract names none: a signed-in user's access token, or an
   * integration's; reads also accept the read-only scope.
   */
  defaultScopes(method: HttpMethod): string[] {
    const readOnly = method === 'get' || method === 'head';
    return readOnly ? [USER_ACCESS_SCOPE, this.scopes.integration, this.scopes.read] : [USER_ACCESS_SCOPE, this.scopes.integration];
  }
}
