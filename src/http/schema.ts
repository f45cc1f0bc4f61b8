/**
 * The type of a value a JSON schema accepts, read from the schema itself (written `as const`), so a
 * route's body schema and its handler's body type cannot drift apart: in the manner of
 * json-schema-to-ts's `FromSchema`, for the keywords hubcap's bodies use (`type`, with `null` and
 * unions; `enum`; `properties` and `required`; `additionalProperties`; `items`). Ajv checks the body
 * against the schema before the handler runs (app.ts), which is what makes the type true.
 */
export type FromSchema<S> = S extends { readonly [DECLARED]?: infer T }
  ? T
  : S extends { readonly enum: readonly (infer E)[] }
    ? E
    : S extends { readonly type: infer T }
      ? OfType<T extends readonly (infer U)[] ? U : T, S>
      : unknown;

type OfType<T, S> = T extends "string"
  ? string
  : T extends "integer" | "number"
    ? number
    : T extends "boolean"
      ? boolean
      : T extends "null"
        ? null
        : T extends "array"
          ? S extends { readonly items: infer I }
            ? FromSchema<I>[]
            : unknown[]
          : T extends "object"
            ? ObjectOf<S>
            : unknown;

type ObjectOf<S> = S extends { readonly properties: infer P }
  ? Properties<P, S extends { readonly required: readonly (infer R)[] } ? R : never>
  : S extends { readonly additionalProperties: infer A extends object }
    ? Record<string, FromSchema<A>>
    : Record<string, unknown>;

type Properties<P, Required> = Flat<
  { -readonly [K in keyof P as K extends Required ? K : never]: FromSchema<P[K]> } & {
    -readonly [K in keyof P as K extends Required ? never : K]?: FromSchema<P[K]>;
  }
>;

type Flat<T> = { [K in keyof T]: T[K] };

declare const DECLARED: unique symbol;

/** A schema declared elsewhere (not `as const`), with the type its values have. */
export type Declared<T> = object & { readonly [DECLARED]?: T };

/** Names the type of a schema that cannot be read from it (built at run time, or shared with the domain). */
export function declared<T>(schema: object): Declared<T> {
  return schema;
}

/**
 * A route's body: Fastify checks an absent body as `null` but hands the handler `undefined`, so a
 * schema that admits `null` admits no body at all too.
 */
export type BodyOf<S> = [S] extends [undefined]
  ? unknown
  : FromSchema<S> | (null extends FromSchema<S> ? undefined : never);
