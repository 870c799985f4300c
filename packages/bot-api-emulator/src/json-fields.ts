// Field readers with tdlib's JsonObject error texts ("Can't find field \"text\"",
// "Field \"text\" must be of type String"), which the Bot API passes through verbatim.

export class FieldError extends Error {}

export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function hasField(object: JsonObject, field: string): boolean {
  return object[field] !== undefined && object[field] !== null;
}

export function requiredString(object: JsonObject, field: string): string {
  if (!hasField(object, field)) throw new FieldError(`Can't find field "${field}"`);
  return optionalString(object, field);
}

/** tdlib reads numbers where strings are expected, so `callback_data: 5` is "5". */
export function optionalString(object: JsonObject, field: string): string {
  const value = object[field];
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  throw new FieldError(`Field "${field}" must be of type String`);
}

export function optionalBool(object: JsonObject, field: string): boolean {
  const value = object[field];
  if (value === undefined || value === null) return false;
  if (typeof value === "boolean") return value;
  if (value === "true" || value === "false") return value === "true";
  throw new FieldError(`Field "${field}" must be of type Boolean`);
}

export function optionalArray(object: JsonObject, field: string): unknown[] | undefined {
  const value = object[field];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw new FieldError(`Field "${field}" must be of type Array`);
  return value;
}

export function requiredObject(object: JsonObject, field: string): JsonObject {
  const value = object[field];
  if (value === undefined || value === null) throw new FieldError(`Can't find field "${field}"`);
  if (!isJsonObject(value)) throw new FieldError(`Field "${field}" must be of type Object`);
  return value;
}
