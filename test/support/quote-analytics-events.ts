import type { CountedQuoteEventType } from '../../domain/analytics/quote-events.ts';
import type { DomainEvent } from '../../domain/shared/events.ts';
import { newId } from '../../domain/shared/ids.ts';

export interface QuoteEventSpec {
  readonly quoteId?: string;
  readonly at: string;
  readonly net?: string;
  readonly currency?: string;
  readonly agentId?: string;
  /** Absent: a prospect's quote. */
  readonly customerId?: string;
  /** The state the quote left (for an expiry: `draft` or `sent`). */
  readonly from?: string;
  readonly id?: string;
}

const TO: Record<CountedQuoteEventType, string> = {
  'quote.sent': 'sent',
  'quote.accepted': 'accepted',
  'quote.converted': 'converted',
  'quote.declined': 'declined',
  'quote.expired': 'expired',
};
const FROM: Record<CountedQuoteEventType, string> = { 'quote.sent': 'draft', 'quote.accepted': 'sent', 'quote.converted': 'accepted', 'quote.declined': 'sent', 'quote.expired': 'sent' };

/** A quote event as the quotes context makes it (domain/quotes/events.ts), for the analytics to count. */
export function quoteEvent(type: CountedQuoteEventType, spec: QuoteEventSpec): DomainEvent {
  const quoteId = spec.quoteId ?? newId('quote');
  return {
    id: spec.id ?? newId('event'),
    type,
    version: 1,
    occurredAt: spec.at,
    actorId: spec.agentId ?? 'agent-a',
    subject: quoteId,
    data: {
      quoteId,
      number: 'Q-2026-000001',
      version: 2,
      documentVersion: 1,
      contentHash: 'sha256:test',
      ...(spec.customerId === undefined ? {} : { customerId: spec.customerId }),
      ownerAgentId: spec.agentId ?? 'agent-a',
      currency: spec.currency ?? 'EUR',
      net: spec.net ?? '100.00',
      createdAt: '2026-01-02T09:00:00.000Z',
      from: spec.from ?? FROM[type],
      to: TO[type],
    },
  };
}
