import { createHash } from 'node:crypto';
import { quoteRequestSchema, requestQuote as request } from '../../../domain/quotes/use-cases/request-quote.ts';
import type { RateLimit } from '../../adapters/dynamodb/rate-limits.ts';
import { httpPlatform, quotesDeps } from '../../composition.ts';
import type { HttpEvent } from '../../middleware/http-event.ts';
import { HttpProblem } from '../../middleware/http-problem.ts';
import { forQuoteRequestScope, readsBody, type Operation } from '../http-handler.ts';
import { json } from '../responses.ts';
import { quoteLocation } from './representation.ts';

/**
 * Bot-resistant limits (QUO-8) on top of the body's own (sizes, the honeypot field): a client asks at most so many
 * quotes an hour, and one contact address so many a day, whatever client posts them.
 */
const PER_CLIENT: RateLimit = { scope: 'quote-requests-client', limit: 120, windowSeconds: 3600 };
const PER_CONTACT: RateLimit = { scope: 'quote-requests-contact', limit: 5, windowSeconds: 86_400 };

async function refuseFlooding(event: HttpEvent): Promise<void> {
  const email = (event.json as { contact?: { email?: unknown } } | undefined)?.contact?.email;
  const now = new Date();
  const limiter = httpPlatform.rateLimiter();
  const waits = await Promise.all([
    limiter.hit(PER_CLIENT, event.actor.id, now),
    typeof email === 'string' ? limiter.hit(PER_CONTACT, createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 32), now) : null,
  ]);
  const wait = Math.max(...waits.map((seconds) => seconds ?? 0));
  if (wait > 0) throw new HttpProblem(429, 'too_many_requests', `Too many quote requests: try again in ${wait} s`, [], { 'Retry-After': String(wait) });
}

export const requestQuote: Operation = forQuoteRequestScope(
  readsBody(quoteRequestSchema, async (event) => {
    await refuseFlooding(event);
    const quote = await request(quotesDeps(), event.actor, event.json);
    return json(201, { quoteId: quote.id, number: quote.number, state: quote.state, ownerAgentId: quote.content.ownerAgentId }, { location: quoteLocation(quote.id) });
  }),
);
