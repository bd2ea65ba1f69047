import { quotePdf } from '../../../domain/quotes/use-cases/quote-pdf.ts';
import { quotesDeps } from '../../composition.ts';
import { answersWith, type Operation } from '../http-handler.ts';
import { pathId } from '../request.ts';
import { pdf } from '../responses.ts';
import { versionNumber } from './version-path.ts';

export const getQuotePdf: Operation = answersWith('application/pdf', async (event) => {
  const document = await quotePdf(quotesDeps(), event.actor, pathId(event, 'quoteId', 'quote'));
  return pdf(document.bytes, document.filename);
});

export const getQuoteVersionPdf: Operation = answersWith('application/pdf', async (event) => {
  const document = await quotePdf(quotesDeps(), event.actor, pathId(event, 'quoteId', 'quote'), versionNumber(event, 'versionNumber'));
  return pdf(document.bytes, document.filename);
});
