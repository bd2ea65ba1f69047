import { isDeepStrictEqual } from 'node:util';
import type { JsonSchema } from '../support/openapi.ts';

/**
 * Compares the JSON Schema zod derives from a runtime schema with the spec's schema for the same shape,
 * and lists every difference with its path (`CustomerCreate.communication.email: maxLength …`).
 *
 * Modes:
 * - `request`: the spec describes exactly what zod accepts: same properties, same `required`, same
 *   enums, types and constraints, `additionalProperties: false` on both. A default is stated in the
 *   description (`Defaults to \`EUR\`.`), never as a `default` keyword: openapi-typescript's default
 *   options make a field with a `default` required, so a generated client could not leave it out.
 * - `patch`: the spec is a JSON merge patch (RFC 7396) of the zod shape: same properties at every object
 *   level, nothing required, no defaults (an absent field means "unchanged"), and a field is nullable
 *   exactly when zod lets it be absent (null removes it; a required field cannot be removed). Arrays are
 *   replaced whole by a merge patch, so array items compare in `request` mode, and so do the alternatives of a
 *   union (one of several shapes: the use case replaces it whole, `replacedWhole`); a record's values are
 *   merged by key, so each value is nullable (null removes that key).
 * - `response`: the spec is a stored resource built from the zod shape: every zod property is there with
 *   the same schema, fields zod fills by default are required, and any extra property is server-owned
 *   (`readOnly`). Nested objects are what the client wrote as stored: like `request`, except that the
 *   fields zod fills by default are required, and a `default` keyword, where the spec states one, is zod's.
 *
 * Where zod has a constraint the spec must state the same one; the spec may add constraints zod checks
 * in refinements JSON Schema cannot carry (a country code's `^[A-Z]{2}$`). A pattern zod emits next to
 * a `format` is its implementation of that format: the spec states the format and the formats compare.
 */
export type DriftMode = 'request' | 'patch' | 'response';
/** `stored`: an object nested in a response (see `response` above). */
type Mode = DriftMode | 'stored';

export interface Drift {
  readonly path: string;
  readonly message: string;
}

/** The zod keywords this comparison understands; any other one is reported rather than silently ignored. */
const UNDERSTOOD = new Set([
  '$schema', 'type', 'properties', 'required', 'additionalProperties', 'propertyNames', 'items', 'enum', 'const', 'oneOf', 'anyOf', 'default',
  'minLength', 'maxLength', 'pattern', 'format', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minItems', 'maxItems',
]);
const CONSTRAINTS = ['minLength', 'maxLength', 'pattern', 'format', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minItems', 'maxItems'] as const;

export function schemaDrift(
  zod: JsonSchema,
  spec: JsonSchema,
  options: { name: string; mode: DriftMode; resolve: (node: JsonSchema) => JsonSchema },
): Drift[] {
  const drifts: Drift[] = [];
  const report = (path: string, message: string) => drifts.push({ path, message });

  /** The spec node with `$ref`s followed (siblings of a `$ref` apply too) and nullability taken apart. */
  const unwrap = (node: JsonSchema): { node: JsonSchema; nullable: boolean } => {
    let current = node;
    while (typeof current.$ref === 'string') {
      const { $ref: _, ...siblings } = current;
      current = { ...options.resolve({ $ref: current.$ref }), ...siblings };
    }
    const alternatives = (current.oneOf ?? current.anyOf) as JsonSchema[] | undefined;
    if (alternatives?.length === 2 && alternatives.some((alt) => alt.type === 'null')) {
      const { oneOf: _o, anyOf: _a, ...siblings } = current;
      const other = alternatives.find((alt) => alt.type !== 'null')!;
      return { node: { ...unwrap(other).node, ...siblings }, nullable: true };
    }
    if (Array.isArray(current.type) && current.type.includes('null')) {
      const types = current.type.filter((type) => type !== 'null');
      const rest: JsonSchema = { ...current, type: types.length === 1 ? types[0] : types };
      if (Array.isArray(current.enum)) rest.enum = current.enum.filter((value) => value !== null);
      return { node: rest, nullable: true };
    }
    return { node: current, nullable: false };
  };

  const compare = (z: JsonSchema, specNode: JsonSchema, path: string, mode: Mode, mayBeNull: boolean) => {
    const { node: s, nullable } = unwrap(specNode);
    for (const keyword of Object.keys(z)) {
      if (!UNDERSTOOD.has(keyword)) report(path, `zod emits "${keyword}", which this comparison does not check: extend it`);
    }
    if (nullable !== mayBeNull) {
      report(path, mayBeNull ? 'must accept null in the patch (it removes the field)' : 'must not accept null');
    }
    if (z.type !== undefined && !isDeepStrictEqual(z.type, s.type)) report(path, `type is ${json(z.type)} in zod, ${json(s.type)} in the spec`);
    if (z.enum !== undefined || s.enum !== undefined || z.const !== undefined || s.const !== undefined) {
      // A constant is the enum of one value, however either side writes it.
      const zodEnum = sorted(z.const !== undefined ? [z.const] : z.enum);
      const specEnum = sorted(s.const !== undefined ? [s.const] : s.enum);
      if (!isDeepStrictEqual(zodEnum, specEnum)) report(path, `enum is ${json(zodEnum)} in zod, ${json(specEnum)} in the spec`);
    }
    for (const keyword of CONSTRAINTS) {
      if (keyword === 'pattern' && z.format !== undefined) continue;
      if (z[keyword] !== undefined && !isDeepStrictEqual(z[keyword], s[keyword])) {
        report(path, `${keyword} is ${json(z[keyword])} in zod, ${json(s[keyword])} in the spec`);
      }
    }
    if (mode === 'patch') {
      if (s.default !== undefined) report(path, 'a patch must not have a default (an absent field is left unchanged)');
    } else if (mode === 'request') {
      if (s.default !== undefined) report(path, 'a request schema must not have a default (generated clients would require the field): say "Defaults to `…`." in its description');
      const stated = DEFAULT_SENTENCE.exec(typeof s.description === 'string' ? s.description : '')?.[1];
      const defaulted = z.default === undefined ? undefined : literal(z.default);
      if (stated !== defaulted) {
        report(path, `default is ${defaulted === undefined ? 'absent' : `\`${defaulted}\``} in zod, ${stated === undefined ? 'absent' : `\`${stated}\``} in the spec's description`);
      }
    } else if (s.default !== undefined && !isDeepStrictEqual(z.default, s.default)) {
      report(path, `default is ${json(z.default)} in zod, ${json(s.default)} in the spec`);
    }

    if (z.items !== undefined || s.items !== undefined) {
      if (z.items === undefined || s.items === undefined) report(path, `items are ${z.items ? 'only in zod' : 'only in the spec'}`);
      else compare(z.items as JsonSchema, s.items as JsonSchema, `${path}[]`, valueMode(mode), false);
    }
    if (z.properties !== undefined || s.properties !== undefined) compareObject(z, s, path, mode);
    if (z.oneOf !== undefined || z.anyOf !== undefined || s.oneOf !== undefined || s.anyOf !== undefined) compareUnion(z, s, path, mode);
    if (isSchema(z.additionalProperties) || isSchema(s.additionalProperties)) compareRecord(z, s, path, mode);
  };

  /**
   * A union (`z.discriminatedUnion`, `z.union`): the same alternatives on both sides, paired by the value of the
   * property that tells them apart (`kind`), or by position where none does.
   */
  const compareUnion = (z: JsonSchema, s: JsonSchema, path: string, mode: Mode) => {
    const zodAlternatives = (z.oneOf ?? z.anyOf) as JsonSchema[] | undefined;
    const specAlternatives = (s.oneOf ?? s.anyOf) as JsonSchema[] | undefined;
    if (!zodAlternatives || !specAlternatives) {
      report(path, `is a union ${zodAlternatives ? 'only in zod' : 'only in the spec'}`);
      return;
    }
    const specByKey = new Map(specAlternatives.map((alternative, index) => [discriminant(unwrap(alternative).node) ?? `#${index}`, alternative]));
    const zodKeys = zodAlternatives.map((alternative, index) => discriminant(alternative) ?? `#${index}`);
    for (const key of specByKey.keys()) if (!zodKeys.includes(key)) report(`${path}<${key}>`, 'is an alternative in the spec but not in zod');
    zodAlternatives.forEach((alternative, index) => {
      const specAlternative = specByKey.get(zodKeys[index]!);
      if (specAlternative === undefined) report(`${path}<${zodKeys[index]}>`, 'is an alternative in zod but not in the spec');
      else compare(alternative, specAlternative, `${path}<${zodKeys[index]}>`, valueMode(mode), false);
    });
  };

  /** A record (`z.record`): its keys, and its values, which a merge patch removes one by one with null. */
  const compareRecord = (z: JsonSchema, s: JsonSchema, path: string, mode: Mode) => {
    if (!isSchema(z.additionalProperties) || !isSchema(s.additionalProperties)) {
      report(path, `is a record ${isSchema(z.additionalProperties) ? 'only in zod' : 'only in the spec'}`);
      return;
    }
    if (z.propertyNames !== undefined) compare(z.propertyNames as JsonSchema, (s.propertyNames ?? {}) as JsonSchema, `${path}{key}`, 'request', false);
    compare(z.additionalProperties, s.additionalProperties, `${path}{}`, valueMode(mode), mode === 'patch');
  };

  const compareObject = (z: JsonSchema, s: JsonSchema, path: string, mode: Mode) => {
    const zodProps = (z.properties ?? {}) as Record<string, JsonSchema>;
    const specProps = (s.properties ?? {}) as Record<string, JsonSchema>;
    const zodRequired = new Set((z.required ?? []) as string[]);
    const specRequired = new Set((s.required ?? []) as string[]);

    if (mode !== 'response') {
      if (z.additionalProperties !== false) report(path, 'zod accepts unknown properties: use z.strictObject');
      if (s.additionalProperties !== false) report(path, 'the spec must say additionalProperties: false');
    }
    for (const name of Object.keys(zodProps)) {
      if (!(name in specProps)) report(`${path}.${name}`, 'is in zod but not in the spec');
    }
    for (const [name, specProp] of Object.entries(specProps)) {
      const where = `${path}.${name}`;
      const zodProp = zodProps[name];
      if (zodProp === undefined) {
        if (mode !== 'response') report(where, 'is in the spec but not in zod');
        else if (unwrap(specProp).node.readOnly !== true) report(where, 'is not in zod, so it is server-owned: mark it readOnly');
        continue;
      }
      const zodRequires = zodRequired.has(name);
      if (mode === 'request' && zodRequires !== specRequired.has(name)) {
        report(where, zodRequires ? 'is required in zod but optional in the spec' : 'is optional in zod but required in the spec');
      }
      if (mode === 'patch' && specRequired.has(name)) report(where, 'must not be required in a patch');
      if (mode === 'response' || mode === 'stored') {
        const alwaysThere = zodRequires || zodProp.default !== undefined;
        if (alwaysThere !== specRequired.has(name)) {
          report(where, alwaysThere ? 'is always in the stored record (required or defaulted in zod): the spec must require it' : 'is optional in zod but required in the spec');
        }
      }
      compare(zodProp, specProp, where, mode === 'response' ? 'stored' : mode, mode === 'patch' && !zodRequires);
    }
  };

  compare(zod, spec, options.name, options.mode, false);
  return drifts;
}

/** `kind=discount` for an alternative whose property `kind` holds one value, the first such property. */
function discriminant(node: JsonSchema): string | undefined {
  for (const [name, property] of Object.entries((node.properties ?? {}) as Record<string, JsonSchema>)) {
    const value = property.const ?? (Array.isArray(property.enum) && property.enum.length === 1 ? property.enum[0] : undefined);
    if (value !== undefined) return `${name}=${json(value)}`;
  }
  return undefined;
}

/** How a request schema's description states the default zod applies, e.g. ``Defaults to `EUR`.``. */
const DEFAULT_SENTENCE = /Defaults to `([^`]*)`\./;

/** A default as the description writes it: strings bare, anything else as JSON. */
function literal(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Array items and record values: as written in requests and patches (a merge patch replaces an array whole), as stored in responses. */
function valueMode(mode: Mode): Mode {
  return mode === 'response' || mode === 'stored' ? 'stored' : 'request';
}

function isSchema(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null;
}

/** Enum order carries no meaning: compare them as sets. */
function sorted(values: unknown): unknown[] | undefined {
  return Array.isArray(values) ? [...values].sort((a, b) => json(a).localeCompare(json(b))) : undefined;
}

function json(value: unknown): string {
  return value === undefined ? 'absent' : JSON.stringify(value);
}
