import { httpPlatform } from '../../composition.ts';
import { contextHandler, type Operation } from '../http-handler.ts';
import { acceptQuote, cancelQuote, declineQuote } from './change-quote-state.ts';
import { createQuote } from './create-quote.ts';
import { getQuoteAnalytics } from './get-quote-analytics.ts';
import { getQuote } from './get-quote.ts';
import { getQuotePdf, getQuoteVersionPdf } from './quote-pdf.ts';
import { listQuoteEmails, sendQuote } from './send-quote.ts';
import { listQuoteLines, listQuoteVersionLines } from './list-quote-lines.ts';
import { listQuotes } from './list-quotes.ts';
import { requestQuote } from './request-quote.ts';
import { updateQuote } from './update-quote.ts';
import { diffQuoteVersions, getQuoteVersion, listQuoteVersions } from './versions.ts';

/** The quotes context's operations, by the operationId of the contract. */
export const operations: Record<string, Operation> = {
  createQuote,
  listQuotes,
  getQuote,
  updateQuote,
  listQuoteLines,
  listQuoteVersions,
  getQuoteVersion,
  listQuoteVersionLines,
  diffQuoteVersions,
  getQuotePdf,
  getQuoteVersionPdf,
  sendQuote,
  listQuoteEmails,
  acceptQuote,
  declineQuote,
  cancelQuote,
  requestQuote,
  getQuoteAnalytics,
};

export const handler = contextHandler(operations, httpPlatform);
