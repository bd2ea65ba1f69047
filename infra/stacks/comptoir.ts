import type { Environment } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { AllowedOrigins } from '../../functions/middleware/cors.ts';
import type { ReadOnlyFunction } from '../constructs/http-functions.ts';
import { StatefulStack } from './stateful-stack.ts';
import { type ComptoirSources, StatelessStack } from './stateless-stack.ts';

export interface ComptoirProps {
  readonly stage: string;
  readonly env: Environment;
  /** Production turns deletion protection on (table, user pool) and retains the log groups. */
  readonly production: boolean;
  readonly authDomainPrefix: string;
  readonly emailFromAddress: string;
  /** The sender's name recipients see. */
  readonly emailFromName: string;
  readonly corsAllowedOrigins: AllowedOrigins;
  readonly companyCountry: string;
  readonly sources?: ComptoirSources;
  readonly readOnlyFunctions?: readonly ReadOnlyFunction[];
}

/**
 * Comptoir in one stage: `Comptoir-<stage>` holds the data (the name of the former single stack, so its resources
 * stay in place), `Comptoir-<stage>-Service` the code, which references it and so deploys after it.
 */
export function comptoirStacks(scope: Construct, props: ComptoirProps): { stateful: StatefulStack; stateless: StatelessStack } {
  const stateful = new StatefulStack(scope, `Comptoir-${props.stage}`, {
    env: props.env,
    description: `Comptoir sales back office (${props.stage}): data, identity, e-mail identity, event bus and files`,
    production: props.production,
    authDomainPrefix: props.authDomainPrefix,
    emailFromAddress: props.emailFromAddress,
    emailFromName: props.emailFromName,
  });
  const stateless = new StatelessStack(scope, `Comptoir-${props.stage}-Service`, {
    env: props.env,
    description: `Comptoir sales back office (${props.stage}): API, functions and event relay`,
    // The API is imported from the whole contract, inlined in the template: unindented, it stays far from the 1 MB
    // a CloudFormation template may weigh.
    suppressTemplateIndentation: true,
    state: stateful,
    production: props.production,
    corsAllowedOrigins: props.corsAllowedOrigins,
    companyCountry: props.companyCountry,
    ...(props.sources === undefined ? {} : { sources: props.sources }),
    ...(props.readOnlyFunctions === undefined ? {} : { readOnlyFunctions: props.readOnlyFunctions }),
  });
  return { stateful, stateless };
}
