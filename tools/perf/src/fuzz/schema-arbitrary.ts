import fc from 'fast-check';

/** The slice of JSON Schema (as OpenAPI 3.1 carries it) that the API's request schemas use. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  format?: string;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
}

/**
 * Strings that break naive code: NUL, lone surrogates, bidi overrides, BOM, combining marks, ZWJ emoji,
 * path traversal, SQL and HTML fragments, numbers and keywords in string form.
 */
export const edgeStrings = [
  '',
  ' ',
  '   padded   ',
  '\u0000',
  'a\u0000b',
  '\uD800',
  '\uDFFF',
  'x\uDBFF',
  '\u202Eevil\u202C',
  '\uFEFFbom',
  'e\u0301\u0301\u0301',
  '👩‍👩‍👧‍👦🏳️‍🌈',
  '\r\n\t',
  '../../etc/passwd',
  '%00%2e%2e%2f',
  "' OR 1=1 --",
  '<script>alert(1)</script>',
  '${7*7}{{7*7}}',
  'null',
  'undefined',
  'NaN',
  '-0',
  '1e400',
  '__proto__',
  'constructor',
  'a'.repeat(501),
  'ü'.repeat(5000),
];

export const fuzzString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...edgeStrings) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 2000 }) },
);

/** Any JSON value, shallow: the "wrong type" for whatever a field expects. */
export const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.constantFrom(2 ** 31, -(2 ** 31) - 1, Number.MAX_SAFE_INTEGER + 2, 1e300, -0, 0.5),
  fuzzString,
  fc.array(fc.oneof(fc.integer(), fuzzString), { maxLength: 3 }),
  fc.dictionary(fuzzString, fc.oneof(fc.integer(), fuzzString), { maxKeys: 3 }),
);

const types = (schema: JsonSchema) =>
  Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];

/** Values that satisfy `schema` (as far as this subset of JSON Schema can say). */
export function validValue(schema: JsonSchema): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map(validValue));
  const type = types(schema)[0] ?? 'object';
  switch (type) {
    case 'string': {
      const minLength = schema.minLength ?? 0;
      const maxLength = Math.min(schema.maxLength ?? 60, minLength + 60);
      if (schema.format === 'uuid') return fc.uuid();
      // Visible, non-blank text: a title "  " is (rightly) refused after trimming.
      return fc
        .string({ unit: 'grapheme', minLength, maxLength })
        .filter((value) => value.trim().length >= minLength && !value.includes('\u0000'));
    }
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -(2 ** 31), max: schema.maximum ?? 2 ** 31 - 1 });
    case 'number':
      return fc.double({ min: schema.minimum ?? -1e9, max: schema.maximum ?? 1e9, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(validValue(schema.items ?? {}), { maxLength: 3 });
    case 'null':
      return fc.constant(null);
    default: {
      const properties = schema.properties ?? {};
      const required = new Set(schema.required ?? []);
      const shape: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [name, property] of Object.entries(properties)) shape[name] = validValue(property);
      return fc.record(shape, { requiredKeys: [...required].filter((name) => name in properties) });
    }
  }
}

/**
 * Values of the schema's shape with one thing wrong, or nothing wrong: a missing required field, a field
 * of the wrong type, an unknown field, an out-of-range or edge-case string.
 */
export function fuzzedValue(schema: JsonSchema): fc.Arbitrary<unknown> {
  const properties = Object.keys(schema.properties ?? {});
  if (types(schema)[0] !== 'object' || properties.length === 0) {
    return fc.oneof(validValue(schema), anyJson, fuzzString);
  }
  const valid = validValue(schema) as fc.Arbitrary<Record<string, unknown>>;
  return fc.oneof(
    { weight: 2, arbitrary: valid },
    {
      weight: 2,
      arbitrary: fc
        .tuple(valid, fc.constantFrom(...properties), anyJson)
        .map(([value, field, wrong]) => ({ ...value, [field]: wrong })),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(valid, fc.constantFrom(...properties), fuzzString)
        .map(([value, field, text]) => ({ ...value, [field]: text })),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(valid, fc.constantFrom(...properties)).map(([value, field]) => {
        const copy = { ...value };
        delete copy[field];
        return copy;
      }),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(valid, fuzzString, anyJson)
        .map(([value, field, extra]) => ({ ...value, [field || 'extra']: extra })),
    },
    { weight: 1, arbitrary: anyJson },
  );
}
