import * as z from 'zod';
import type { Clock } from './clock.ts';
import { ConflictError, ValidationError } from './errors.ts';
import { parseWith, text } from './validation.ts';
import { assertExpectedVersion, nextVersion, type ExpectedVersion } from './versioning.ts';

/** One action of a lifecycle: the states it starts from, the one it leads to, and whether a reason is required. */
export interface Transition<S extends string> {
  readonly from: readonly S[];
  readonly to: S;
  readonly reason: 'required' | 'optional';
  /** Set when the action is not a client's `POST` on the resource: what takes it (an edit, a schedule, another context). */
  readonly takenBy?: string;
}

/**
 * A resource's lifecycle as data (DESIGN §9): state × action → state. The use cases apply it with `transition`,
 * the contract's tables are generated from it (`lifecycleTable`, `npm run generate`), the tests walk it.
 */
export interface Lifecycle<S extends string, A extends string> {
  /** The resource, as its errors and the contract name it (`customer`, `product`). */
  readonly resource: string;
  readonly initial: S;
  readonly actions: { readonly [action in A]: Transition<S> };
}

export function defineLifecycle<const S extends string, const A extends string>(lifecycle: Lifecycle<S, A>): Lifecycle<S, A> {
  return lifecycle;
}

export type ActionOf<L> = L extends Lifecycle<string, infer A> ? A : never;

/** The body of every state-change action: an optional (or required, per transition) reason. */
export const stateChangeSchema = z.strictObject({ reason: text(500).optional() });

/** What applying an action to the current state gives: the states before and after, and the reason given. */
export interface StateChange<S extends string> {
  readonly from: S;
  readonly to: S;
  readonly reason?: string;
}

/**
 * Applies `action` to a resource in state `current`, with the request body `input` (`{ reason? }`).
 * A missing required reason is a 400 on `/reason`; an action the state does not allow is a 409
 * `invalid_state_transition` naming the states it is allowed from.
 */
export function transition<S extends string, A extends string>(lifecycle: Lifecycle<S, A>, current: S, action: A, input: unknown): StateChange<S> {
  const { reason } = parseWith(stateChangeSchema, input ?? {});
  const { from, to, reason: needs } = lifecycle.actions[action];
  if (needs === 'required' && !reason) throw ValidationError.field('/reason', `is required to ${action} a ${lifecycle.resource}`);
  if (!from.includes(current)) {
    throw new ConflictError('invalid_state_transition', `A ${lifecycle.resource} in state ${current} cannot ${action}; allowed from: ${from.join(', ')}`);
  }
  return { from: current, to, ...(reason ? { reason } : {}) };
}

const code = (value: string) => `\`${value}\``;

/** The Markdown table of the actions, as the contract shows it in the resource's tag. */
export function lifecycleTable(lifecycle: Lifecycle<string, string>): string {
  const rows = Object.entries<Transition<string>>(lifecycle.actions).map(
    ([action, { from, to, reason, takenBy }]) => `| ${code(action)}${takenBy ? ` (${takenBy})` : ''} | ${from.map(code).join(', ')} | ${code(to)} | ${reason} |`,
  );
  return ['| Action | From | To | `reason` |', '|---|---|---|---|', ...rows].join('\n');
}

/** The record in the state a change leads to; the change's reason replaces the previous one (none if none given). */
function inState<S extends string, R extends { readonly state: S; readonly stateReason?: string }>(record: R, change: StateChange<S>): R {
  const { stateReason: _previous, ...rest } = record;
  return { ...rest, state: change.to, ...(change.reason ? { stateReason: change.reason } : {}) } as R;
}

/** A record with a lifecycle: versioned, in a state, with the reason of its last change of state. */
export interface Stateful<S extends string> {
  readonly version: number;
  readonly state: S;
  readonly stateReason?: string;
}

/**
 * Every state-change action of every context: the expected version checked (412), the action applied (400/409 as
 * `transition` says), the next version of the record in its new state.
 */
export function applyAction<S extends string, A extends string, R extends Stateful<S>>(
  lifecycle: Lifecycle<S, A>,
  record: R,
  request: { readonly expectedVersion: ExpectedVersion; readonly action: A; readonly input: unknown; readonly clock: Clock },
): { readonly next: R; readonly change: StateChange<S> } {
  assertExpectedVersion(request.expectedVersion, record.version);
  const change = transition(lifecycle, record.state, request.action, request.input);
  return { next: nextVersion(inState(record, change), request.clock), change };
}
