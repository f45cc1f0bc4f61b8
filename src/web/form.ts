import { BadRequestError } from "../domain/errors.js";

/**
 * A parsed form body or query string (@fastify/formbody, Fastify's query parser): each name maps to a
 * value or, when repeated, to several. Fields are read here, at the edge, once.
 */
export class Form {
  constructor(private readonly fields: Record<string, unknown> = {}) {}

  static of(value: unknown): Form {
    return new Form(value && typeof value === "object" ? (value as Record<string, unknown>) : {});
  }

  /** A single-valued field; a field sent twice is a malformed request (400), not a choice. */
  text(name: string): string | undefined {
    const value = Object.hasOwn(this.fields, name) ? this.fields[name] : undefined;
    if (value === undefined) return undefined;
    if (typeof value !== "string") throw new BadRequestError(`The field ${name} must be sent once.`);
    return value;
  }

  /** Every value of a repeatable field (checkboxes), in order. */
  all(name: string): string[] {
    const value = Object.hasOwn(this.fields, name) ? this.fields[name] : undefined;
    if (value === undefined) return [];
    const values = Array.isArray(value) ? value : [value];
    return values.filter((v): v is string => typeof v === "string");
  }

  has(name: string): boolean {
    return Object.hasOwn(this.fields, name);
  }
}
