// Where a bot's CPU went: reads a profile written by `node --cpu-prof` (see
// BENCHMARKS.md, "Profiles") and prints its self time by package and the
// functions that cost most. A reading aid, never a test.
//
//   npx tsx scripts/bench/cpu-profile.ts /tmp/prof/CPU.….cpuprofile [--top 25]
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { z } from "zod";

const profileSchema = z.object({
  nodes: z.array(
    z.object({
      id: z.number(),
      callFrame: z.object({ functionName: z.string(), url: z.string(), lineNumber: z.number() }),
    }),
  ),
  samples: z.array(z.number()),
  timeDeltas: z.array(z.number()),
});

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { top: { type: "string", default: "25" } },
});
if (positionals.length !== 1) throw new Error("usage: cpu-profile.ts FILE.cpuprofile [--top N]");

const profile = profileSchema.parse(JSON.parse(readFileSync(positionals[0]!, "utf8")));
const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));

/** Microseconds of self time by node id (a sample's time is the delta that follows it). */
const selfTime = new Map<number, number>();
profile.samples.forEach((id, index) => {
  const delta = profile.timeDeltas[index + 1] ?? 0;
  selfTime.set(id, (selfTime.get(id) ?? 0) + delta);
});

/** A frame's package: `node_modules/<name>`, node's own code, our bundle, or V8's pseudo-frames. */
function packageOf(frame: { functionName: string; url: string }): string {
  if (frame.url === "") {
    if (frame.functionName.startsWith("(")) return frame.functionName;
    if (/^(js-to-wasm|wasm-to-js|\$|wasm-function)/.test(frame.functionName)) return "WebAssembly";
    return "(native)";
  }
  if (frame.url.startsWith("wasm://")) return "WebAssembly";
  if (frame.url.startsWith("node:")) return "node internals";
  const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(frame.url);
  if (inModules) return inModules[1]!;
  if (frame.url.includes("dist/bundle/")) return "ours (bundle)";
  if (frame.url.includes("/src/")) return "ours (src)";
  return frame.url;
}

const byPackage = new Map<string, number>();
const byFunction = new Map<string, number>();
let total = 0;
for (const [id, time] of selfTime) {
  const frame = frames.get(id)!;
  total += time;
  const name = packageOf(frame);
  byPackage.set(name, (byPackage.get(name) ?? 0) + time);
  const where = `${frame.functionName || "(anonymous)"} ${name}:${frame.lineNumber + 1}`;
  byFunction.set(where, (byFunction.get(where) ?? 0) + time);
}

const busy = total - (byPackage.get("(idle)") ?? 0);
const share = (time: number) => `${((100 * time) / busy).toFixed(1)}%`;
const rows = (map: Map<string, number>, top: number) =>
  [...map]
    .filter(([name]) => name !== "(idle)")
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, time]) => `  ${share(time).padStart(6)}  ${(time / 1000).toFixed(0).padStart(7)} ms  ${name}`);

console.log(`busy ${(busy / 1e6).toFixed(1)} s of ${(total / 1e6).toFixed(1)} s sampled\n\nself time by package:`);
console.log(rows(byPackage, 20).join("\n"));
console.log("\nfunctions:");
console.log(rows(byFunction, Number(values.top)).join("\n"));
