// The statistics as the staff chat's /stats gives them, and the last 30 days
// as a bar chart drawn in SVG (nothing loaded from elsewhere).
import { h } from "../shared/dom.ts";
import type { Translate } from "../shared/i18n.ts";
import { formatDate } from "./format.ts";

type Period = { received: number; registered: number; refused: number; decided: number; decidedInTerm: number };
export type Stats = {
  today: Period;
  week: Period;
  month: Period;
  days: Array<{ date: string; received: number; decided: number }>;
};

const svgNs = "http://www.w3.org/2000/svg";
const svg = (tag: string, attributes: Record<string, string | number>, text?: string): SVGElement => {
  const element = document.createElementNS(svgNs, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
};

export function statsView(t: Translate, stats: Stats): HTMLElement {
  const periods = (["today", "week", "month"] as const).map((period) => {
    const p = stats[period];
    return h(
      "section",
      {},
      h("h2", {}, t(`desk.stats.${period}`)),
      h(
        "dl",
        {},
        h("dt", {}, t("desk.stats.received")),
        h("dd", {}, String(p.received)),
        h("dt", {}, t("desk.stats.registered")),
        h("dd", {}, String(p.registered)),
        h("dt", {}, t("desk.stats.refused")),
        h("dd", {}, String(p.refused)),
        h("dt", {}, t("desk.stats.inTerm")),
        h("dd", {}, `${p.decidedInTerm} / ${p.decided}`),
      ),
    );
  });
  return h("div", {}, ...periods, chart(t, stats.days));
}

function chart(t: Translate, days: Stats["days"]): HTMLElement {
  const width = 360;
  const height = 160;
  const top = Math.max(1, ...days.map((d) => Math.max(d.received, d.decided)));
  const slot = width / days.length;
  const bar = (slot - 2) / 2;
  const picture = svg("svg", {
    viewBox: `0 0 ${width} ${height + 16}`,
    role: "img",
    "aria-label": t("desk.stats.chart"),
  });
  days.forEach((day, i) => {
    const x = i * slot + 1;
    for (const [value, offset, cls] of [
      [day.received, 0, "received"],
      [day.decided, bar, "decided"],
    ] as const) {
      const barHeight = (value / top) * height;
      const rect = svg("rect", { x: x + offset, y: height - barHeight, width: bar, height: barHeight, class: cls });
      rect.append(
        svg(
          "title",
          {},
          `${formatDate(day.date)}: ${t(`desk.stats.legend${cls === "received" ? "Received" : "Decided"}`)} ${value}`,
        ),
      );
      picture.append(rect);
    }
  });
  picture.append(
    svg("text", { x: 0, y: height + 14, class: "axis" }, formatDate(days[0]?.date ?? null)),
    svg(
      "text",
      { x: width, y: height + 14, "text-anchor": "end", class: "axis" },
      formatDate(days.at(-1)?.date ?? null),
    ),
  );
  // The numbers behind the bars, for a screen reader and for copying.
  const table = h(
    "table",
    { class: "visually-hidden" },
    h("caption", {}, t("desk.stats.chart")),
    ...days.map((d) =>
      h(
        "tr",
        {},
        h("th", { scope: "row" }, formatDate(d.date)),
        h("td", {}, String(d.received)),
        h("td", {}, String(d.decided)),
      ),
    ),
  );
  return h(
    "figure",
    {},
    h("figcaption", {}, t("desk.stats.chart")),
    picture as unknown as Node,
    h(
      "p",
      { class: "legend" },
      h("span", { class: "received" }, t("desk.stats.legendReceived")),
      " ",
      h("span", { class: "decided" }, t("desk.stats.legendDecided")),
    ),
    table,
  );
}
