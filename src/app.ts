// Start-up in one place, used by main.ts, the demo and the end-to-end tests:
// storage with migrations, then the bot, then long polling and the
// scheduled work.
import { Api, GrammyError, HttpError } from "grammy";
import { registerCommandMenus, registerStaffCommandMenu } from "./bot/commands.ts";
import { createBot } from "./bot/create-bot.ts";
import { errorHandler } from "./bot/error-boundary.ts";
import { createTranslator } from "./bot/i18n.ts";
import { type Polling, startPolling } from "./bot/polling.ts";
import { createBroadcastApi } from "./bot/reminders/broadcast-api.ts";
import { createReminderDispatcher } from "./bot/reminders/dispatcher.ts";
import type { Config } from "./config.ts";
import { DataDirInUseError } from "./db/data-dir-lock.ts";
import { loadOrCreateKeyFile } from "./db/data-key-file.ts";
import { type Database, openDatabase } from "./db/database.ts";
import { createFieldCipher, type DataKeys } from "./db/field-cipher.ts";
import { holidayCalendarYears, loadHolidayCalendar } from "./domain/calendar.ts";
import { almatyDate } from "./domain/dates.ts";
import { describeError, type Logger } from "./logger.ts";
import { createScheduledWork, type ScheduledWork } from "./scheduled-work.ts";
import { type Clock, systemClock } from "./services/clock.ts";
import { createServices, type Services } from "./services/index.ts";
import { httpMobileRegistry, type MobileRegistry, standInMobileRegistry } from "./services/mobile-registry.ts";
import { httpSmsGateway, logSmsGateway, type SmsGateway } from "./services/sms-gateway.ts";

export type RunningApp = {
  /** Settles when polling ends: resolves on stop(), rejects when Telegram refuses us (401, 409). */
  finished: Promise<void>;
  stop(): Promise<void>;
  /** The open storage (tests look into it; the bot never does). */
  database: Database;
  /** One round of what the minute timer runs (tests call it with a moved clock). */
  runScheduledWork(): Promise<void>;
};

/** What tests may replace. */
export type AppOverrides = {
  clock?: Clock;
  sms?: SmsGateway;
  registry?: MobileRegistry;
  updateTimeoutMs?: number;
  apiRetryBudgetMs?: number;
  scheduleIntervalMs?: number;
  /** Wraps the services (tests inject faults between the layers). */
  services?: (services: Services) => Services;
};

/** A failure the operator can fix, worth one clear log line and not a stack trace. */
export class StartupError extends Error {
  override name = "StartupError";
}

export async function startApp(config: Config, logger: Logger, overrides: AppOverrides = {}): Promise<RunningApp> {
  // A broken holiday file stops the start rather than the first term computed.
  loadHolidayCalendar();
  const cipher = createFieldCipher(dataKeysOf(config, logger));
  const db = await openDatabase(config.database, {
    cipher,
    onConnectionError: (error) =>
      logger.warn({ err: { message: error.message } }, "database connection lost; reconnecting"),
  }).catch((error: unknown) => {
    throw error instanceof DataDirInUseError ? new StartupError(error.message) : error;
  });
  logger.info({ storage: db.kind, appliedMigrations: db.appliedMigrations }, "storage ready");
  if (db.sealedAtStart) {
    logger.info({ sealed: db.sealedAtStart.resealed, failed: db.sealedAtStart.failed }, "rows stored in clear sealed");
  }

  let polling: Polling;
  let username: string;
  let scheduled: ScheduledWork;
  try {
    const translator = await createTranslator();
    const sms =
      overrides.sms ??
      (config.smsGateway ? httpSmsGateway(config.smsGateway.url, config.smsGateway.token) : logSmsGateway(logger));
    const registry =
      overrides.registry ?? (config.mobileDb ? httpMobileRegistry(config.mobileDb, logger) : standInMobileRegistry());
    const created = createServices({
      db: db.work,
      clock: overrides.clock ?? systemClock,
      sms,
      registry,
      secret: config.otpSecret,
      appealReceiver: config.appealReceiver,
      ...(config.staff ? { staffChatId: config.staff.chatId } : {}),
    });
    const services = overrides.services ? overrides.services(created) : created;
    const { bot, desk } = createBot({
      token: config.botToken,
      apiRoot: config.telegramApiRoot,
      services,
      translator,
      logger,
      // Above a turn's retries (a minute a call) so only a real hang trips it.
      updateTimeoutMs: overrides.updateTimeoutMs ?? 150_000,
      apiRetryBudgetMs: overrides.apiRetryBudgetMs ?? 60_000,
      staff: config.staff,
      sendReminders: () => scheduled.kick(),
    });
    scheduled = createScheduledWork({
      services,
      dispatcher: createReminderDispatcher({
        api: createBroadcastApi(config.botToken, config.telegramApiRoot),
        services,
        translator,
        logger,
      }),
      desk,
      staffChatId: config.staff?.chatId,
      logger,
    });
    // Not bot.init() nor bot.api, which retry network errors: a wrong token or
    // API root must fail the start at once with a clear line.
    bot.botInfo = await new Api(config.botToken, { apiRoot: config.telegramApiRoot })
      .getMe()
      .catch((error: unknown) => {
        throw explainTelegramFailure(error, config.telegramApiRoot);
      });
    username = bot.botInfo.username;
    // The menu is a convenience: a server that refuses it must not stop the bot.
    await registerCommandMenus(bot.api, translator).catch((error: unknown) =>
      logger.warn({ err: describeError(error) }, "could not register the command menu"),
    );
    if (config.staff) {
      const staffT = translator.t(await services.staffChat.language(config.staff.chatId));
      await registerStaffCommandMenu(bot.api, config.staff.chatId, staffT).catch((error: unknown) =>
        logger.warn({ err: describeError(error) }, "could not register the staff chat's command menu"),
      );
    }
    polling = startPolling(bot, {
      ledger: services.updateLedger,
      onError: errorHandler(logger),
      logger,
      allowedUpdates: ["message", "callback_query"],
    });
  } catch (error) {
    await db.close();
    throw error;
  }
  logger.info({ bot: username, staffChat: config.staff ? "on" : "off" }, "polling for updates");
  warnOfStandIns(config, overrides, logger);
  warnIfCalendarRunsOut((overrides.clock ?? systemClock).now(), logger);
  scheduled.start(overrides.scheduleIntervalMs ?? 60_000);

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      await polling.stop();
      await scheduled.stop();
      await db.close();
    })();
    return stopping;
  };
  const finished = (async () => {
    try {
      await polling.task;
    } catch (error) {
      await stop();
      throw explainTelegramFailure(error, config.telegramApiRoot);
    }
  })();
  return { finished, stop, database: db, runScheduledWork: () => scheduled.run() };
}

function explainTelegramFailure(error: unknown, apiRoot: string): unknown {
  if (error instanceof GrammyError && error.error_code === 401) {
    return new StartupError("Telegram rejected BOT_TOKEN (401 Unauthorized): check the token @BotFather gave");
  }
  if (error instanceof GrammyError && error.error_code === 409) {
    return new StartupError(
      `Telegram refused long polling (409 Conflict: ${error.description}): another instance or a webhook uses this token`,
    );
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

/** The keys of personal data: from env, or (development) from DATA_DIR, created on the first start. */
export function dataKeysOf(config: Config, logger: Logger): DataKeys {
  if (config.dataKeys) return config.dataKeys;
  const { keys, file, created } = loadOrCreateKeyFile(config.dataDir);
  if (created) logger.warn({ file }, "generated keys for personal data at rest; keep this file with the data");
  return keys;
}

/** One line naming every development stand-in in use (production refuses to start with any of them). */
function warnOfStandIns(config: Config, overrides: AppOverrides, logger: Logger): void {
  const standIns = [
    ...(config.smsGateway || overrides.sms ? [] : ["one-time passwords written to the log (no SMS_GATEWAY_URL)"]),
    ...(config.mobileDb || overrides.registry
      ? []
      : ["the citizens' mobile database accepts every IIN and phone (no MOBILE_DB_URL)"]),
    ...(config.staff && !config.staff.operatorIds ? ["every member of the staff chat acts as an operator"] : []),
    ...(config.dataKeys ? [] : ["personal data sealed under keys generated into DATA_DIR (no DATA_KEYS)"]),
  ];
  if (standIns.length > 0) logger.warn({ standIns }, `development stand-ins in use: ${standIns.join("; ")}`);
}

/** Terms reach into next year: its holiday file must be there well before New Year. */
function warnIfCalendarRunsOut(now: Date, logger: Logger): void {
  const nextYear = Number(almatyDate(now).slice(0, 4)) + 1;
  if (holidayCalendarYears().includes(nextYear)) return;
  logger.warn(
    { year: nextYear },
    "no holiday calendar for next year: add src/domain/holidays/<year>.json before terms reach it",
  );
}
