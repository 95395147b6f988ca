/**
 * Reading untyped documents (OpenSLO, Sloth) field by field. A field that cannot be read throws a Refusal
 * naming it; the converter catches it per SLO, so one bad SLO is refused and the others still convert.
 */

export type Rec = Record<string, unknown>;

/** Why one SLO cannot be converted, and the field at fault. */
export class Refusal extends Error {
  constructor(
    readonly field: string,
    message: string
  ) {
    super(message);
    // Keeps `instanceof` working when the class is compiled down to ES5.
    Object.setPrototypeOf(this, Refusal.prototype);
  }
}

export function refuse(field: string, message: string): never {
  throw new Refusal(field, message);
}

/** The field and message of a Refusal; anything else is a bug and is thrown on. */
export function refusalOf(error: unknown): { field: string; message: string } {
  if (error instanceof Refusal) {
    return { field: error.field, message: error.message };
  }
  throw error;
}

export function isRecord(value: unknown): value is Rec {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A mapping at `field`, or a refusal. */
export function record(value: unknown, field: string): Rec {
  if (value === undefined || value === null) {
    refuse(field, 'missing');
  }
  return isRecord(value) ? value : refuse(field, 'must be a mapping');
}
