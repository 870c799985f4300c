// Byte-level helpers for the parse modes, which tdlib runs over UTF-8 bytes: error
// offsets are byte offsets, entity offsets are UTF-16 code units.

export const isFirstCodeUnit = (c: number): boolean => (c & 0xc0) !== 0x80;

/** tdlib's is_space: the terminating NUL counts as a space, which ends many loops. */
export const isSpace = (c: number): boolean =>
  c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a || c === 0 || c === 0x0b;

export class Utf8Source {
  readonly bytes: Buffer;

  constructor(text: string) {
    this.bytes = Buffer.from(text, "utf8");
  }

  get length(): number {
    return this.bytes.length;
  }

  /** The byte at i, or 0 past the end (tdlib reads the C string's terminator). */
  at(i: number): number {
    return i < this.bytes.length ? (this.bytes[i] as number) : 0;
  }

  char(i: number): string {
    return String.fromCharCode(this.at(i));
  }

  slice(from: number, to: number): string {
    return this.bytes.subarray(from, to).toString("utf8");
  }
}

/** The text being produced, counting UTF-16 code units as tdlib does. */
export class Utf8Output {
  private readonly bytes: number[] = [];
  utf16 = 0;

  get length(): number {
    return this.bytes.length;
  }

  lastByte(): number | undefined {
    return this.bytes.at(-1);
  }

  push(c: number): void {
    if (isFirstCodeUnit(c)) this.utf16 += c >= 0xf0 ? 2 : 1;
    this.bytes.push(c);
  }

  /** An escaped character always counts as one code unit. */
  pushEscaped(c: number): void {
    this.utf16 += 1;
    this.bytes.push(c);
  }

  slice(from: number, to = this.bytes.length): string {
    return Buffer.from(this.bytes.slice(from, to)).toString("utf8");
  }

  toString(): string {
    return Buffer.from(this.bytes).toString("utf8");
  }
}
