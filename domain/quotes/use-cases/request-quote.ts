import * as z from 'zod';
import { getCustomer, type Customer } from '../../customers/index.ts';
import { positiveDecimal, productFieldsSchema } from '../../catalog/index.ts';
import type { Actor } from '../../shared/actor.ts';
import { NotFoundError, ValidationError } from '../../shared/errors.ts';
import { idPattern } from '../../shared/ids.ts';
import { countryCode, note, parseWith, text } from '../../shared/validation.ts';
import { quoteEvent, type QuotesDeps } from '../access.ts';
import { assignAgent } from '../assignment.ts';
import type { Quote } from '../quote.ts';
import { createDraft } from './create-quote.ts';

export const MAX_REQUESTED_PRODUCTS = 50;

/** A request for a quote (QUO-8), from an integration or a web form: who asks, and what for. */
export const quoteRequestSchema = z
  .strictObject({
    contact: z.strictObject({
      company: text(200),
      person: text(200).optional(),
      email: z.email({ message: 'must be an e-mail address' }).max(254),
      phone: text(40).optional(),
      countryCode: countryCode.optional(),
      vatNumber: text(20).optional(),
    }),
    /** The customer it comes from, when the integration knows it (a signed-in shop customer). */
    customerId: z.string().regex(idPattern('customer'), 'must be a customer id (cus_…)').optional(),
    products: z
      .array(z.strictObject({ code: productFieldsSchema.shape.code, quantity: positiveDecimal.optional() }))
      .max(MAX_REQUESTED_PRODUCTS, `must have at most ${MAX_REQUESTED_PRODUCTS} products`)
      .optional(),
    message: note(4000).optional(),
    /** The form or the integration it came through ("website", "shop"…). */
    source: text(100).optional(),
    /** Left empty by people; a bot that fills every field gives itself away. */
    website: z.string().max(0, 'must be left empty').optional(),
  })
  .superRefine((request, ctx) => {
    if (!request.products?.length && !request.message) ctx.addIssue({ code: 'custom', path: ['products'], message: 'are required, or a message: say what the quote is for' });
  });

/**
 * QUO-8: turns a request into a draft quote assigned by the configured rule (the customer's agent, the contact's
 * country, round robin; else the fallback agent), its products as lines and the message as an internal note.
 * Emits `quote.created` and `quote.requested` with the quote. An unknown product code is a 400 on its
 * `/products/<i>/code`; a customer the requester may not see, on `/customerId`.
 */
export async function requestQuote(deps: QuotesDeps, requester: Actor, input: unknown): Promise<Quote> {
  const request = parseWith(quoteRequestSchema, input);
  const customer = request.customerId === undefined ? undefined : await requestedCustomer(deps, request.customerId);
  const assigned = await assignAgent(deps.settings.assignment, {
    ...(customer?.salesAgentId ? { customerAgentId: customer.salesAgentId } : {}),
    ...((request.contact.countryCode ?? customer?.countryCode) ? { countryCode: (request.contact.countryCode ?? customer?.countryCode)! } : {}),
    nextTurn: () => deps.store.nextRoundRobinTurn(),
  });
  // The draft is made for the agent it goes to, by the request: what the agent will see as its author.
  const author: Actor = { id: `quote-request:${requester.id}`, role: 'manager' };
  const { contact } = request;
  const note = [`Quote request${request.source ? ` (${request.source})` : ''} from ${contact.person ?? contact.company} <${contact.email}>${contact.phone ? `, ${contact.phone}` : ''}`, request.message].filter(Boolean).join('\n\n');
  const lines = (request.products ?? []).map((product) => ({ kind: 'product' as const, productCode: product.code, quantity: product.quantity ?? '1' }));
  try {
    return await createDraft(
      deps,
      author,
      {
        ...(customer ? { customerId: customer.id } : { prospect: { company: contact.company, email: contact.email, ...(contact.person ? { person: contact.person } : {}), ...(contact.phone ? { phone: contact.phone } : {}), ...(contact.countryCode ? { countryCode: contact.countryCode } : {}), ...(contact.vatNumber ? { vatNumber: contact.vatNumber } : {}) } }),
        ownerAgentId: assigned.agentId,
        internalNotes: note.slice(0, 4000),
      },
      lines,
      (quote) => [quoteEvent('quote.requested', { quoteId: quote.id, number: quote.number, ownerAgentId: assigned.agentId, rule: assigned.rule, requestedBy: requester.id, ...(request.source ? { source: request.source } : {}) }, { actor: author, clock: deps.clock, subject: quote.id })],
    );
  } catch (error) {
    if (error instanceof ValidationError) throw new ValidationError(error.issues.map((issue) => ({ ...issue, pointer: issue.pointer.replace(/^\/lines\/(\d+)\/productCode$/, '/products/$1/code') })));
    throw error;
  }
}

async function requestedCustomer(deps: QuotesDeps, customerId: string): Promise<Customer> {
  try {
    return (await getCustomer(deps.customers, { id: 'quote-request', role: 'manager' }, customerId)).customer;
  } catch (error) {
    if (error instanceof NotFoundError) throw ValidationError.field('/customerId', `${customerId} is not a customer`);
    throw error;
  }
}
