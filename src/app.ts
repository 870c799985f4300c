// Start-up in one place, used by main.ts, the demo and the end-to-end tests:
// storage with migrations, then the bot, then long polling.
import { type RunnerHandle, run } from "@grammyjs/runner";
import { GrammyError, HttpError } from "grammy";
import { registerCommandMenus } from "./bot/commands.ts";
import { createBot } from "./bot/create-bot.ts";
import { createTranslator } from "./bot/i18n.ts";
import type { Config } from "./config.ts";
import { conversationStorage } from "./db/conversation-storage.ts";
import { DataDirInUseError } from "./db/data-dir-lock.ts";
import { type Database, openDatabase } from "./db/database.ts";
import type { NewReminder } from "./db/reminders.ts";
import { isWorkingDay, nextWorkingDay } from "./domain/calendar.ts";
import { almatyDate, almatyInstant } from "./domain/dates.ts";
import { STAFF_DIGEST_TIME } from "./domain/deadlines.ts";
import { describeError, type Logger } from "./logger.ts";
import { type Clock, systemClock } from "./services/clock.ts";
import { createServices, type Services } from "./services/index.ts";
import { createBroadcastApi } from "./bot/reminders/broadcast-api.ts";
import { createReminderDispatcher } from "./bot/reminders/dispatcher.ts";
import type { StaffDesk } from "./bot/staff/staff-desk.ts";
import { httpSmsGateway, logSmsGateway, type SmsGateway } from "./services/sms-gateway.ts";

export type RunningApp = {
  /** Settles when polling ends: resolves on stop(), rejects when Telegram refuses us (401, 409). */
  finished: Promise<void>;
  stop(): Promise<void>;
  /** The open storage (tests look into it; the bot never does). */
  database: Database;
  /** What the minute timer runs: escalations of terms (tests call it with a moved clock). */
  runScheduledWork(): Promise<void>;
};

/** What tests may replace. */
export type AppOverrides = {
  clock?: Clock;
  sms?: SmsGateway;
  updateTimeoutMs?: number;
  apiRetryAttempts?: number;
  scheduleIntervalMs?: number;
};

/** A failure the operator can fix, worth one clear log line and not a stack trace. */
export class StartupError extends Error {
  override name = "StartupError";
}

export async function startApp(config: Config, logger: Logger, overrides: AppOverrides = {}): Promise<RunningApp> {
  const db = await openDatabase(config.database, {
    onConnectionError: (error) => logger.warn({ err: { message: error.message } }, "database connection lost; reconnecting"),
  }).catch((error: unknown) => {
    throw error instanceof DataDirInUseError ? new StartupError(error.message) : error;
  });
  logger.info({ storage: db.kind, appliedMigrations: db.appliedMigrations }, "storage ready");

  let runner: RunnerHandle;
  let username: string;
  let desk: StaffDesk | undefined;
  let now: () => Date = () => new Date();
  let escalations: Services["escalations"] | undefined;
  let servicesRef: Services | undefined;
  let dispatcher: ReturnType<typeof createReminderDispatcher> | undefined;
  try {
    const translator = await createTranslator();
    const sms = overrides.sms ?? (config.smsGateway ? httpSmsGateway(config.smsGateway.url, config.smsGateway.token) : logSmsGateway(logger));
    const services = createServices({ prisma: db.prisma, clock: overrides.clock ?? systemClock, sms, secret: config.otpSecret });
    const built = createBot({
      token: config.botToken,
      apiRoot: config.telegramApiRoot,
      services,
      translator,
      logger,
      conversationStorage: conversationStorage(db.prisma),
      // Above the worst case of retries (3 × up to 30 s) so only a real hang trips it.
      updateTimeoutMs: overrides.updateTimeoutMs ?? 150_000,
      apiRetryAttempts: overrides.apiRetryAttempts ?? 3,
      staff: config.staff,
      sendReminders: () => {
        runScheduledWork().catch((error: unknown) => logger.warn({ err: describeError(error) }, "scheduled work failed"));
      },
    });
    const bot = built.bot;
    desk = built.desk;
    dispatcher = createReminderDispatcher({ api: createBroadcastApi(config.botToken, config.telegramApiRoot), services, translator, logger });
    now = () => services.clock.now();
    escalations = services.escalations;
    servicesRef = services;
    // Not bot.init(): it retries network errors without end, and a wrong
    // API root must fail the start with a clear line instead.
    bot.botInfo = await bot.api.getMe().catch((error: unknown) => {
      throw explainTelegramFailure(error, config.telegramApiRoot);
    });
    username = bot.botInfo.username;
    await registerCommandMenus(bot.api, translator);
    runner = run(bot, { runner: { fetch: { allowed_updates: ["message", "callback_query"] } } });
  } catch (error) {
    await db.close();
    throw error;
  }
  logger.info({ bot: username, staffChat: config.staff ? "on" : "off" }, "polling for updates");

  // Reminders that fell due (also while the bot was down); undecided
  // applications near or past their term go back to the staff chat.
  let work: Promise<void> = Promise.resolve();
  const runScheduledWork = () => {
    work = work.then(scheduledWork, scheduledWork);
    return work;
  };
  const scheduledWork = async () => {
    if (config.staff && servicesRef) await servicesRef.reminders.schedule(staffDigestFor(now(), config.staff.chatId));
    const report = await dispatcher?.dispatchDue();
    if (report && report.sent + report.failed + report.skipped > 0) logger.info(report, "reminders sent");
    if (!desk || !escalations) return;
    await desk.postMissingCards(now());
    for (const escalation of await escalations.claimDue(now())) {
      await desk.postEscalation(escalation).catch((error: unknown) => logger.warn({ err: describeError(error) }, "could not post an escalation"));
    }
  };
  runScheduledWork().catch((error: unknown) => logger.warn({ err: describeError(error) }, "scheduled work failed"));
  const timer = setInterval(() => {
    runScheduledWork().catch((error: unknown) => logger.warn({ err: describeError(error) }, "scheduled work failed"));
  }, overrides.scheduleIntervalMs ?? 60_000);
  timer.unref();

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      clearInterval(timer);
      if (runner.isRunning()) await runner.stop();
      await work.catch(() => undefined);
      await db.close();
    })();
    return stopping;
  };
  const finished = (async () => {
    try {
      await runner.task();
    } catch (error) {
      await stop();
      throw explainTelegramFailure(error, config.telegramApiRoot);
    }
  })();
  return { finished, stop, database: db, runScheduledWork };
}

function explainTelegramFailure(error: unknown, apiRoot: string): unknown {
  if (error instanceof GrammyError && error.error_code === 401) {
    return new StartupError("Telegram rejected BOT_TOKEN (401 Unauthorized): check the token @BotFather gave");
  }
  if (error instanceof GrammyError && error.error_code === 409) {
    return new StartupError(`Telegram refused long polling (409 Conflict: ${error.description}): another instance or a webhook uses this token`);
  }
  if (error instanceof HttpError) {
    return new StartupError(`Cannot reach the Telegram Bot API at ${apiRoot}: ${describeNetworkError(error)}`);
  }
  return error;
}

function describeNetworkError(error: HttpError): string {
  const cause = error.error as { code?: string; cause?: { code?: string } } | undefined;
  return cause?.code ?? cause?.cause?.code ?? error.message;
}

/**
 * Each working morning at 09:00 Asia/Almaty the staff chat gets the
 * applications due today and on the next working day. Scheduled on every
 * round; the key makes it one row a day whoever schedules it.
 */
function staffDigestFor(now: Date, staffChatId: number): NewReminder[] {
  const today = almatyDate(now);
  if (!isWorkingDay(today)) return [];
  return [
    {
      kind: "staff_digest",
      dueAt: almatyInstant(today, STAFF_DIGEST_TIME),
      chatId: staffChatId,
      payload: { today, next: nextWorkingDay(today) },
      dedupeKey: `staff_digest:${today}`,
    },
  ];
}
