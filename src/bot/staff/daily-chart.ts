// Bar chart of applications received and decided per day, for the operators'
// staff chat. The SVG is built by hand so that no chart library is needed;
// resvg turns it into a PNG that Telegram shows inline.
import { Resvg } from "@resvg/resvg-js";

export type DailyChartDay = { date: string; received: number; decided: number };

export type DailyChartInput = {
  title: string;
  days: DailyChartDay[];
  labels: { received: string; decided: string };
};

export const chartWidth = 900;
export const chartHeight = 450;

const plot = { left: 56, right: chartWidth - 24, top: 78, bottom: chartHeight - 42 };
const colors = { received: "#2b6cb0", decided: "#dd6b20", axis: "#4a5568", grid: "#e2e8f0", text: "#1a202c" };
const fontFamily = "DejaVu Sans, Arial, sans-serif";
const maxTicks = 5;
const labelEvery = 5;

export function escapeXml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&apos;");
}

// Coordinates rounded to 0.1 px keep the SVG short and free of 1e-15 noise.
function num(value: number): string {
  return String(Math.round(value * 10) / 10);
}

// Counts come from the database, but a NaN or a negative value must not
// break the whole picture, so such a value is drawn as zero.
function count(value: number): number {
  return Number.isFinite(value) && value > 0 ? value : 0;
}

/** The smallest step of 1, 2 or 5 × 10^k that needs at most maxTicks steps to reach max. */
function tickStep(max: number): number {
  for (let magnitude = 1; ; magnitude *= 10) {
    for (const factor of [1, 2, 5]) {
      const step = factor * magnitude;
      if (Math.ceil(max / step) <= maxTicks) return step;
    }
  }
}

function yScale(days: DailyChartDay[]): { top: number; step: number } {
  const max = Math.max(1, ...days.map((day) => Math.max(count(day.received), count(day.decided))));
  const step = tickStep(max);
  return { top: Math.ceil(max / step) * step, step };
}

function dayMonth(date: string): string {
  const match = /^\d{4}-(\d{2})-(\d{2})$/.exec(date);
  return match ? `${match[2]}.${match[1]}` : date;
}

// Counted back from the last day, so the last label never crowds a
// "every 5th" label next to it, whatever the number of days.
function hasDateLabel(index: number, total: number): boolean {
  return (total - 1 - index) % labelEvery === 0;
}

function text(x: number, y: number, content: string, attributes: string): string {
  return `<text x="${num(x)}" y="${num(y)}" ${attributes}>${escapeXml(content)}</text>`;
}

function titleSvg(title: string): string {
  return text(
    chartWidth / 2,
    30,
    title,
    `font-size="18" font-weight="bold" text-anchor="middle" fill="${colors.text}"`,
  );
}

// Without font metrics the text width can only be estimated; 0.62 em per
// character is generous for DejaVu Sans at this size.
function legendSvg(labels: DailyChartInput["labels"]): string {
  const fontSize = 13;
  const y = 56;
  const items = [
    { label: labels.received, color: colors.received },
    { label: labels.decided, color: colors.decided },
  ];
  const parts: string[] = [];
  let x = plot.left;
  for (const item of items) {
    parts.push(
      `<rect class="legend-swatch" x="${num(x)}" y="${num(y - 11)}" width="12" height="12" fill="${item.color}"/>`,
    );
    parts.push(text(x + 18, y, item.label, `font-size="${fontSize}" fill="${colors.text}"`));
    x += 18 + item.label.length * fontSize * 0.62 + 24;
  }
  return parts.join("");
}

function yAxisSvg(scale: { top: number; step: number }): string {
  const parts: string[] = [];
  for (let value = 0; value <= scale.top; value += scale.step) {
    const y = plot.bottom - (value / scale.top) * (plot.bottom - plot.top);
    parts.push(
      `<line x1="${plot.left}" y1="${num(y)}" x2="${plot.right}" y2="${num(y)}" stroke="${colors.grid}" stroke-width="1"/>`,
    );
    parts.push(
      `<line x1="${plot.left - 5}" y1="${num(y)}" x2="${plot.left}" y2="${num(y)}" stroke="${colors.axis}" stroke-width="1"/>`,
    );
    parts.push(text(plot.left - 8, y + 4, String(value), `font-size="12" text-anchor="end" fill="${colors.text}"`));
  }
  parts.push(
    `<line x1="${plot.left}" y1="${plot.top}" x2="${plot.left}" y2="${plot.bottom}" stroke="${colors.axis}" stroke-width="1"/>`,
  );
  parts.push(
    `<line x1="${plot.left}" y1="${plot.bottom}" x2="${plot.right}" y2="${plot.bottom}" stroke="${colors.axis}" stroke-width="1"/>`,
  );
  return parts.join("");
}

function barSvg(
  kind: "received" | "decided",
  x: number,
  width: number,
  value: number,
  yTop: number,
  date: string,
): string {
  const height = (value / yTop) * (plot.bottom - plot.top);
  const y = plot.bottom - height;
  return (
    `<rect class="bar bar-${kind}" data-date="${escapeXml(date)}" data-value="${value}"` +
    ` x="${num(x)}" y="${num(y)}" width="${num(width)}" height="${num(height)}" fill="${colors[kind]}"/>`
  );
}

function barsSvg(days: DailyChartDay[], yTop: number): string {
  if (days.length === 0) return "";
  const slot = (plot.right - plot.left) / days.length;
  const barWidth = (slot * 0.8) / 2;
  const parts: string[] = [];
  days.forEach((day, index) => {
    const slotLeft = plot.left + index * slot + slot * 0.1;
    parts.push(barSvg("received", slotLeft, barWidth, count(day.received), yTop, day.date));
    parts.push(barSvg("decided", slotLeft + barWidth, barWidth, count(day.decided), yTop, day.date));
    if (!hasDateLabel(index, days.length)) return;
    const center = plot.left + (index + 0.5) * slot;
    parts.push(
      `<line x1="${num(center)}" y1="${plot.bottom}" x2="${num(center)}" y2="${plot.bottom + 5}" stroke="${colors.axis}" stroke-width="1"/>`,
    );
    parts.push(
      text(center, plot.bottom + 20, dayMonth(day.date), `font-size="12" text-anchor="middle" fill="${colors.text}"`),
    );
  });
  return parts.join("");
}

export function dailyChartSvg(input: DailyChartInput): string {
  const scale = yScale(input.days);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${chartWidth}" height="${chartHeight}"` +
      ` viewBox="0 0 ${chartWidth} ${chartHeight}" font-family="${fontFamily}">`,
    `<rect width="${chartWidth}" height="${chartHeight}" fill="#ffffff"/>`,
    titleSvg(input.title),
    legendSvg(input.labels),
    yAxisSvg(scale),
    barsSvg(input.days, scale.top),
    "</svg>",
  ].join("\n");
}

export function renderDailyChart(input: DailyChartInput): Buffer {
  const resvg = new Resvg(dailyChartSvg(input), { font: { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans" } });
  return resvg.render().asPng();
}
