// A locale's nested JSON as "key.path" → text, to compare keys across
// languages or to know every text a page may show.
export type FlatLocale = Map<string, string>;

export function flattenLocale(tree: Record<string, unknown>, prefix = "", into: FlatLocale = new Map()): FlatLocale {
  for (const [key, value] of Object.entries(tree)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") into.set(full, value);
    else flattenLocale(value as Record<string, unknown>, full, into);
  }
  return into;
}
