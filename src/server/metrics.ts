// The metrics an operator of the service scrapes from /metrics (Prometheus).
// Labels come from closed lists (update kinds, outcomes); no label and no
// value ever carries a person's data.
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

/** What the gauges read when scraped. */
export type MetricSources = {
  backlog(): Promise<{ remindersDue: number; oldestDueAgeSeconds: number; cardsWaiting: number }>;
  pool(): { inUse: number; idle: number; waiting: number } | undefined;
  /** Epoch ms of Telegram's last answer. */
  telegramAnsweredAt(): number | undefined;
  draining(): boolean;
};

/** What one round of reminders did (the dispatcher's report); every key comes from a closed list. */
export type ReminderRound = Record<"sent" | "skipped" | "failed" | "retried", number> & {
  /** Refused for good, by why: blocked, chat_not_found, rejected. */
  undeliverable: Partial<Record<string, number>>;
  /** Newly found undelivered an hour after they were due, by reminder kind. */
  overdue: Partial<Record<string, number>>;
};

export type Metrics = ReturnType<typeof createMetrics>;

export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];

  const updates = new Counter({
    name: "jobseeker_updates_total",
    help: "Telegram updates handled, by kind and outcome",
    labelNames: ["kind", "outcome"] as const,
    registers,
  });
  const handling = new Histogram({
    name: "jobseeker_update_handling_seconds",
    help: "Time from taking an update to the end of its handling",
    labelNames: ["kind"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers,
  });
  const reminders = new Counter({
    name: "jobseeker_reminders_total",
    help: "Reminders (the outbox of messages on the clock) by outcome: sent, skipped, failed, retried",
    labelNames: ["outcome"] as const,
    registers,
  });
  const undeliverable = new Counter({
    name: "jobseeker_reminders_undeliverable_total",
    help: "Reminders Telegram refused for good, by reason: blocked, chat_not_found, rejected",
    labelNames: ["reason"] as const,
    registers,
  });
  const overdue = new Counter({
    name: "jobseeker_reminders_overdue_total",
    help: "Reminders still undelivered an hour after they were due (each counted once), by kind",
    labelNames: ["kind"] as const,
    registers,
  });
  const otp = new Counter({
    name: "jobseeker_otp_sms_total",
    help: "One-time passwords handed to the SMS gateway, by outcome",
    labelNames: ["outcome"] as const,
    registers,
  });
  const staffGroupUnmasked = new Gauge({
    name: "jobseeker_staff_group_unmasked",
    help: "Messages of older versions that still name people in the staff group (Telegram refused to delete or edit them, or they were out of reach); set once the masking task is done",
    registers,
  });
  const registryChecks = new Counter({
    name: "jobseeker_registry_checks_total",
    help: "Checks in the citizens' mobile database, by answer",
    labelNames: ["result"] as const,
    registers,
  });

  return {
    registry,
    updateHandled(kind: string, outcome: "handled" | "failed", seconds: number): void {
      updates.inc({ kind, outcome });
      handling.observe({ kind }, seconds);
    },
    remindersDispatched(report: ReminderRound): void {
      for (const outcome of ["sent", "skipped", "failed", "retried"] as const) {
        if (report[outcome] > 0) reminders.inc({ outcome }, report[outcome]);
      }
      for (const [reason, count] of Object.entries(report.undeliverable)) {
        if (count) undeliverable.inc({ reason }, count);
      }
      for (const [kind, count] of Object.entries(report.overdue)) {
        if (count) overdue.inc({ kind }, count);
      }
    },
    otpSms: (outcome: "sent" | "failed") => otp.inc({ outcome }),
    /** The masking task's report: what it could not mask. */
    staffGroupMasked: (report: { remaining: number; notReached: number }) =>
      staffGroupUnmasked.set(report.remaining + report.notReached),
    registryChecked: (result: "registered" | "not_registered" | "unavailable") => registryChecks.inc({ result }),
    /** The gauges read their sources at each scrape. */
    watch(sources: MetricSources): void {
      // One query a scrape for the three backlog gauges (they are collected together).
      // A database that does not answer in time makes them NaN; the rest of /metrics still answers.
      type Snapshot = Awaited<ReturnType<MetricSources["backlog"]>> | undefined;
      let latest: { at: number; backlog: Promise<Snapshot> } | undefined;
      const backlog = () => {
        if (!latest || Date.now() - latest.at > 1_000)
          latest = { at: Date.now(), backlog: withinTime(sources.backlog(), BACKLOG_TIMEOUT_MS) };
        return latest.backlog;
      };
      new Gauge({
        name: "jobseeker_outbox_due",
        help: "Reminders due and not sent yet",
        registers,
        async collect() {
          const snapshot = await backlog();
          this.set(snapshot ? snapshot.remindersDue : Number.NaN);
        },
      });
      new Gauge({
        name: "jobseeker_outbox_oldest_due_age_seconds",
        help: "How long the oldest unsent reminder has been due (0 when none)",
        registers,
        async collect() {
          const snapshot = await backlog();
          this.set(snapshot ? snapshot.oldestDueAgeSeconds : Number.NaN);
        },
      });
      new Gauge({
        name: "jobseeker_staff_cards_waiting",
        help: "Submitted applications, appeals and complaints whose card is not in the staff chat yet",
        registers,
        async collect() {
          const snapshot = await backlog();
          this.set(snapshot ? snapshot.cardsWaiting : Number.NaN);
        },
      });
      new Gauge({
        name: "jobseeker_db_pool_connections",
        help: "Connections of the PostgreSQL pool: in_use, idle, and requests waiting for one",
        labelNames: ["state"] as const,
        registers,
        collect() {
          const pool = sources.pool();
          if (!pool) return;
          this.set({ state: "in_use" }, pool.inUse);
          this.set({ state: "idle" }, pool.idle);
          this.set({ state: "waiting" }, pool.waiting);
        },
      });
      new Gauge({
        name: "jobseeker_telegram_last_answer_age_seconds",
        help: "Seconds since the Bot API last answered a call",
        registers,
        collect() {
          const at = sources.telegramAnsweredAt();
          if (at !== undefined) this.set((Date.now() - at) / 1000);
        },
      });
      new Gauge({
        name: "jobseeker_draining",
        help: "1 while the instance stops and takes no new updates",
        registers,
        collect() {
          this.set(sources.draining() ? 1 : 0);
        },
      });
    },
  };
}

/** What the scrape waits for the database; Prometheus' own timeout is 10 s. */
const BACKLOG_TIMEOUT_MS = 500;

function withinTime<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  return Promise.race([work.catch(() => undefined), late]).finally(() => clearTimeout(timer));
}
