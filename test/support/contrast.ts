// WCAG 2.1 AA contrast of a page as the browser draws it: every visible text
// against the background it sits on (the backgrounds of its ancestors laid
// over each other, the opacities multiplied), at least 4.5:1, or 3:1 for large
// text (24px, or 18.66px bold). Written as the page's own script: the tests'
// TypeScript knows no DOM.
import type { Page } from "playwright-core";

const inPage = `(() => {
  const parse = (value) => {
    const parts = (/rgba?\\(([^)]+)\\)/.exec(value)?.[1] ?? "").split(/[\\s,/]+/).filter(Boolean).map(Number);
    return [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0, parts[3] ?? 1];
  };
  const over = (top, below) => [0, 1, 2].map((i) => top[i] * top[3] + below[i] * (1 - top[3])).concat(1);
  const luminance = (rgb) =>
    rgb.slice(0, 3)
      .map((c) => c / 255)
      .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4))
      .reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i], 0);
  const failures = [];
  for (const element of document.querySelectorAll("body *")) {
    const own = [...element.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
    if (!own || element.getClientRects().length === 0) continue;
    const chain = [];
    for (let e = element; e; e = e.parentElement) chain.unshift(e);
    let background = [255, 255, 255, 1];
    let opacity = 1;
    for (const e of chain) {
      const style = getComputedStyle(e);
      background = over(parse(style.backgroundColor), background);
      opacity *= Number(style.opacity);
    }
    const style = getComputedStyle(element);
    const color = parse(style.color);
    const text = over([color[0], color[1], color[2], color[3] * opacity], background);
    const [light, dark] = [luminance(text), luminance(background)].sort((x, y) => y - x);
    const ratio = (light + 0.05) / (dark + 0.05);
    const size = Number.parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
    if (ratio < (large ? 3 : 4.5))
      failures.push(element.tagName + ' "' + element.textContent.trim().slice(0, 30) + '" ' + ratio.toFixed(2));
  }
  return failures;
})()`;

/** The texts below AA on the page as shown now, each with its ratio; none when all pass. */
export function lowContrastTexts(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(inPage);
}
