import { DomainError } from '../shared/errors.ts';

/** The pricing data cannot price the document: a gap in the configuration, not in the request. */
export class PricingConfigurationError extends DomainError {
  readonly code = 'pricing_configuration_incomplete';
}
