/** Who is calling, as the authentication layer established it. */
export type Role = 'admin' | 'manager' | 'agent' | 'integration';

export const ROLES: readonly Role[] = ['admin', 'manager', 'agent', 'integration'];

export interface Actor {
  /** The user id (the token's `sub`), or the integration's client id. */
  readonly id: string;
  readonly role: Role;
  /** The person's name and e-mail address, when their token carries them (Cognito ID tokens do): a quote's sender. */
  readonly name?: string;
  readonly email?: string;
  /**
   * An integration's OAuth scopes. One holding only `comptoir/quote-requests` (a web form's client) may ask for quotes
   * and do nothing else.
   */
  readonly scopes?: readonly string[];
}

export const QUOTE_REQUEST_SCOPE = 'comptoir/quote-requests';

/** Agents are limited to what is assigned to them; every other role sees the whole book. */
export function seesEverything(actor: Actor): boolean {
  return actor.role !== 'agent';
}

export function canWrite(actor: Actor): boolean {
  return actor.role !== 'integration';
}
