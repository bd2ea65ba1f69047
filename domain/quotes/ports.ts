import type { DomainEvent } from '../shared/events.ts';
import type { CurrentVersion } from '../shared/document-versions.ts';
import type { Page, PageRequest } from '../shared/page.ts';
import type { SequenceAllocation } from '../shared/sequences.ts';
import type { Quote, QuoteLine, QuoteState, QuoteVersion } from './quote.ts';

/**
 * The quotes' store (DESIGN §5: documents are immutable versions). Access patterns, each a key or index lookup
 * (the chart in functions/adapters/dynamodb/README.md):
 * | Pattern                              | Method        |
 * |--------------------------------------|---------------|
 * | A quote's header                     | get           |
 * | A version, its lines (a page, all)   | getVersion, lines, allLines |
 * | A quote's versions                   | listVersions  |
 * | Quotes newest first, by agent / customer / state | list |
 * | Open quotes whose validity ended      | listExpired   |
 * | The year's last number               | lastNumber    |
 */
export interface QuoteQuery {
  readonly ownerAgentId?: string;
  readonly customerId?: string;
  readonly state?: QuoteState;
}

/**
 * One change of one quote: its header from `previous` (null: the quote is new, and `sequence` is the number it
 * takes) to `next`; with `version` when the change writes a version (new, or a draft's replaced in place).
 */
export interface QuoteChange {
  readonly previous: Quote | null;
  readonly next: Quote;
  readonly sequence?: SequenceAllocation;
  readonly version?: {
    readonly record: QuoteVersion;
    /** Absent when the version keeps lines already stored (by their hash). */
    readonly lines?: readonly QuoteLine[];
    /** A draft's version replaced in place: the one it replaces. */
    readonly replaces?: CurrentVersion;
  };
}

export interface QuoteStore {
  get(quoteId: string): Promise<Quote | null>;
  getVersion(quoteId: string, number: number): Promise<QuoteVersion | null>;
  listVersions(quoteId: string, page: PageRequest): Promise<Page<QuoteVersion>>;
  /** A page of the version's lines, in position order. */
  lines(quoteId: string, version: CurrentVersion, page: PageRequest): Promise<Page<QuoteLine>>;
  allLines(quoteId: string, version: CurrentVersion): Promise<readonly QuoteLine[]>;
  list(query: QuoteQuery, page: PageRequest): Promise<Page<Quote>>;
  /** Draft and sent quotes valid until before `date`, oldest validity first. */
  listExpired(date: string, page: PageRequest): Promise<Page<Quote>>;
  /** The year's sequence as stored now (0 when no quote has a number of that year yet). */
  lastNumber(year: number): Promise<SequenceAllocation>;
  /** The next turn of the request round robin (QUO-8): 0, 1, 2… across every Lambda container. */
  nextRoundRobinTurn(): Promise<number>;
  /** Writes the version's lines (if any) first, then the header, version, sequence and events in one transaction. */
  commit(change: QuoteChange, events: readonly DomainEvent[]): Promise<void>;
}

/** What a link opens (QUO-6 online acceptance): one version of one quote, until it expires. */
export interface AcceptanceGrant {
  readonly quoteId: string;
  readonly number: number;
  readonly contentHash: string;
  /** ISO timestamp. */
  readonly expiresAt: string;
}

/** Signed, expiring links to a quote's version, for a customer without an account. */
export interface AcceptanceLinks {
  /** The opaque token of a link (it goes into the e-mailed URL). */
  issue(grant: AcceptanceGrant): Promise<string>;
  /** The grant a token carries; null when it was not issued by us or has expired. */
  open(token: string): Promise<AcceptanceGrant | null>;
  /** The URL the e-mail carries for a token: the company's acceptance page if configured, else this API's public view. */
  url(token: string, apiBaseUrl: string): string;
}
