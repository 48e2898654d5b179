// Request generators for the API fuzz test. Each route's zod schemas become JSON Schema (input side), and
// JSON Schema becomes fast-check arbitraries that usually produce well-formed values and, at every node, sometimes
// produce hostile ones: wrong types, huge or odd strings, extreme numbers, impossible dates and zones, unknown
// fields, missing fields. Request-level mutations (malformed JSON, wrong content type, bad tokens) are added too.
//
// A schema alone cannot say which strings matter: `massageType` is any string to it, so random text would only
// ever meet "unknown massage type" and never reach the code behind it. A dictionary by field name, as fuzzers
// use, supplies the values the domain knows (slugs, zones, ids of the fixture) and the hostile ones each field
// invites (zones that do not exist, years PostgreSQL cannot store), so one bad field can travel past all the good
// ones to the code that trusts it.
import fc from 'fast-check';
import { z } from 'zod';

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  format?: string;
  pattern?: string;
}

export function toJsonSchema(schema: unknown): JsonSchema | null {
  if (!(schema instanceof z.ZodType)) return null;
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
}

const hostileStrings = [
  '',
  ' ',
  'a'.repeat(5000),
  '😀🧘‍♀️ Zoë Ørsted 李小龙',
  '\u0000\u0007\u202e',
  "'; DROP TABLE \"User\"; --",
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '%00%2e%2e',
  '2026-02-30',
  '2026-13-45T25:61:00Z',
  '2026-03-29T02:30:00',
  '9999-12-31T23:59:59.999+14:00',
  '0000-01-01T00:00:00Z',
  'Mars/Olympus_Mons',
  'UTC+25',
  'NaN',
  '-1',
  '1e309',
  'true',
  'null',
  '{"__proto__":{"admin":true}}',
];

const hostileNumbers = [-1, 0, -0, 0.5, 1e308, -1e308, 2 ** 53 + 1, -(2 ** 31) - 1, 2 ** 31, 1440, 10_000_000_000];

const hostileValues: unknown[] = [null, true, false, [], {}, [null], { nested: { deeper: [1, 'two'] } }, ...hostileNumbers, ...hostileStrings];

const hostile: fc.Arbitrary<unknown> = fc.constantFrom(...hostileValues);

/** Values by field name: `valid` ones the domain knows, `hostile` ones aimed at that field. */
export interface FuzzDictionary {
  valid: Record<string, readonly unknown[]>;
  hostile: Record<string, readonly unknown[]>;
  /** The app's clock: generated instants and dates fall around it. */
  now: number;
}

export const EMPTY_DICTIONARY: FuzzDictionary = { valid: {}, hostile: {}, now: Date.now() };

function validString(schema: JsonSchema, now: number): fc.Arbitrary<string> {
  switch (schema.format) {
    case 'date-time':
      return fc
        .integer({ min: now - 30 * 86_400_000, max: now + 90 * 86_400_000 })
        .map((ms) => new Date(Math.floor(ms / 1_800_000) * 1_800_000).toISOString());
    case 'date':
      return fc.integer({ min: -5, max: 90 }).map((days) => new Date(now + days * 86_400_000).toISOString().slice(0, 10));
    case 'email':
      return fc.emailAddress();
    default:
      break;
  }
  if (schema.pattern) {
    // Patterns in this API are dates, clock times, slugs and currency codes: offer the plausible shapes that fit.
    const date = new Date(now + 86_400_000).toISOString().slice(0, 10);
    const shapes = [date, '09:00', '17:30', '24:00', 'swedish', 'prenatal', 'EUR', 'abc-def'];
    const pattern = new RegExp(schema.pattern);
    const fitting = shapes.filter((shape) => pattern.test(shape));
    return fc.constantFrom(...(fitting.length > 0 ? fitting : shapes));
  }
  return fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 40, 40) });
}

function validNumber(schema: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : -1000);
  const max = schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1 : 1000);
  const low = Math.max(min, -1e6);
  const high = Math.min(max, 1e6);
  return integer
    ? fc.integer({ min: Math.ceil(low), max: Math.floor(Math.max(low, high)) })
    : fc.double({ min: low, max: Math.max(low, high), noNaN: true, noDefaultInfinity: true });
}

function wellFormed(schema: JsonSchema, dictionary: FuzzDictionary, depth: number): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives?.length) {
    return fc.oneof(...alternatives.map((alternative) => arbitraryFor(alternative, dictionary, depth + 1)));
  }
  if (schema.allOf?.[0]) return arbitraryFor(schema.allOf[0], dictionary, depth + 1);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string':
      return validString(schema, dictionary.now);
    case 'integer':
      return validNumber(schema, true);
    case 'number':
      return validNumber(schema, false);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(schema.items ? arbitraryFor(schema.items, dictionary, depth + 1) : hostile, {
        minLength: Math.min(schema.minItems ?? 0, 3),
        maxLength: Math.min(schema.maxItems ?? 4, 4),
      });
    case 'object': {
      const properties = Object.entries(schema.properties ?? {});
      const requiredKeys = schema.required?.filter((key) => properties.some(([name]) => name === key)) ?? [];
      const recordOf = (valueFor: (key: string, property: JsonSchema) => fc.Arbitrary<unknown>) =>
        fc.record(Object.fromEntries(properties.map(([key, property]) => [key, valueFor(key, property)])), { requiredKeys });
      const mixed = recordOf((key, property) => arbitraryFor(property, dictionary, depth + 1, key));
      // Exactly one bad field among good ones: the way a single unchecked field gets past the others to the
      // code that trusts it, which independent mutations of every field rarely achieve.
      const clean = recordOf((key, property) => goodFor(property, dictionary, depth + 1, key));
      const oneBad =
        properties.length === 0
          ? clean
          : fc.tuple(clean, fc.nat(properties.length - 1)).chain(([value, index]) => {
              const key = properties[index]![0];
              return badFor(dictionary, key).map((bad) => ({ ...value, [key]: bad }));
            });
      const record = fc.oneof(mixed, oneBad);
      // Sometimes drop a required field, sometimes add one nobody asked for.
      return fc.tuple(record, fc.nat(9)).map(([value, dice]) => {
        const copy: Record<string, unknown> = { ...value };
        if (dice === 0 && schema.required?.[0]) delete copy[schema.required[0]];
        if (dice === 1) copy.unexpectedField = 'surprise';
        return copy;
      });
    }
    default:
      return hostile;
  }
}

/**
 * Well-formed four times in five, hostile otherwise, at every node; bounded depth. A field the dictionary knows
 * takes its well-formed values mostly from the dictionary, and its hostile ones mostly from the field's own list.
 */
export function arbitraryFor(schema: JsonSchema, dictionary: FuzzDictionary, depth = 0, field?: string): fc.Arbitrary<unknown> {
  if (depth > 6) return hostile;
  return fc.oneof({ arbitrary: goodFor(schema, dictionary, depth, field), weight: 4 }, { arbitrary: badFor(dictionary, field), weight: 1 });
}

function goodFor(schema: JsonSchema, dictionary: FuzzDictionary, depth: number, field?: string): fc.Arbitrary<unknown> {
  const known = field === undefined ? undefined : dictionary.valid[field];
  if (!known?.length) return wellFormed(schema, dictionary, depth);
  return fc.oneof({ arbitrary: fc.constantFrom(...known), weight: 3 }, { arbitrary: wellFormed(schema, dictionary, depth), weight: 1 });
}

function badFor(dictionary: FuzzDictionary, field?: string): fc.Arbitrary<unknown> {
  const aimed = field === undefined ? undefined : dictionary.hostile[field];
  if (!aimed?.length) return hostile;
  return fc.oneof({ arbitrary: fc.constantFrom(...aimed), weight: 2 }, { arbitrary: hostile, weight: 1 });
}

export type FuzzBody =
  | { kind: 'json'; value: unknown }
  | { kind: 'raw'; contentType: string; text: string }
  | { kind: 'none' };

export function bodyArbitrary(schema: JsonSchema | null, dictionary: FuzzDictionary): fc.Arbitrary<FuzzBody> {
  const json = (schema ? arbitraryFor(schema, dictionary) : hostile).map((value): FuzzBody => ({ kind: 'json', value }));
  const raw = fc
    .constantFrom(
      { contentType: 'application/json', text: '{"unterminated": ' },
      { contentType: 'application/json', text: '[1, 2,' },
      { contentType: 'application/json', text: '' },
      { contentType: 'application/json', text: 'null' },
      { contentType: 'application/json', text: '"just a string"' },
      { contentType: 'application/json', text: '{"__proto__": {"role": "admin"}}' },
      { contentType: 'application/json', text: '{"constructor": {"prototype": {"role": "admin"}}}' },
      { contentType: 'text/plain', text: 'hello' },
      { contentType: 'application/xml', text: '<a/>' },
      { contentType: 'application/x-www-form-urlencoded', text: 'a=1&b=2' },
      { contentType: 'multipart/form-data; boundary=x', text: '--x--' },
    )
    .map((raw): FuzzBody => ({ kind: 'raw', ...raw }));
  return fc.oneof({ arbitrary: json, weight: 6 }, { arbitrary: raw, weight: 2 }, { arbitrary: fc.constant<FuzzBody>({ kind: 'none' }), weight: 1 });
}

/** Query strings: each value stringified as a client would send it, sometimes repeated or hostile. */
export function queryArbitrary(schema: JsonSchema | null, dictionary: FuzzDictionary): fc.Arbitrary<string> {
  const values = schema ? arbitraryFor(schema, dictionary) : fc.constant({});
  return fc.tuple(values, fc.nat(7)).map(([value, dice]) => {
    const params = new URLSearchParams();
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [key, entry] of Object.entries(value)) {
        params.append(key, typeof entry === 'string' ? entry : JSON.stringify(entry));
        if (dice === 0) params.append(key, 'again');
      }
    }
    if (dice === 1) params.append('limit', '-5');
    if (dice === 2) params.append('cursor', 'eyJub3QiOiJ5b3VycyJ9');
    return params.toString();
  });
}
