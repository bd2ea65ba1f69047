import type { Actor } from '../shared/actor.ts';
import type { Clock } from '../shared/clock.ts';
import type { DomainEvent } from '../shared/events.ts';
import { transition } from '../shared/lifecycle.ts';
import { assertExpectedVersion, type ExpectedVersion } from '../shared/versioning.ts';
import { quoteEvent } from './access.ts';
import { quoteFacts } from './quote-facts.ts';
import { MAX_RECORDED_TRANSITIONS, QUOTE_LIFECYCLE, type Quote, type QuoteAction } from './quote.ts';

const EVENT_OF = {
  send: 'quote.sent',
  revise: 'quote.revised',
  accept: 'quote.accepted',
  decline: 'quote.declined',
  expire: 'quote.expired',
  cancel: 'quote.cancelled',
  convert: 'quote.converted',
} as const satisfies Record<QuoteAction, string>;

/**
 * Applies a lifecycle action to a quote (QUO-2): the expected version checked (412), the transition allowed (409) and
 * its reason given when required (400); the next header records who and when, with `changes` (the version an action
 * pins), and the action's event. Committing them is the caller's.
 */
export function moveQuote(
  quote: Quote,
  request: { readonly action: QuoteAction; readonly input: unknown; readonly expectedVersion: ExpectedVersion; readonly actor: Actor; readonly clock: Clock },
  changes: Partial<Pick<Quote, 'sent' | 'accepted' | 'converted'>> = {},
): { readonly next: Quote; readonly event: DomainEvent } {
  assertExpectedVersion(request.expectedVersion, quote.version);
  const change = transition(QUOTE_LIFECYCLE, quote.state, request.action, request.input);
  const at = request.clock.now().toISOString();
  const { stateReason: _previous, ...rest } = quote;
  const next: Quote = {
    ...rest,
    ...changes,
    state: change.to,
    ...(change.reason ? { stateReason: change.reason } : {}),
    transitions: [...quote.transitions, { action: request.action, from: change.from, to: change.to, at, by: request.actor.id, ...(change.reason ? { reason: change.reason } : {}) }].slice(-MAX_RECORDED_TRANSITIONS),
    version: quote.version + 1,
    updatedAt: at,
  };
  const event = quoteEvent(EVENT_OF[request.action], { ...quoteFacts(next), from: change.from, to: change.to, ...(change.reason ? { reason: change.reason } : {}) }, { actor: request.actor, clock: request.clock, subject: quote.id });
  return { next, event };
}

/** The current version, pinned now by the actor (sent, accepted, converted). */
export function pinCurrent(quote: Quote, actor: Actor, clock: Clock) {
  return { number: quote.current.number, contentHash: quote.current.contentHash, at: clock.now().toISOString(), by: actor.id };
}
