import * as z from 'zod';
import { idPattern } from '../shared/ids.ts';
import { INCOTERMS_2020 } from '../shared/reference-data.ts';
import { businessCode, countryCode, currencyCode, decimalString, isoDate, languageTag, money, note, percentage, text, timeOfDay, wholeNumber } from '../shared/validation.ts';

/**
 * The writable shape of a customer, its addresses and contacts: what a client may send.
 * The OpenAPI contract describes the same shapes; test/contract checks that the two agree.
 * Business checks that need more than one field (VAT against country, phone numbers) live in customer.ts.
 */

export const CUSTOMER_STATES = ['prospect', 'qualified', 'active', 'blocked', 'abandoned'] as const;
export const CUSTOMER_KINDS = ['company', 'person'] as const;
export const ADDRESS_ROLES = ['ordered_by', 'delivered_to', 'invoiced_to', 'paid_by'] as const;
export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export const PAYMENT_METHODS = ['bank_transfer', 'direct_debit', 'check', 'card', 'cash', 'bill_of_exchange'] as const;
export const INVOICE_GROUPINGS = ['per_order', 'per_delivery', 'weekly', 'monthly'] as const;
export const SENDING_MODES = ['email', 'post', 'edi', 'portal'] as const;
export const COMMUNICATION_MODES = ['email', 'post', 'phone', 'edi'] as const;
export const CREDIT_BLOCKING = ['none', 'warn', 'block'] as const;
export const REBATE_SETTLEMENTS = ['credit_note', 'deduction'] as const;

const handle = z.strictObject({
  network: text(40),
  value: text(200),
});

export const communicationSchema = z.strictObject({
  phone: text(40).optional(),
  mobile: text(40).optional(),
  fax: text(40).optional(),
  email: z.email({ message: 'must be an e-mail address' }).max(254).optional(),
  website: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL such as "https://example.com"' }).max(500).optional(),
  handles: z.array(handle).max(10).optional(),
});

export const openingScheduleSchema = z.strictObject({
  timeZone: z
    .string()
    .refine((tz) => Intl.supportedValuesOf('timeZone').includes(tz) || tz === 'UTC', 'must be an IANA time zone such as "Europe/Paris"')
    .optional(),
  weekly: z
    .array(
      z
        .strictObject({ day: z.enum(WEEKDAYS), opens: timeOfDay, closes: timeOfDay })
        .refine((slot) => slot.opens < slot.closes, { message: 'must close after it opens', path: ['closes'] }),
    )
    .max(28),
  closures: z
    .array(
      z
        .strictObject({ from: isoDate, to: isoDate, reason: text(200).optional() })
        .refine((closure) => closure.from <= closure.to, { message: 'must not be before from', path: ['to'] }),
    )
    .max(100)
    .optional(),
});

export const transportSchema = z.strictObject({
  transitLeadTimeDays: wholeNumber(0, 365).optional(),
  freeShippingThreshold: money.optional(),
  imposedCarrier: text(100).optional(),
  incoterm: z.enum(INCOTERMS_2020).optional(),
  incotermPlace: text(100).optional(),
});

const commitment = z
  .strictObject({ label: text(200), from: isoDate, to: isoDate, amount: money })
  .refine((c) => c.from <= c.to, { message: 'must not be before from', path: ['to'] });

export const yearEndRebateSchema = z.strictObject({
  settlement: z.enum(REBATE_SETTLEMENTS),
  tiers: z
    .array(z.strictObject({ fromAmount: decimalString.refine((v) => !v.startsWith('-'), 'must not be negative'), rate: percentage }))
    .min(1)
    .max(20)
    .refine(
      (tiers) => tiers.every((tier, i) => i === 0 || Number(tier.fromAmount) > Number(tiers[i - 1]!.fromAmount)),
      'tiers must be in increasing order of fromAmount',
    ),
});

export const paymentTermsSchema = z.strictObject({
  netDays: wholeNumber(0, 365),
  endOfMonth: z.boolean().default(false),
  method: z.enum(PAYMENT_METHODS),
  earlyPaymentDiscount: z.strictObject({ rate: percentage, withinDays: wholeNumber(0, 365) }).optional(),
});

export const creditSchema = z.strictObject({
  limit: money.optional(),
  blocking: z.enum(CREDIT_BLOCKING).default('none'),
});

export const bankAccountSchema = z.strictObject({
  iban: text(42),
  bic: z.string().regex(/^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/, 'must be a BIC such as "BNPAFRPP"').optional(),
  bankName: text(100).optional(),
  holder: text(140).optional(),
});

export const processesSchema = z.strictObject({
  invoicing: z
    .strictObject({
      grouping: z.enum(INVOICE_GROUPINGS).default('per_order'),
      sendingMode: z.enum(SENDING_MODES).default('email'),
      email: z.email({ message: 'must be an e-mail address' }).max(254).optional(),
    })
    .optional(),
  communicationMode: z.enum(COMMUNICATION_MODES).optional(),
  dunning: z
    .strictObject({
      enabled: z.boolean(),
      levels: z
        .array(z.strictObject({ afterDays: wholeNumber(1, 365), channel: z.enum(COMMUNICATION_MODES).optional() }))
        .max(5)
        .optional(),
    })
    .optional(),
  orderAcknowledgement: z
    .strictObject({ required: z.boolean(), confirmDeliveryDates: z.boolean().default(false) })
    .optional(),
});

export const customerFieldsSchema = z.strictObject({
  name: text(200),
  legalName: text(200).optional(),
  kind: z.enum(CUSTOMER_KINDS).default('company'),
  code: businessCode.optional(),
  /** The customer group whose price lists apply to it (PRC-3). */
  priceGroup: businessCode.optional(),
  countryCode: countryCode.optional(),
  language: languageTag.optional(),
  currency: currencyCode.default('EUR'),
  salesAgentId: text(128).optional(),
  parentCustomerId: z.string().regex(idPattern('customer'), 'must be a customer id (cus_…)').optional(),
  vatNumber: text(20).optional(),
  intraEuTradeDeclaration: z.boolean().default(false),
  registrationNumber: text(40).optional(),
  communication: communicationSchema.optional(),
  openingSchedule: openingScheduleSchema.optional(),
  transport: transportSchema.optional(),
  commitments: z.array(commitment).max(50).optional(),
  yearEndRebate: yearEndRebateSchema.optional(),
  paymentTerms: paymentTermsSchema.optional(),
  credit: creditSchema.optional(),
  bankAccounts: z.array(bankAccountSchema).max(10).optional(),
  processes: processesSchema.optional(),
  notes: note(4000).optional(),
});

export const addressFieldsSchema = z.strictObject({
  label: text(100).optional(),
  roles: z.array(z.enum(ADDRESS_ROLES)).max(4).default([]).refine((roles) => new Set(roles).size === roles.length, 'must not repeat a role'),
  line1: text(200),
  line2: text(200).optional(),
  line3: text(200).optional(),
  postalCode: text(20).optional(),
  city: text(100),
  region: text(100).optional(),
  countryCode,
  openingSchedule: openingScheduleSchema.optional(),
  deliveryInstructions: note(1000).optional(),
});

export const contactFieldsSchema = z.strictObject({
  civility: z.enum(['mr', 'ms', 'mx', 'dr']).optional(),
  firstName: text(100).optional(),
  lastName: text(100),
  jobTitle: text(100).optional(),
  department: text(100).optional(),
  addressId: z.string().regex(idPattern('address'), 'must be an address id (adr_…)').optional(),
  language: languageTag.optional(),
  communication: communicationSchema.optional(),
  notes: note(4000).optional(),
});

/** Creating a customer may bring its first addresses and contacts in the same request (one transaction). */
export const customerCreateSchema = customerFieldsSchema.extend({
  addresses: z.array(addressFieldsSchema).max(20).optional(),
  contacts: z.array(contactFieldsSchema.omit({ addressId: true })).max(50).optional(),
});

export const conversionSchema = z.strictObject({
  name: text(200).optional(),
  salesAgentId: text(128).optional(),
  asSubsidiary: z.boolean().default(false),
});

export type CustomerFields = z.output<typeof customerFieldsSchema>;
export type CustomerCreate = z.output<typeof customerCreateSchema>;
export type AddressFields = z.output<typeof addressFieldsSchema>;
export type ContactFields = z.output<typeof contactFieldsSchema>;
export type Communication = z.output<typeof communicationSchema>;
export type CustomerState = (typeof CUSTOMER_STATES)[number];
export type AddressRole = (typeof ADDRESS_ROLES)[number];
