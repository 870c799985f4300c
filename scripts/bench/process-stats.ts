// What a process costs, read from /proc as `ps` and `top` read it: CPU time
// (user + system, all threads) and resident memory. Nothing in the measured
// process cooperates, so the bot runs exactly as `npm start` runs it.
import { readdirSync, readFileSync } from "node:fs";

/** Linux reports CPU time in clock ticks; 100 a second on every mainstream kernel (getconf CLK_TCK). */
const TICKS_PER_SECOND = 100;

export type ProcessSample = { cpuMs: number; rssKb: number; peakRssKb: number };

export function sampleProcess(pid: number): ProcessSample {
  // Fields after the command name, which is in parentheses and may hold spaces.
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // utime and stime are fields 14 and 15 of stat(5); here counted from field 3.
  const ticks = Number(fields[11]) + Number(fields[12]);
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? 0);
  return { cpuMs: (ticks * 1000) / TICKS_PER_SECOND, rssKb: kb("VmRSS"), peakRssKb: kb("VmHWM") };
}

/** The CPU a process used between two samples, and the highest resident set seen while watching. */
export function watchProcess(pid: number, everyMs = 250) {
  const first = sampleProcess(pid);
  let last = first;
  let maxRssKb = first.rssKb;
  const timer = setInterval(() => {
    try {
      last = sampleProcess(pid);
      maxRssKb = Math.max(maxRssKb, last.rssKb);
    } catch {
      // The process ended; keep the last sample.
    }
  }, everyMs);
  timer.unref();
  return {
    /** Stops watching; CPU from the start of the watch, the peak RSS of the process's life (VmHWM). */
    stop(): { cpuMs: number; rssKb: number; peakRssKb: number; maxRssWatchedKb: number } {
      clearInterval(timer);
      try {
        last = sampleProcess(pid);
      } catch {
        // Already gone: the last sample stands.
      }
      maxRssKb = Math.max(maxRssKb, last.rssKb);
      return {
        cpuMs: last.cpuMs - first.cpuMs,
        rssKb: last.rssKb,
        peakRssKb: last.peakRssKb,
        maxRssWatchedKb: maxRssKb,
      };
    },
  };
}

export function cpuModel(): string {
  const info = readFileSync("/proc/cpuinfo", "utf8");
  return /^model name\s*:\s*(.+)$/m.exec(info)?.[1]?.trim() ?? "unknown";
}

/**
 * CPU time of every thread of a process in nanoseconds (the scheduler's own
 * account, /proc/<pid>/task/<tid>/schedstat): fine enough for one update,
 * where /proc/<pid>/stat counts in 10 ms ticks.
 */
export function threadCpuNs(pid: number): number {
  let total = 0;
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      total += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, "utf8").split(" ")[0]);
    } catch {
      // The thread ended between the listing and the read.
    }
  }
  return total;
}
