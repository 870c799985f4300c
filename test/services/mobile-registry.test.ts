// The HTTP adapter of the citizens' mobile database, against a stand-in that
// speaks the fixed contract: what counts as an answer, what as a temporary
// failure, and that the log never carries the IIN or the phone in clear.
import { Writable } from "node:stream";
import { afterEach, beforeEach, expect, it } from "vitest";
import { createLogger } from "../../src/logger.ts";
import { httpMobileRegistry } from "../../src/services/mobile-registry.ts";
import { type RegistryStandIn, startRegistryStandIn } from "../support/registry-stand-in.ts";

const iin = "900101300017";
const phone = "+77011234567";

let standIn: RegistryStandIn;
let logLines: string[];
const logger = () =>
  createLogger(
    "info",
    new Writable({
      write(chunk, _encoding, done) {
        logLines.push(String(chunk));
        done();
      },
    }),
  );

beforeEach(async () => {
  standIn = await startRegistryStandIn();
  logLines = [];
});

afterEach(async () => {
  await standIn.close();
});

const registry = (timeoutMs?: number) =>
  httpMobileRegistry({ url: standIn.url, token: standIn.token }, logger(), timeoutMs);

it("posts {iin, phone} to /check with the bearer token and reads the answer", async () => {
  standIn.register(iin, phone);

  expect(await registry().check(iin, phone)).toEqual({ kind: "registered" });
  expect(await registry().check(iin, "+77017654321")).toEqual({ kind: "not_registered" });
  expect(standIn.checks[0]).toEqual({ iin, phone, authorization: `Bearer ${standIn.token}` });
});

it.each([
  ["an error status", "error"],
  ["a malformed body", "malformed"],
] as const)("takes %s as a temporary failure", async (_, mode) => {
  standIn.mode = mode;
  expect(await registry().check(iin, phone)).toEqual({ kind: "unavailable" });
});

it("takes no answer within the time limit as a temporary failure", async () => {
  standIn.mode = "silent";
  const started = Date.now();
  expect(await registry(300).check(iin, phone)).toEqual({ kind: "unavailable" });
  expect(Date.now() - started).toBeLessThan(2_000);
});

it("takes an unreachable registry as a temporary failure", async () => {
  const unreachable = httpMobileRegistry({ url: "http://127.0.0.1:9", token: "t" }, logger());
  expect(await unreachable.check(iin, phone)).toEqual({ kind: "unavailable" });
});

it("logs each check without the IIN or the phone in clear", async () => {
  standIn.register(iin, phone);
  await registry().check(iin, phone);
  standIn.mode = "error";
  await registry().check(iin, phone);

  expect(logLines).toHaveLength(2);
  const log = logLines.join("\n");
  expect(log).not.toContain(iin);
  expect(log).not.toContain("7011234567");
  expect(log).toContain("mobile registry checked");
  expect(log).toContain("mobile registry unavailable");
});
