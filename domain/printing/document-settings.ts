import * as z from 'zod';
import type { Actor } from '../shared/actor.ts';
import type { Clock } from '../shared/clock.ts';
import { ForbiddenError } from '../shared/errors.ts';
import type { DomainEvent } from '../shared/events.ts';
import { eventFactory } from '../shared/event-factory.ts';
import { changedFields } from '../shared/merge-patch.ts';
import { countryCode, SERVER_OWNED_MESSAGE, text } from '../shared/validation.ts';
import { mergePatched, nextVersion, writablePartOf, type ExpectedVersion } from '../shared/versioning.ts';
import { DEFAULT_PRINT_TEMPLATE, printTemplateSchema } from './print-template.ts';
import type { SellerIdentity } from './printable-document.ts';

/**
 * The documents' configuration (QUO-4), one record for the company: who the seller is (what French law requires on a
 * commercial document) and the print template of each kind of document. Admins and managers change it; everyone
 * who prints reads it.
 */
export const companySchema = z.strictObject({
  name: text(200),
  /** "SAS au capital de 50 000 €". */
  legalForm: text(200).optional(),
  addressLines: z.array(text(200)).max(5).default([]),
  countryCode,
  siren: z.string().regex(/^\d{9}$/, 'must be a SIREN: 9 digits').optional(),
  registrationCity: text(100).optional(),
  vatNumber: text(20).optional(),
  phone: text(40).optional(),
  email: z.email({ message: 'must be an e-mail address' }).max(254).optional(),
  website: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL such as "https://example.com"' }).max(500).optional(),
  iban: text(42).optional(),
  bic: z.string().regex(/^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/, 'must be a BIC such as "BNPAFRPP"').optional(),
});

export const documentSettingsSchema = z.strictObject({
  company: companySchema,
  templates: z.strictObject({ quote: printTemplateSchema }),
});

export type DocumentSettings = z.output<typeof documentSettingsSchema>;

export interface DocumentSettingsRecord extends DocumentSettings {
  /** 0 while it is the default, which no one wrote. */
  readonly version: number;
  readonly updatedAt: string;
  readonly updatedBy?: string;
}

/** What documents carry until an admin says who the company is: the country the deployment was given, a name that says so. */
export function defaultDocumentSettings(companyCountry: string): DocumentSettingsRecord {
  return {
    company: { name: 'Your company: set it with PATCH /document-settings', addressLines: [], countryCode: companyCountry },
    templates: { quote: DEFAULT_PRINT_TEMPLATE },
    version: 0,
    updatedAt: new Date(0).toISOString(),
  };
}

export function sellerIdentity(company: DocumentSettings['company']): SellerIdentity {
  return company;
}

export interface DocumentSettingsStore {
  /** The stored settings, or null while they are the default. */
  get(): Promise<DocumentSettingsRecord | null>;
  commit(previous: DocumentSettingsRecord | null, next: DocumentSettingsRecord, events: readonly DomainEvent[]): Promise<void>;
}

export interface PrintingDeps {
  readonly store: DocumentSettingsStore;
  readonly companyCountry: string;
  readonly clock: Clock;
}

export const printingEvent = eventFactory({
  'document-settings.updated': { version: 1, data: z.object({ version: z.number().int(), changedFields: z.array(z.string()) }) },
});

const PATCHABLE = writablePartOf(documentSettingsSchema, { fixed: { version: SERVER_OWNED_MESSAGE, updatedAt: SERVER_OWNED_MESSAGE, updatedBy: SERVER_OWNED_MESSAGE } });

/** The settings in force: the default (version 0) until an admin or a manager changes them. Every role reads them. */
export async function getDocumentSettings(deps: Pick<PrintingDeps, 'store' | 'companyCountry'>): Promise<DocumentSettingsRecord> {
  return (await deps.store.get()) ?? defaultDocumentSettings(deps.companyCountry);
}

/**
 * Merge-patches the settings (If-Match: "0" for the first change of the default). Arrays (the address lines, a
 * template's columns) are replaced whole. A patch that changes nothing writes nothing.
 */
export async function updateDocumentSettings(deps: PrintingDeps, actor: Actor, expectedVersion: ExpectedVersion, patch: unknown): Promise<DocumentSettingsRecord> {
  if (actor.role !== 'admin' && actor.role !== 'manager') throw new ForbiddenError('Only admins and managers change the document settings');
  const current = await getDocumentSettings(deps);
  const fields = mergePatched(current, expectedVersion, patch, PATCHABLE);
  const changed = changedFields(PATCHABLE.fields, current, fields);
  if (changed.length === 0) return current;
  const next = nextVersion(current, deps.clock, { ...fields, updatedBy: actor.id }, PATCHABLE.fields);
  const event = printingEvent('document-settings.updated', { version: next.version, changedFields: changed }, { actor, clock: deps.clock, subject: 'document-settings' });
  await deps.store.commit(current.version === 0 ? null : current, next, [event]);
  return next;
}
