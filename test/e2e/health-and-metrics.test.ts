// The HTTP side an operator of the service watches: liveness, readiness with
// its reasons, Prometheus metrics without personal data, and a stop that
// finishes the update in hand while the load balancer is told to go away.
import { afterEach, describe, expect, it } from "vitest";
import type { Services } from "../../src/services/index.ts";
import { type Harness, startHarness } from "../support/app-harness.ts";
import { temporaryPostgres } from "../support/databases.ts";
import { aigerim, RegistrationDriver } from "../support/registration-driver.ts";
import { startTcpProxy } from "../support/tcp-proxy.ts";

const serverUrl = process.env.TEST_DATABASE_URL;
let harness: Harness | undefined;
const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  await harness?.close();
  harness = undefined;
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const url = (h: Harness, path: string) => `http://127.0.0.1:${h.app.httpAddress.port}${path}`;

async function getJson(h: Harness, path: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url(h, path));
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe("health", () => {
  it("is live and ready once started", async () => {
    harness = await startHarness();
    expect(await getJson(harness, "/livez")).toEqual({ status: 200, body: { status: "ok" } });
    expect(await getJson(harness, "/readyz")).toEqual({ status: 200, body: { status: "ready" } });
  });

  it.skipIf(!serverUrl)("is not ready while the database does not answer, and ready again after", async () => {
    const database = await temporaryPostgres(serverUrl!);
    cleanups.push(() => database.drop());
    const target = new URL(database.settings.kind === "postgres" ? database.settings.url : "");
    const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    cleanups.push(() => proxy.close());
    target.host = `127.0.0.1:${proxy.port}`;
    harness = await startHarness({ databaseUrl: target.toString() });

    proxy.cut();
    const down = await getJson(harness, "/readyz");
    expect(down.status).toBe(503);
    expect(String(down.body.reasons)).toMatch(/^database: /);
    // Alive all the same: restarting it would not bring the database back.
    expect((await getJson(harness, "/livez")).status).toBe(200);

    proxy.restore();
    await expect.poll(async () => (await getJson(harness!, "/readyz")).status, { timeout: 10_000 }).toBe(200);
  });

  it("finishes the update in hand on stop, not ready meanwhile", async () => {
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let holding = false;
    const holdStatus = (services: Services): Services => ({
      ...services,
      overview: {
        ...services.overview,
        status: async (...args: Parameters<Services["overview"]["status"]>) => {
          holding = true;
          await held;
          return services.overview.status(...args);
        },
      },
    });
    harness = await startHarness({ overrides: { services: holdStatus } });
    const h = harness;
    const user = h.user("Дана", "ru");
    await user.send("/start");
    await user.press("Русский");

    const answered = user.send("/status");
    await expect.poll(() => holding).toBe(true);
    const stopped = h.app.stop();
    const readiness = await getJson(h, "/readyz");
    expect(readiness.status).toBe(503);
    expect(String(readiness.body.reasons)).toMatch(/stopping/);

    release();
    await stopped;
    // The answer left before the database closed.
    await answered;
    expect(user.lastText()).toBeTruthy();
    expect(user.lastText()).not.toMatch(/ошибк/i);
    // Closed last, after the drain.
    expect(await fetch(url(h, "/livez")).catch(() => "closed")).toBe("closed");
  });
});

describe("metrics", () => {
  it("counts updates, one-time passwords and registry checks, and names no one", async () => {
    harness = await startHarness();
    const driver = new RegistrationDriver(harness.user("Айгерім", "kk"), "kk");
    await driver.fillUpToSummary();
    await driver.confirmAndConsent();
    await driver.sign(harness.sms);

    const response = await fetch(url(harness, "/metrics"));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
    const text = await response.text();
    expect(value(text, 'jobseeker_updates_total{kind="message",outcome="handled"}')).toBeGreaterThan(10);
    expect(value(text, 'jobseeker_updates_total{kind="callback_query",outcome="handled"}')).toBeGreaterThan(3);
    expect(value(text, 'jobseeker_update_handling_seconds_count{kind="message"}')).toBeGreaterThan(10);
    expect(value(text, 'jobseeker_otp_sms_total{outcome="sent"}')).toBe(1);
    expect(value(text, 'jobseeker_registry_checks_total{result="registered"}')).toBeGreaterThanOrEqual(1);
    // The card is not posted: there is no staff chat in this harness.
    expect(value(text, "jobseeker_staff_cards_waiting")).toBe(1);
    expect(value(text, "jobseeker_outbox_due")).toBe(0);
    expect(value(text, "jobseeker_draining")).toBe(0);
    expect(text).toMatch(/^process_cpu_seconds_total /m);
    for (const personal of [aigerim.iin, "7011234567", "Сейітқали", "Айгерім", "Жарық"]) {
      expect(text).not.toContain(personal);
    }
  });
});

function value(text: string, series: string): number {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  if (!line) throw new Error(`no series ${series} in:\n${text}`);
  return Number(line.slice(series.length + 1));
}
