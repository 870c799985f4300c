// The scheduled work's steps fail alone: a step that hangs (a query that never
// answers) is logged when it overruns its time bound, the others go on in
// every round, and the hung one is not started again until it has ended.
import { expect, it } from "vitest";
import { type DispatchReport, emptyReport } from "../../src/bot/reminders/dispatcher.ts";
import { createLogger } from "../../src/logger.ts";
import { createScheduledWork } from "../../src/scheduled-work.ts";
import type { Services } from "../../src/services/index.ts";

const BOUND_MS = 150;

/** `backlog`: how many rounds of reminders end cut short by the bound, more still due. */
function rig(options: { hang?: boolean; backlog?: number } = {}) {
  const calls = { purge: 0, dispatch: 0, retention: 0, digest: 0 };
  let release: () => void = () => {};
  let hang = options.hang ?? true;
  let backlog = options.backlog ?? 0;
  const logs: string[] = [];
  // Only what the rounds call; the rest of Services is not reached without a staff chat.
  const services = {
    clock: { now: () => new Date("2026-11-27T05:00:00Z") },
    reminders: {
      schedule: async () => {
        calls.digest++;
      },
    },
    updateLedger: {
      purge: () => {
        calls.purge++;
        return hang ? new Promise<number>((resolve) => (release = () => resolve(0))) : Promise.resolve(0);
      },
    },
    retention: {
      run: async () => {
        calls.retention++;
        return {};
      },
    },
  } as unknown as Services;
  const work = createScheduledWork({
    services,
    dispatcher: {
      dispatchDue: async (): Promise<DispatchReport> => {
        calls.dispatch++;
        const cutShort = backlog > 0;
        backlog--;
        return { ...emptyReport(), sent: cutShort ? 100 : 0, cutShort };
      },
    },
    desk: undefined,
    staffChatId: -100,
    logger: createLogger("debug", { write: (line: string) => void logs.push(line) }),
    stepTimeBoundMs: BOUND_MS,
  });
  const logged = (message: string) => logs.filter((line) => JSON.parse(line).msg === message).length;
  return {
    calls,
    work,
    logged,
    unhang() {
      hang = false;
      release();
    },
  };
}

it("goes on with the other steps when one hangs, logs the overrun, and never runs the hung step twice at once", async () => {
  const { calls, work, logged, unhang } = rig();
  const started = Date.now();
  await work.run();
  expect(Date.now() - started).toBeLessThan(BOUND_MS + 2_000);
  expect(calls).toMatchObject({ digest: 1, dispatch: 1, purge: 1, retention: 1 });
  expect(logged("scheduled step overran its time bound; the round goes on without it")).toBe(1);

  // The next rounds: reminders go out; the hung step is not started again.
  await work.run();
  await work.run();
  expect(calls).toMatchObject({ digest: 3, dispatch: 3, purge: 1 });
  expect(logged("scheduled step still running since an earlier round; not started again")).toBe(2);

  // Once it ends, it runs again in the next round.
  unhang();
  await new Promise((resolve) => setTimeout(resolve, 10));
  expect(logged("scheduled step that overran has ended")).toBe(1);
  await work.run();
  expect(calls).toMatchObject({ dispatch: 4, purge: 2 });
  await work.stop();
});

it("does not pile up rounds behind a slow one: calls while one waits join it", async () => {
  const { calls, work, unhang } = rig();
  const first = work.run();
  // The first round is under way (its digest step has run).
  await new Promise((resolve) => setTimeout(resolve, 10));
  const waiting = [work.run(), work.run(), work.run()];
  await Promise.all([first, ...waiting]);
  expect(calls.dispatch).toBe(2);
  unhang();
  await work.stop();
});

it("stops without waiting for a hung step beyond its bound", async () => {
  const { calls, work } = rig();
  work.kick();
  await new Promise((resolve) => setTimeout(resolve, 10));
  expect(calls.purge).toBe(1);
  const started = Date.now();
  await work.stop();
  expect(Date.now() - started).toBeLessThan(BOUND_MS + 2_000);
  // The steps before the hung one (the ledger's purge is the last) ran once; no round starts once stopping.
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(calls).toMatchObject({ digest: 1, retention: 1, dispatch: 1 });
});

it("starts the next round at once while reminders are cut short by the bound, not on the next tick", async () => {
  const { calls, work } = rig({ hang: false, backlog: 3 });
  // A tick far away: only the backlog can start the rounds after the first.
  work.start(3_600_000);
  await expect.poll(() => calls.dispatch).toBe(4);
  // The fourth round found nothing more: no fifth.
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(calls).toMatchObject({ dispatch: 4, digest: 4, purge: 4 });
  await work.stop();
});
