// The Mini Apps' fallback colours (used when Telegram gives no theme) meet
// WCAG 2.1 AA: at least 4.5:1 for every text on the background it is shown on.
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";

const css = readFileSync(path.resolve(import.meta.dirname, "../../web/shared/theme.css"), "utf8");

/** `--bg: var(--tg-theme-bg-color, #ffffff);` → bg = #ffffff */
const fallbacks = new Map(
  [...css.matchAll(/--([\w-]+):\s*var\(--tg-theme-[\w-]+,\s*(#[0-9a-f]{6})\)/gi)].map((m) => [m[1]!, m[2]!]),
);

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
}

it.each([
  ["text", "bg"],
  ["text", "bg-2"],
  ["hint", "bg"],
  ["hint", "bg-2"],
  ["accent", "bg"],
  ["accent", "bg-2"],
  ["accent-text", "accent"],
  ["error", "bg"],
  ["error", "bg-2"],
])("%s on %s has a contrast of at least 4.5:1", (text, background) => {
  const fg = fallbacks.get(text);
  const bg = fallbacks.get(background);
  expect(fg && bg, `fallbacks of --${text} and --${background}`).toBeTruthy();
  expect(contrast(fg!, bg!)).toBeGreaterThanOrEqual(4.5);
});
