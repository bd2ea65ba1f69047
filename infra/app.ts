import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { isCountryCode } from '../domain/shared/reference-data.ts';
import { parseAllowedOrigins } from '../functions/middleware/cors.ts';
import { comptoirStacks } from './stacks/comptoir.ts';

const app = new App();
const context = (key: string): string | undefined => {
  const value: unknown = app.node.tryGetContext(key);
  return typeof value === 'string' && value !== '' ? value : undefined;
};

// `cdk deploy -c stage=prod -c authDomainPrefix=... -c emailFromAddress=... -c emailFromName=... -c corsAllowedOrigins=https://app.example.com,...`
const stage = context('stage') ?? 'dev';
comptoirStacks(app, {
  stage,
  // Environment-agnostic unless the CLI knows the account (offline synth needs no credentials).
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  production: stage === 'prod',
  authDomainPrefix: context('authDomainPrefix') ?? `comptoir-${stage}`,
  emailFromAddress: context('emailFromAddress') ?? 'no-reply@comptoir.example',
  emailFromName: context('emailFromName') ?? 'Comptoir',
  corsAllowedOrigins: parseAllowedOrigins(context('corsAllowedOrigins') ?? '*', 'corsAllowedOrigins'),
  companyCountry: companyCountry(context('companyCountry') ?? 'FR'),
});

Validations.of(app).addPlugins(new AwsSolutionsChecks(app));

function companyCountry(code: string): string {
  if (!isCountryCode(code)) throw new Error(`-c companyCountry=${code} is not an ISO 3166-1 alpha-2 country code such as FR`);
  return code;
}
