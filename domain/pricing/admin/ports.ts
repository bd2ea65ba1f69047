import type { DomainEvent } from '../../shared/events.ts';
import type { Page, PageRequest } from '../../shared/page.ts';
import type { Incoterm } from '../../shared/reference-data.ts';
import type { RuleTarget } from '../model.ts';
import type { ListSource } from '../structure.ts';
import type { PriceHistoryEntry } from './history.ts';
import type {
  ApplicableRules,
  ExchangeRateRecord,
  PriceListRecord,
  PriceRuleRecord,
  PricingStructureRecord,
  RulesQuery,
  TransportRuleRecord,
  VatRateRecord,
} from './records.ts';

/**
 * The pricing configuration's store. Every read is a GetItem, a BatchGetItem or a Query on a key or an index —
 * never a Scan. The access patterns the DynamoDB adapter serves (TARGET = `PRODUCT#<prd>`, `FAMILY#<fam>` or `ALL`;
 * AUDIENCE = `STANDARD`, `GROUP#<GROUP>` or `CUSTOMER#<cus>`, see records.ts):
 *
 * | Pattern                                   | Method               | Key condition                                                          |
 * |-------------------------------------------|----------------------|------------------------------------------------------------------------|
 * | Get a list                                | getList              | table `PRICELIST#<prl>` / `#PRICELIST` (GetItem)                       |
 * | All lists by name [prefix]                | listLists {}         | gsi1 `PRICELISTS` / `<name>#<prl>` [begins_with]                       |
 * | Lists of a source [name prefix]           | listLists {source}   | gsi3 `PRICELISTS#SOURCE#<source>` / `<name>#<prl>`                     |
 * | A customer's lists and offers             | listLists {customerId} | gsi4 `CUSTOMER#<cus>#PRICELISTS` / `<source>#<name>#<prl>`           |
 * | A group's lists                           | listLists {priceGroup} | gsi4 `PRICEGROUP#<GROUP>#PRICELISTS` / `<name>#<prl>`                |
 * | Get a rule                                | getRule              | table `PRICELIST#<prl>` / `RULE#<rul>` (GetItem)                       |
 * | A list's rules                            | listRules {listId}   | table `PRICELIST#<prl>`, begins_with `RULE#`                          |
 * | Rules on a target [of one list]           | listRules {target}   | gsi4 `PRICES#<TARGET>` / `<prl>#<rul>` [begins_with `<prl>#`]          |
 * | Rules that can apply to a document        | rulesFor             | BatchGetItem of the rule look-ups `PRICE_LOOKUP#<TARGET>` / `SHARED` (standard and group lists) and `PRICE_LOOKUP#CUSTOMER#<cus>` / `<TARGET>` (or one Query of that partition when cheaper) of every distinct product, family and everything — the audiences and the date kept — then BatchGetItem of their lists |
 * | A rule's / a list's history [from, to]    | history {listId, ruleId?} | table `PRICELIST#<prl>`, sk between `HISTORY#<rul or prl>#<from>` and `…#<to>` |
 * | A target's history [from, to]             | history {target}     | gsi5 `PRICE_HISTORY#<TARGET>` / `<changedAt>#<rul>#<version>` between  |
 * | Exchange rates of a pair, newest first    | listExchangeRates {from, to} | table `EXCHANGE_RATE#<FROM>#<TO>` / `<validFrom>`              |
 * | All exchange rates                        | listExchangeRates {} | gsi1 `EXCHANGE_RATES` / `<FROM>#<TO>#<validFrom>`                      |
 * | The rate of each pair on a date           | exchangeRates        | per pair: table `EXCHANGE_RATE#<FROM>#<TO>`, sk <= date, newest, Limit 1 |
 * | VAT rates of a country / all              | listVatRates         | table `VAT_RATE#<CC>` / `<category>#<validFrom>`; gsi1 `VAT_RATES`     |
 * | VAT rates of a country on a date          | vatRates             | table `VAT_RATE#<CC>` (one Query, the latest per category kept)        |
 * | Get / list transport rules                | getTransportRule, listTransportRules | table `TRANSPORT_RULE#<trr>`; gsi1 `TRANSPORT_RULES` / `<name>#<trr>` |
 * | Transport rules for an Incoterm and country | transportRules     | look-up copies `TRANSPORT#<INCOTERM or ANY>#<CC or ANY>` / `<trr>`: up to 4 Queries |
 * | The pricing structure                     | structure            | table `PRICING_STRUCTURE` / `#CURRENT` (GetItem; the default when absent) |
 */

export interface PriceListQuery {
  readonly source?: ListSource;
  readonly customerId?: string;
  readonly priceGroup?: string;
  /** Compared after folding case and accents. */
  readonly namePrefix?: string;
  /** Only the lists that belong to no customer (standard and group lists): what an agent browses. */
  readonly sharedOnly?: boolean;
}

/** A list's rules, or the rules on a target (of every list, or of one). */
export interface PriceRuleQuery {
  readonly listId?: string;
  readonly target?: RuleTarget;
  /** Only the rules of lists that belong to no customer. */
  readonly sharedOnly?: boolean;
}

/** `from` and `to` are UTC timestamps, both included. */
export type HistoryQuery =
  /** A rule's changes; without `ruleId`, the list's own changes (name, period, active flag). */
  | { readonly listId: string; readonly ruleId?: string; readonly from?: string; readonly to?: string }
  /** The changes of every rule on a target, in time order. */
  | { readonly target: RuleTarget; readonly from?: string; readonly to?: string; readonly sharedOnly?: boolean };

export interface ExchangeRateQuery {
  /** Both or neither. */
  readonly from?: string;
  readonly to?: string;
}

/**
 * One change. `previous` null creates (the item must not exist), `next` null deletes; otherwise the stored version
 * must still be `previous.version`. A rule is written with its list (whose audience the rule's look-up items carry);
 * history entries are only ever created. The structure's first change has `previous` null.
 */
export type PricingWrite =
  | { readonly entity: 'list'; readonly previous: PriceListRecord | null; readonly next: PriceListRecord }
  | { readonly entity: 'rule'; readonly list: PriceListRecord; readonly previous: PriceRuleRecord | null; readonly next: PriceRuleRecord | null }
  | { readonly entity: 'history'; readonly list: PriceListRecord; readonly entry: PriceHistoryEntry }
  | { readonly entity: 'exchangeRate'; readonly previous: ExchangeRateRecord | null; readonly next: ExchangeRateRecord | null }
  | { readonly entity: 'vatRate'; readonly previous: VatRateRecord | null; readonly next: VatRateRecord | null }
  | { readonly entity: 'transportRule'; readonly previous: TransportRuleRecord | null; readonly next: TransportRuleRecord | null }
  | { readonly entity: 'structure'; readonly previous: PricingStructureRecord | null; readonly next: PricingStructureRecord };

export interface PricingStore {
  getList(listId: string): Promise<PriceListRecord | null>;
  listLists(query: PriceListQuery, page: PageRequest): Promise<Page<PriceListRecord>>;
  getRule(listId: string, ruleId: string): Promise<PriceRuleRecord | null>;
  listRules(query: PriceRuleQuery, page: PageRequest): Promise<Page<PriceRuleRecord>>;
  /**
   * The rules that can apply to a document, with their lists: rules on its products, on their families and on
   * everything, of the active lists of the document's audiences (standard, the customer's group, the customer's
   * own lists and offers), without the rules and lists that ended before the date. Batch reads of look-ups keyed by
   * audience and target, 100 targets a request, then one BatchGetItem per 100 distinct lists: the requests grow with
   * the distinct products and families priced over the batch size, never with lines × rules.
   */
  rulesFor(query: RulesQuery): Promise<ApplicableRules>;
  history(query: HistoryQuery, page: PageRequest): Promise<Page<PriceHistoryEntry>>;

  getExchangeRate(from: string, to: string, validFrom: string): Promise<ExchangeRateRecord | null>;
  /** A pair's rates newest first; all rates by pair and date. */
  listExchangeRates(query: ExchangeRateQuery, page: PageRequest): Promise<Page<ExchangeRateRecord>>;
  /** For each pair (as quoted, `from` → `to`), the rate in force on the date, if any: one Query per pair. */
  exchangeRates(pairs: readonly { readonly from: string; readonly to: string }[], date: string): Promise<ExchangeRateRecord[]>;

  getVatRate(countryCode: string, category: string, validFrom: string): Promise<VatRateRecord | null>;
  listVatRates(query: { readonly countryCode?: string }, page: PageRequest): Promise<Page<VatRateRecord>>;
  /** The rate (percent) of each VAT category in force in the country on the date: the engine's `vatRates`. */
  vatRates(countryCode: string, date: string): Promise<Record<string, string>>;

  getTransportRule(ruleId: string): Promise<TransportRuleRecord | null>;
  listTransportRules(page: PageRequest): Promise<Page<TransportRuleRecord>>;
  /**
   * The transport rules the engine may choose from for a document: those for its Incoterm or any, and for its
   * delivery country or any (none given: only the rules for any).
   */
  transportRules(incoterm: Incoterm | undefined, countryCode: string | undefined): Promise<TransportRuleRecord[]>;

  /** The structure in force; the default (version 0) until an admin changes it. */
  structure(): Promise<PricingStructureRecord>;

  /**
   * All writes and their events in one transaction: all happen or none. Throws WriteConflictError when an item
   * moved on since it was read, NotFoundError when it vanished, ConflictError `exchange_rate_exists` / `vat_rate_exists` (one rate per
   * pair or category and date) or `too_many_rules_on_target` (a target's look-up of an audience kind is full); a
   * WriteConflictError too when two first changes of the default structure race.
   */
  commit(writes: readonly PricingWrite[], events: readonly DomainEvent[]): Promise<void>;
}

/** The catalogue as pricing's administration sees it: enough to check a rule's target and formula. */
export interface PricingCatalog {
  /** `familyPath`: the product's family first, then its parent, up to the root (ProductView.familyPath). */
  product(productId: string): Promise<{ readonly id: string; readonly code: string; readonly parameters: Readonly<Record<string, string>>; readonly familyPath: readonly string[] } | null>;
  family(familyId: string): Promise<{ readonly id: string; readonly code: string } | null>;
}
