import { describe, expect, it } from 'vitest';
import type { MediaTypeObject, OperationObject, ReferenceObject, RequestBodyObject } from 'openapi-typescript';
import * as z from 'zod';
import { addressFieldsSchema, contactFieldsSchema, customerCreateSchema, customerFieldsSchema } from '../../domain/customers/schemas.ts';
import { familyFieldsSchema, productFieldsSchema, referenceCreateSchema, unitCreateSchema } from '../../domain/catalog/schemas.ts';
import {
  exchangeRateCreateSchema,
  priceRuleCreateSchema,
  pricingStructureSchema,
  ruleActionSchema,
  ruleTargetSchema,
  transportRuleFieldsSchema,
  vatRateCreateSchema,
} from '../../domain/pricing/admin/schemas.ts';
import { stateChangeSchema } from '../../domain/shared/lifecycle.ts';
import { decimalString, text } from '../../domain/shared/validation.ts';
import { bodySchemaOf, type Operation } from '../../functions/http/http-handler.ts';
import { listOperations, loadSpec, resolveRef, type JsonSchema } from '../support/openapi.ts';
import { schemaDrift, type DriftMode } from './schema-drift.ts';

/**
 * The runtime validates requests with zod (domain/<context>/schemas.ts); the contract describes them in
 * OpenAPI. Both are written by hand, so this test holds them together: every operation's body through the schema
 * its handler declares, the stored resources through the schemas of their fields.
 */

const spec = loadSpec();

type AnyAction = (typeof ruleActionSchema.options)[number];
type AnyTarget = (typeof ruleTargetSchema.options)[number];

function specSchema(name: string): JsonSchema {
  const schema = spec.components?.schemas?.[name];
  if (!schema) throw new Error(`components.schemas.${name} is not in the spec`);
  return schema as JsonSchema;
}

function drift(zodSchema: z.ZodType, specName: string, mode: DriftMode, specNode = specSchema(specName)): string[] {
  // Input, not output: a client may leave out what zod defaults. Refinements are not representable and become "any".
  const fromZod = z.toJSONSchema(zodSchema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  return schemaDrift(fromZod, specNode, {
    name: specName,
    mode,
    resolve: (node) => resolveRef<JsonSchema>(node, spec),
  }).map(({ path, message }) => `${path}: ${message}`);
}

/** Each operation of the contract with its handler, from functions/http/<first tag>/index.ts. */
const entries = await Promise.all(
  listOperations(spec).map(async (entry) => {
    const context = entry.operation.tags?.[0];
    const { operations } = (await import(`../../functions/http/${context}/index.ts`)) as { operations: Record<string, Operation> };
    return { ...entry, handler: operations[entry.operationId] };
  }),
);

/** The JSON body an operation's contract declares: its schema, named by its `$ref` where it has one. */
function declaredBody(operation: OperationObject): { name: string; node: JsonSchema } | undefined {
  if (!operation.requestBody) return undefined;
  const body = resolveRef<RequestBodyObject>(operation.requestBody as RequestBodyObject | ReferenceObject, spec);
  const media = (body.content['application/json'] ?? body.content['application/merge-patch+json']) as MediaTypeObject | undefined;
  if (!media?.schema) return undefined;
  const ref = (media.schema as ReferenceObject).$ref;
  return { name: ref ? ref.split('/').pop()! : operation.operationId!, node: resolveRef<JsonSchema>(media.schema as JsonSchema, spec) };
}

describe('request bodies: the zod schema each operation declares (readsBody) and its requestBody, paired by operationId', () => {
  it.each(entries.map((entry) => [entry.operationId, entry] as const))('%s', (_, { method, operation, handler }) => {
    expect(handler, 'a handler (see handlers.test.ts)').toBeTypeOf('function');
    const declared = declaredBody(operation);
    const schema = bodySchemaOf(handler!);
    if (!declared) {
      expect(schema, 'the contract declares no JSON body: the operation must not read one').toBeUndefined();
      return;
    }
    expect(schema, `the contract declares a ${declared.name} body: the operation must declare the zod schema it parses it with (readsBody)`).toBeDefined();
    // A merge patch is compared as one: every field of zod, none required, nullable where it may be removed.
    expect(drift(schema!, declared.name, method === 'patch' ? 'patch' : 'request', declared.node)).toEqual([]);
  });

  it('the contacts created with a customer are ContactCreate without addressId', () => {
    expect(drift(contactFieldsSchema.omit({ addressId: true }), 'CustomerCreateContact', 'request')).toEqual([]);
  });
});

describe('resources: the stored fields plus server-owned ones', () => {
  it.each([
    ['customerFieldsSchema', customerFieldsSchema, 'CustomerSummary'],
    ['addressFieldsSchema', addressFieldsSchema, 'Address'],
    ['contactFieldsSchema', contactFieldsSchema, 'Contact'],
    ['familyFieldsSchema', familyFieldsSchema, 'Family'],
    ['unitCreateSchema', unitCreateSchema, 'Unit'],
    ['productFieldsSchema', productFieldsSchema, 'Product'],
    ['referenceCreateSchema', referenceCreateSchema, 'CustomerReference'],
    ['exchangeRateCreateSchema', exchangeRateCreateSchema, 'ExchangeRate'],
    ['vatRateCreateSchema', vatRateCreateSchema, 'VatRate'],
    ['transportRuleFieldsSchema', transportRuleFieldsSchema, 'TransportRule'],
    ['pricingStructureSchema', pricingStructureSchema, 'PricingStructure'],
  ] as const)('%s matches %s', (_, zodSchema, specName) => {
    expect(drift(zodSchema, specName, 'response')).toEqual([]);
  });
});

describe('the comparison catches drift', () => {
  // Each case changes the zod side as a careless edit would, and names the drift it must cause.
  it.each([
    ['a longer maximum', customerCreateSchema.extend({ name: text(300) }), 'CustomerCreate', 'request', 'CustomerCreate.name: maxLength is 300 in zod, 200 in the spec'],
    ['a new field', customerCreateSchema.extend({ siret: text(14).optional() }), 'CustomerCreate', 'request', 'CustomerCreate.siret: is in zod but not in the spec'],
    ['a removed field', customerCreateSchema.omit({ notes: true }), 'CustomerCreate', 'request', 'CustomerCreate.notes: is in the spec but not in zod'],
    ['a field made required', customerCreateSchema.extend({ legalName: text(200) }), 'CustomerCreate', 'request', 'CustomerCreate.legalName: is required in zod but optional in the spec'],
    ['a new enum value', customerCreateSchema.extend({ kind: z.enum(['company', 'person', 'public_body']).default('company') }), 'CustomerCreate', 'request', 'CustomerCreate.kind: enum is ["company","person","public_body"] in zod, ["company","person"] in the spec'],
    ['another default', customerCreateSchema.extend({ currency: z.string().default('USD') }), 'CustomerCreate', 'request', "CustomerCreate.currency: default is `USD` in zod, `EUR` in the spec's description"],
    ['another pattern', customerCreateSchema.extend({ code: z.string().regex(/^[A-Z0-9]{1,20}$/).optional() }), 'CustomerCreate', 'request', 'CustomerCreate.code: pattern is "^[A-Z0-9]{1,20}$" in zod, "^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$" in the spec'],
    ['another type', addressFieldsSchema.extend({ postalCode: z.int().optional() }), 'AddressCreate', 'request', 'AddressCreate.postalCode: type is "integer" in zod, "string" in the spec'],
    ['a nested change', customerCreateSchema.extend({ communication: z.strictObject({ email: z.email().max(100).optional() }).optional() }), 'CustomerCreate', 'request', 'CustomerCreate.communication.email: maxLength is 100 in zod, 254 in the spec'],
    ['a change in array items', customerCreateSchema.extend({ addresses: z.array(addressFieldsSchema.extend({ city: text(50) })).max(20).optional() }), 'CustomerCreate', 'request', 'CustomerCreate.addresses[].city: maxLength is 50 in zod, 100 in the spec'],
    ['unknown properties accepted', z.object({ reason: text(500).optional() }), 'StateChange', 'request', 'StateChange: zod accepts unknown properties: use z.strictObject'],
    ['a patch field made required', customerFieldsSchema.extend({ notes: z.string().max(4000) }), 'CustomerPatch', 'patch', 'CustomerPatch.notes: must not accept null'],
    ['a nested patch field made optional', customerFieldsSchema.extend({ paymentTerms: customerFieldsSchema.shape.paymentTerms.unwrap().partial().optional() }), 'CustomerPatch', 'patch', 'CustomerPatch.paymentTerms.netDays: must accept null in the patch (it removes the field)'],
    ['another record value', productFieldsSchema.extend({ parameters: z.record(z.string().regex(/^[a-z][a-zA-Z0-9_]{0,39}$/), z.number()).optional() }), 'ProductCreate', 'request', 'ProductCreate.parameters{}: type is "number" in zod, "string" in the spec'],
    ['record values a patch cannot remove', productFieldsSchema, 'ProductCreate', 'patch', 'ProductCreate.parameters{}: must accept null in the patch (it removes the field)'],
    ['other record keys', productFieldsSchema.extend({ parameters: z.record(z.string().regex(/^[a-z]+$/), decimalString).optional() }), 'ProductCreate', 'request', 'ProductCreate.parameters{key}: pattern is "^[a-z]+$" in zod, "^[a-z][a-zA-Z0-9_]{0,39}$" in the spec'],
    ['a record where the spec has an object', familyFieldsSchema.extend({ name: z.record(z.string(), z.string()) }), 'FamilyCreate', 'request', 'FamilyCreate.name: is a record only in zod'],
    ['a new default', customerCreateSchema.extend({ language: text(35).default('fr') }), 'CustomerCreate', 'request', "CustomerCreate.language: default is `fr` in zod, absent in the spec's description"],
    ['a nested stored field losing its default', customerFieldsSchema.extend({ paymentTerms: customerFieldsSchema.shape.paymentTerms.unwrap().extend({ endOfMonth: z.boolean().optional() }).optional() }), 'CustomerSummary', 'response', 'CustomerSummary.paymentTerms.endOfMonth: is optional in zod but required in the spec'],
    ['a nested stored default changed', customerFieldsSchema.extend({ credit: customerFieldsSchema.shape.credit.unwrap().extend({ blocking: z.enum(['none', 'warn', 'block']).default('warn') }).optional() }), 'CustomerSummary', 'response', 'CustomerSummary.credit.blocking: default is "warn" in zod, "none" in the spec'],
    ['an alternative dropped', priceRuleCreateSchema.safeExtend({ action: z.discriminatedUnion('kind', ruleActionSchema.options.slice(1) as unknown as [AnyAction, ...AnyAction[]]) }), 'PriceRuleCreate', 'request', 'PriceRuleCreate.action<kind="fixed">: is an alternative in the spec but not in zod'],
    ['a changed alternative', priceRuleCreateSchema.safeExtend({ target: z.discriminatedUnion('kind', [z.strictObject({ kind: z.literal('product'), productId: text(10) }), ...ruleTargetSchema.options.slice(1)] as unknown as [AnyTarget, ...AnyTarget[]]) }), 'PriceRuleCreate', 'request', 'PriceRuleCreate.target<kind="product">.productId: maxLength is 10 in zod, absent in the spec'],
    ['a stored field gaining a default', addressFieldsSchema.extend({ label: text(100).default('Main') }), 'Address', 'response', 'Address.label: is always in the stored record (required or defaulted in zod): the spec must require it'],
  ] as const)('%s', (_, mutated, specName, mode, expected) => {
    expect(drift(mutated, specName, mode)).toContain(expected);
  });

  it('refuses a default keyword in a request schema (openapi-typescript would make the field required)', () => {
    const create = specSchema('CustomerCreate');
    const properties = create.properties as Record<string, JsonSchema>;
    const withKeyword = { ...create, properties: { ...properties, kind: { ...properties.kind, default: 'company' } } };
    expect(drift(customerCreateSchema, 'CustomerCreate', 'request', withKeyword)).toContain(
      'CustomerCreate.kind: a request schema must not have a default (generated clients would require the field): say "Defaults to `…`." in its description',
    );
  });

  it('reports a zod keyword it does not compare instead of ignoring it', () => {
    const withMultiple = stateChangeSchema.extend({ reason: z.number().multipleOf(5).optional() });
    expect(drift(withMultiple, 'StateChange', 'request')).toContain('StateChange.reason: zod emits "multipleOf", which this comparison does not check: extend it');
  });
});
