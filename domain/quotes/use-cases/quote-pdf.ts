import { getDocumentSettings } from '../../printing/index.ts';
import type { Actor } from '../../shared/actor.ts';
import type { QuotesDeps } from '../access.ts';
import { isPinned } from '../../shared/document-versions.ts';
import { printableQuote, sentBy, type Sender } from '../printable.ts';
import type { Quote, QuoteVersion } from '../quote.ts';
import { getQuoteVersion } from './read-quotes.ts';

export interface QuotePdf {
  readonly filename: string;
  readonly bytes: Uint8Array;
}

/** The sender a version's PDF names: who sent that version, else who asks for it. */
function senderOf(quote: Quote, version: QuoteVersion, actor: Pick<Actor, 'id' | 'name' | 'email'>): Sender {
  return isPinned(quote.sent, version) ? sentBy(quote)! : actor;
}

/** QUO-4: a version of a quote as PDF, with the current document settings (seller, template). */
export async function renderVersion(deps: QuotesDeps, quote: Quote, version: QuoteVersion, sender: Sender | undefined): Promise<QuotePdf> {
  const [lines, settings] = await Promise.all([deps.store.allLines(quote.id, version), getDocumentSettings(deps.printing)]);
  const bytes = await deps.render(printableQuote(quote.number, version, lines, settings, sender), settings.templates.quote);
  const word = version.content.language === 'fr' ? 'Devis' : 'Quotation';
  return { filename: `${word} ${quote.number}${version.number > 1 ? ` v${version.number}` : ''}.pdf`, bytes };
}

/** The PDF of a quote's current version, or of version `number`, for someone who may see the quote. */
export async function quotePdf(deps: QuotesDeps, actor: Actor, quoteId: string, number?: number): Promise<QuotePdf> {
  const { quote, version } = await getQuoteVersion(deps, actor, quoteId, number);
  return renderVersion(deps, quote, version, senderOf(quote, version, actor));
}
