import { expect, it } from 'vitest';
import type { z } from 'zod';
import type { HeaderObject, ParameterObject, ResponseObject } from 'openapi-typescript';
import { checkProductFields } from '../../domain/catalog/product.ts';
import { referenceIssues } from '../../domain/catalog/reference.ts';
import {
  familyFieldsSchema,
  productFieldsSchema,
  referenceCreateSchema,
  referenceFieldsSchema,
} from '../../domain/catalog/schemas.ts';
import { unitLookup } from '../../domain/catalog/units.ts';
import { checkContactFields, checkCustomerFields } from '../../domain/customers/customer.ts';
import {
  exchangeRateCreateSchema,
  priceListCreateSchema,
  priceRuleCreateSchema,
  pricingStructureSchema,
  transportRuleFieldsSchema,
  vatRateCreateSchema,
} from '../../domain/pricing/admin/schemas.ts';
import { DEFAULT_STRUCTURE_RECORD } from '../../domain/pricing/admin/records.ts';
import { documentDiscountSchema, priceSimulationSchema, simulationLineSchema } from '../../domain/pricing/simulation/schemas.ts';
import { addressFieldsSchema, contactFieldsSchema, conversionSchema, customerCreateSchema, customerFieldsSchema } from '../../domain/customers/schemas.ts';
import { stateChangeSchema } from '../../domain/shared/lifecycle.ts';
import { applyMergePatch } from '../../domain/shared/merge-patch.ts';
import { listOperations, loadSpec, resolveRef, schemaValidator, type JsonSchema } from '../support/openapi.ts';

/**
 * The API reference shows the spec's examples as what to send and what comes back: each must be valid
 * against its own schema. Redocly checks media-type examples; schema, parameter and header examples
 * are checked here, all with the same Ajv setup the API tests use on real responses. Request examples
 * must also pass the runtime's own checks (zod, then VAT numbers, IBANs, phone numbers), so that a
 * reader who copies one gets a 201, not a 400.
 */

const spec = loadSpec();
const validator = schemaValidator(spec);

/** Every schema example, nested property examples included, with the schema it illustrates. */
function schemaExamples(schema: JsonSchema, path: string): [string, JsonSchema, unknown][] {
  const own: [string, JsonSchema, unknown][] = 'example' in schema ? [[path, schema, schema.example]] : [];
  const properties = Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>).flatMap(([name, property]) =>
    schemaExamples(property, `${path}.${name}`),
  );
  const items = schema.items ? schemaExamples(schema.items as JsonSchema, `${path}[]`) : [];
  const alternatives = (['allOf', 'oneOf', 'anyOf'] as const).flatMap((keyword) =>
    ((schema[keyword] ?? []) as JsonSchema[]).flatMap((alternative, i) => schemaExamples(alternative, `${path}.${keyword}[${i}]`)),
  );
  return [...own, ...properties, ...items, ...alternatives];
}

const cases: [string, JsonSchema, unknown][] = [
  ...Object.entries(spec.components?.schemas ?? {}).flatMap(([name, schema]) => schemaExamples(schema as JsonSchema, name)),
  ...Object.entries(spec.components?.parameters ?? {}).flatMap(([name, declared]) => {
    const parameter = resolveRef<ParameterObject>(declared, spec);
    return parameter.example === undefined ? [] : [[`parameter ${name}`, parameter.schema as JsonSchema, parameter.example] as [string, JsonSchema, unknown]];
  }),
  ...Object.entries(spec.components?.headers ?? {}).flatMap(([name, declared]) => {
    const header = resolveRef<HeaderObject>(declared, spec);
    return header.example === undefined ? [] : [[`header ${name}`, header.schema as JsonSchema, header.example] as [string, JsonSchema, unknown]];
  }),
  ...listOperations(spec).flatMap(({ operationId, operation }) =>
    (operation.parameters ?? []).flatMap((declared) => {
      const parameter = resolveRef<ParameterObject>(declared, spec);
      return parameter.example === undefined ? [] : [[`${operationId} parameter ${parameter.name}`, parameter.schema as JsonSchema, parameter.example] as [string, JsonSchema, unknown]];
    }),
  ),
  ...Object.entries(spec.components?.responses ?? {}).flatMap(([name, declared]) =>
    Object.entries(resolveRef<ResponseObject>(declared, spec).content ?? {}).flatMap(([mediaType, content]) =>
      content.example === undefined ? [] : [[`response ${name} ${mediaType}`, content.schema as JsonSchema, content.example] as [string, JsonSchema, unknown]],
    ),
  ),
];

it('the spec has examples to check', () => {
  expect(cases.length).toBeGreaterThan(30);
});

it.each(cases)('the example of %s is valid', (_, schema, example) => {
  expect(validator.validate(schema, example)).toEqual([]);
});

function example(name: string): unknown {
  return (spec.components?.schemas?.[name] as JsonSchema | undefined)?.example;
}

function zodIssues(schema: z.ZodType, value: unknown): string[] {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues.map((issue) => `/${issue.path.join('/')}: ${issue.message}`);
}

it.each([
  ['CustomerCreate', customerCreateSchema],
  ['AddressCreate', addressFieldsSchema],
  ['ContactCreate', contactFieldsSchema],
  ['StateChange', stateChangeSchema],
  ['CustomerConversion', conversionSchema],
  ['FamilyCreate', familyFieldsSchema],
  ['ProductCreate', productFieldsSchema],
  ['ProductStateChange', stateChangeSchema],
  ['CustomerReferenceCreate', referenceCreateSchema],
  ['PriceSimulationRequest', priceSimulationSchema],
  ['PriceSimulationLine', simulationLineSchema],
  ['DocumentDiscount', documentDiscountSchema],
  ['PriceListCreate', priceListCreateSchema],
  ['PriceRuleCreate', priceRuleCreateSchema],
  ['ExchangeRateCreate', exchangeRateCreateSchema],
  ['VatRateCreate', vatRateCreateSchema],
  ['TransportRuleCreate', transportRuleFieldsSchema],
] as const)('the %s example passes the runtime schema', (name, schema) => {
  expect(zodIssues(schema, example(name))).toEqual([]);
});

it('the CustomerCreate example passes the business checks', () => {
  const { addresses: _, contacts = [], ...fields } = customerCreateSchema.parse(example('CustomerCreate'));
  const checked = checkCustomerFields(fields);
  const contactIssues = contacts.flatMap((contact, i) => checkContactFields(contact, fields.countryCode, `/contacts/${i}`).issues);
  expect([...checked.issues, ...contactIssues]).toEqual([]);
});

it('the ContactCreate example passes the business checks', () => {
  expect(checkContactFields(contactFieldsSchema.parse(example('ContactCreate')), 'FR').issues).toEqual([]);
});

it('the CustomerPatch example applies to the CustomerCreate example', () => {
  const { addresses: _a, contacts: _c, ...created } = example('CustomerCreate') as Record<string, unknown>;
  const patched = customerFieldsSchema.safeParse(applyMergePatch(created, example('CustomerPatch')));
  expect(patched.success ? [] : patched.error.issues).toEqual([]);
});

it('the ProductCreate example passes the business checks, and the CustomerReferenceCreate example fits it', () => {
  const product = productFieldsSchema.parse(example('ProductCreate'));
  expect(checkProductFields(product, unitLookup()).issues).toEqual([]);
  const { productId: _, ...reference } = referenceCreateSchema.parse(example('CustomerReferenceCreate'));
  const stored = { ...product, id: 'prd_01JDQ9B0C1D2E3F4G5H6J7K8M9', version: 1, state: 'active' as const, createdAt: '', updatedAt: '' };
  expect(referenceIssues(reference, stored, unitLookup())).toEqual([]);
});

it.each([
  ['ProductPatch', 'ProductCreate', productFieldsSchema],
  ['FamilyPatch', 'FamilyCreate', familyFieldsSchema],
  ['CustomerReferencePatch', 'CustomerReferenceCreate', referenceFieldsSchema.extend({ productId: referenceCreateSchema.shape.productId })],
  ['PriceListPatch', 'PriceListCreate', priceListCreateSchema],
  ['PriceRulePatch', 'PriceRuleCreate', priceRuleCreateSchema],
  ['TransportRulePatch', 'TransportRuleCreate', transportRuleFieldsSchema],
] as const)('the %s example applies to the %s example', (patch, created, schema) => {
  expect(zodIssues(schema, applyMergePatch(example(created), example(patch)))).toEqual([]);
});

it('the PricingStructurePatch example applies to the default structure', () => {
  const { version: _, ...fields } = DEFAULT_STRUCTURE_RECORD;
  expect(zodIssues(pricingStructureSchema, applyMergePatch(fields, example('PricingStructurePatch')))).toEqual([]);
});
