import { describe, expect, it } from "vitest";
import { type DailyChartDay, dailyChartSvg, renderDailyChart } from "../../src/bot/staff/daily-chart.ts";

const labels = { received: "Түсті", decided: "Шешілді" };

// 30 consecutive days from 2026-10-15, with a quiet weekend pattern of zeros.
function month(): DailyChartDay[] {
  const start = Date.UTC(2026, 9, 15);
  return Array.from({ length: 30 }, (_, index) => {
    const date = new Date(start + index * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
    const quiet = index % 7 === 5 || index % 7 === 6;
    return { date, received: quiet ? 0 : 10 + ((index * 7) % 13), decided: quiet ? 0 : 6 + ((index * 5) % 11) };
  });
}

function pngSize(png: Buffer): { width: number; height: number } {
  // IHDR is always the first chunk: 8 bytes signature, 4 length, 4 type, then width and height.
  expect(png.subarray(12, 16).toString("ascii")).toBe("IHDR");
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

function barCount(svg: string): number {
  return svg.match(/<rect class="bar /g)?.length ?? 0;
}

describe("renderDailyChart", () => {
  it("produces a 900×450 PNG", () => {
    const png = renderDailyChart({ title: "Өтінімдер / Заявки", days: month(), labels });
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(pngSize(png)).toEqual({ width: 900, height: 450 });
  });

  it("renders days that are all zero without dividing by zero", () => {
    const days = month().map((day) => ({ ...day, received: 0, decided: 0 }));
    const svg = dailyChartSvg({ title: "Empty", days, labels });
    expect(svg).not.toContain("NaN");
    expect(svg).not.toContain("Infinity");
    expect(barCount(svg)).toBe(60);
    expect(pngSize(renderDailyChart({ title: "Empty", days, labels }))).toEqual({ width: 900, height: 450 });
  });

  it("renders an empty list of days", () => {
    const svg = dailyChartSvg({ title: "None", days: [], labels });
    expect(svg).not.toContain("NaN");
    expect(barCount(svg)).toBe(0);
    expect(renderDailyChart({ title: "None", days: [], labels }).length).toBeGreaterThan(0);
  });

  it("draws a bad count as zero instead of NaN", () => {
    const days = [{ date: "2026-11-01", received: Number.NaN, decided: -3 }];
    const svg = dailyChartSvg({ title: "Bad", days, labels });
    expect(svg).not.toContain("NaN");
    expect(svg).toContain('data-value="0"');
  });

  it("escapes the title and the labels for XML", () => {
    const svg = dailyChartSvg({
      title: `Өтінімдер <&"> «Тест»`,
      days: month(),
      labels: { received: "A & B", decided: "<Решено>" },
    });
    expect(svg).toContain("Өтінімдер &lt;&amp;&quot;&gt; «Тест»");
    expect(svg).toContain("A &amp; B");
    expect(svg).toContain("&lt;Решено&gt;");
    expect(svg).not.toContain('<&">');
  });

  it("draws two bars per day in two different colours", () => {
    const svg = dailyChartSvg({ title: "Month", days: month(), labels });
    expect(barCount(svg)).toBe(60);
    expect(svg.match(/class="bar bar-received"/g)).toHaveLength(30);
    expect(svg.match(/class="bar bar-decided"/g)).toHaveLength(30);
    const fills = new Set([...svg.matchAll(/<rect class="bar [^>]* fill="([^"]+)"/g)].map((match) => match[1]));
    expect(fills.size).toBe(2);
  });

  it("scales the y axis to the maximum with integer ticks", () => {
    const days = [
      { date: "2026-11-01", received: 37, decided: 12 },
      { date: "2026-11-02", received: 5, decided: 0 },
    ];
    const svg = dailyChartSvg({ title: "Scale", days, labels });
    const ticks = [...svg.matchAll(/text-anchor="end"[^>]*>(\d+)</g)].map((match) => Number(match[1]));
    expect(ticks).toEqual([0, 10, 20, 30, 40]);
  });

  it("uses 1 as the top of the y axis when nothing happened", () => {
    const svg = dailyChartSvg({ title: "Zero", days: [{ date: "2026-11-01", received: 0, decided: 0 }], labels });
    const ticks = [...svg.matchAll(/text-anchor="end"[^>]*>(\d+)</g)].map((match) => Number(match[1]));
    expect(ticks).toEqual([0, 1]);
  });

  it("labels every 5th day counted back from the last one, as DD.MM", () => {
    const svg = dailyChartSvg({ title: "Month", days: month(), labels });
    const dates = [...svg.matchAll(/text-anchor="middle"[^>]*>(\d\d\.\d\d)</g)].map((match) => match[1]);
    expect(dates).toEqual(["19.10", "24.10", "29.10", "03.11", "08.11", "13.11"]);
  });
});
