import type { PrintableDocument } from '../../../domain/printing/index.ts';
import { acceptanceSchema, acceptByLink, declineByLink, declineSchema, quoteLinkPdf, viewQuoteLink, type OpenedLink } from '../../../domain/quotes/index.ts';
import type { components } from '../../../openapi/generated/types.ts';
import { httpPlatform, quotesDeps } from '../../composition.ts';
import type { HttpEvent } from '../../middleware/http-event.ts';
import { answersWith, contextHandler, readsBody, type Operation } from '../http-handler.ts';
import { pathPart } from '../request.ts';
import { json, pdf } from '../responses.ts';

/**
 * The routes a customer reaches from an e-mailed quote, without an account (`security: []` in the contract): one
 * version of one quote, its PDF, and the answer. They show the quote as printed and nothing else.
 */
const token = (event: HttpEvent) => pathPart(event, 'token', 'quote link', (value) => value.length <= 2000 && /^[\w-]+\.[\w-]+\.[\w-]+$/.test(value));

function publicQuote(opened: OpenedLink, document?: PrintableDocument): components['schemas']['PublicQuote'] {
  const { quote, version, outdated } = opened;
  return {
    number: quote.number,
    versionNumber: version.number,
    state: quote.state,
    outdated,
    currentVersionNumber: quote.current.number,
    validUntil: version.content.validUntil,
    ...(quote.accepted ? { accepted: { versionNumber: quote.accepted.number, at: quote.accepted.at, signerName: quote.accepted.signerName } } : {}),
    ...(document ? { document: Object.fromEntries(Object.entries(document)) } : {}),
  };
}

const getPublicQuote: Operation = async (event) => {
  const viewed = await viewQuoteLink(quotesDeps(), token(event));
  return json(200, publicQuote(viewed, viewed.document));
};

const getPublicQuotePdf: Operation = answersWith('application/pdf', async (event) => {
  const document = await quoteLinkPdf(quotesDeps(), token(event));
  return pdf(document.bytes, document.filename);
});

const acceptQuoteOnline: Operation = readsBody(acceptanceSchema, async (event) => json(200, publicQuote(await acceptByLink(quotesDeps(), token(event), event.json))));

const declineQuoteOnline: Operation = readsBody(declineSchema, async (event) => json(200, publicQuote(await declineByLink(quotesDeps(), token(event), event.json))));

/** The public quote routes, by the operationId of the contract. */
export const operations: Record<string, Operation> = { getPublicQuote, getPublicQuotePdf, acceptQuoteOnline, declineQuoteOnline };

export const handler = contextHandler(operations, httpPlatform, 'public');
