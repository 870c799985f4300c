// Start-up in one place, used by main.ts, the demo and the end-to-end tests:
// storage with migrations, then the bot, the HTTP server (health, metrics,
// webhook), then updates (webhook, or long polling when this instance leads)
// and the scheduled work. Stopping drains in the reverse order.

import type { FastifyInstance } from "fastify";
import { Api, GrammyError, HttpError, webhookCallback } from "grammy";
import { registerCommandMenus, registerStaffCommandMenu } from "./bot/commands.ts";
import { createBot } from "./bot/create-bot.ts";
import { errorHandler } from "./bot/error-boundary.ts";
import { formPageUrl, webFormSavedNotice } from "./bot/features/web-form.ts";
import { createTranslator } from "./bot/i18n.ts";
import { webhookGate } from "./bot/middleware/webhook-gate.ts";
import { pollAsLeader } from "./bot/polling-leader.ts";
import { createBroadcastApi } from "./bot/reminders/broadcast-api.ts";
import { createReminderDispatcher } from "./bot/reminders/dispatcher.ts";
import { createOperatorGuard } from "./bot/staff/operator-guard.ts";
import { followStaffChat } from "./bot/staff/staff-chat-address.ts";
import type { StaffDesk } from "./bot/staff/staff-desk.ts";
import { maskStaffGroupInBackground, type StaffGroupMaskingRun } from "./bot/staff/staff-group-masking.ts";
import { createTelegramPulse, probeWhenQuiet, recordAnswers } from "./bot/telegram-pulse.ts";
import type { Config } from "./config.ts";
import { DataDirInUseError } from "./db/data-dir-lock.ts";
import { loadOrCreateKeyFile } from "./db/data-key-file.ts";
import { type Database, openDatabase } from "./db/database.ts";
import { createFieldCipher, type DataKeys } from "./db/field-cipher.ts";
import { holidayCalendarYears, loadHolidayCalendar } from "./domain/calendar.ts";
import { almatyDate } from "./domain/dates.ts";
import { measuredRegistry, measuredSms } from "./instrumentation.ts";
import { describeError, type Logger } from "./logger.ts";
import { createScheduledWork, type ScheduledWork } from "./scheduled-work.ts";
import { createHttpServer } from "./server/http-server.ts";
import { createMetrics } from "./server/metrics.ts";
import type { StaffBoard } from "./server/mini-app/staff-board.ts";
import { webRoot } from "./server/web-root.ts";
import { type Clock, systemClock } from "./services/clock.ts";
import { createServices, type Services } from "./services/index.ts";
import { httpMobileRegistry, type MobileRegistry, standInMobileRegistry } from "./services/mobile-registry.ts";
import { httpSmsGateway, logSmsGateway, type SmsGateway } from "./services/sms-gateway.ts";

export type RunningApp = {
  /** Settles when the app ends: resolves on stop(), rejects when Telegram refuses us (401, 409). */
  finished: Promise<void>;
  /** The graceful drain: /readyz turns 503, no new updates, those in hand finish (at most 25 s), then storage closes. */
  stop(): Promise<void>;
  /** Where the HTTP server listens (health, metrics, webhook). */
  httpAddress: { host: string; port: number };
  /** The open storage (tests look into it; the bot never does). */
  database: Database;
  /** One round of what the minute timer runs (tests call it with a moved clock). */
  runScheduledWork(): Promise<void>;
  /** Settles when this instance is done with masking the staff group's older messages (done, or found done). */
  staffGroupMasked: Promise<void>;
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
  /** How long stop() waits for the updates in hand (default 25 s). */
  drainMs?: number;
};

/** Telegram waits 60 s for a webhook's answer; ours comes earlier, or an error that makes it try again. */
const WEBHOOK_TIMEOUT_MS = 50_000;
const ALLOWED_UPDATES = ["message", "callback_query"] as const;
/** The desk's decisions shown in the staff chat as the chat's own are: by the bot's staff desk. */
function staffBoardOf(desk: StaffDesk | undefined, sendReminders: () => void): StaffBoard {
  return {
    applicationChanged: async (application) => desk?.refreshCard(application),
    appealChanged: async (appeal) => desk?.refreshAppealCard(appeal),
    complaintChanged: async (complaint) => desk?.refreshComplaintCard(complaint),
    answerThread: async (view, text, operator) => {
      await desk?.relayToApplicant(view, text);
      await desk?.threadAnsweredInDesk(view, operator);
    },
    threadClosed: async (view, operator) => {
      await desk?.threadClosed(view);
      await desk?.threadClosedInDesk(view, operator);
    },
    sendReminders,
  };
}

/**
 * Updates handled at once on the embedded PGlite. It runs every query inside
 * this process, one at a time, and its queries hand over to each other as
 * promise continuations: with hundreds of updates in hand, each waited behind
 * all the others (update→answer p50 2.4 s, p99 21 s with 300 people) and the
 * event loop reached its timers and sockets late. A few at a time keep each
 * one short (p50 0.5 s, p99 7 s, twice the updates/s); the rest wait at
 * Telegram.
 */
const PGLITE_MAX_CONCURRENT = 16;

/**
 * Updates handled at once on PostgreSQL. Its pool has 10 connections: with
 * 500 in hand (the polling loop's default) most waited for one, their
 * conversations and promises kept alive meanwhile. 32 at a time, 1,000
 * people: 2.49 ms of CPU per update instead of 3.19, 425 updates/s instead
 * of 343, peak RSS 229 MB instead of 303 (16 and 64 measured the same as 32;
 * BENCHMARKS.md, "Updates in hand").
 */
const POSTGRES_MAX_CONCURRENT = 32;

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

  const metrics = createMetrics();
  const pulse = createTelegramPulse();
  let draining = false;
  let intake: Intake;
  let server: FastifyInstance | undefined;
  let username: string;
  let scheduled: ScheduledWork;
  let prober: { stop(): void } | undefined;
  let webhookSetter: WebhookSetter | undefined;
  let startMasking: (() => StaffGroupMaskingRun) | undefined;
  try {
    const translator = await createTranslator();
    const sms =
      overrides.sms ??
      (config.smsGateway
        ? httpSmsGateway(config.smsGateway.url, config.smsGateway.token, logger)
        : logSmsGateway(logger));
    const registry =
      overrides.registry ?? (config.mobileDb ? httpMobileRegistry(config.mobileDb, logger) : standInMobileRegistry());
    const created = createServices({
      db: db.work,
      clock: overrides.clock ?? systemClock,
      sms: measuredSms(sms, metrics),
      registry: measuredRegistry(registry, metrics),
      secret: config.otpSecret,
      appealReceiver: config.appealReceiver,
      ...(config.staff ? { staffChatId: config.staff.chatId } : {}),
    });
    const services = overrides.services ? overrides.services(created) : created;
    const gate = config.webhook
      ? webhookGate({ ledger: services.updateLedger, locks: db.locks.chats, logger })
      : undefined;
    const { bot, desk, staffChat } = createBot({
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
      ...(gate ? { gate: gate.middleware } : {}),
      observeUpdate: metrics.updateHandled,
      pulse,
      formUrl: formPageUrl(config.miniAppUrl),
    });
    const savedNotice = webFormSavedNotice({
      api: bot.api,
      translator,
      logger,
      languageOf: (userId) => services.languagePreference.chosenLanguage(userId),
    });
    const broadcastApi = createBroadcastApi(config.botToken, config.telegramApiRoot);
    broadcastApi.config.use(recordAnswers(pulse));
    if (staffChat) {
      // The staff chat may have become a supergroup since STAFF_CHAT_ID was set.
      await staffChat.refresh();
      broadcastApi.config.use(followStaffChat(staffChat));
    }
    scheduled = createScheduledWork({
      services,
      dispatcher: createReminderDispatcher({ api: broadcastApi, services, translator, logger, deskLinks: desk?.links }),
      desk,
      staffChatId: config.staff?.chatId,
      logger,
      onReminders: metrics.remindersDispatched,
    });
    if (desk)
      startMasking = () =>
        maskStaffGroupInBackground({
          api: broadcastApi,
          desk,
          services,
          logger,
          onReport: metrics.staffGroupMasked,
        });
    // Not bot.init() nor bot.api, which retry network errors: a wrong token or
    // API root must fail the start at once with a clear line.
    const plainApi = new Api(config.botToken, { apiRoot: config.telegramApiRoot });
    plainApi.config.use(recordAnswers(pulse));
    bot.botInfo = await plainApi.getMe().catch((error: unknown) => {
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

    metrics.watch({
      backlog: () => services.backlog.snapshot(),
      pool: () => db.pool(),
      telegramAnsweredAt: () => pulse.lastAnswerAt(),
      draining: () => draining,
    });
    const operatorGuard =
      config.staff &&
      createOperatorGuard({
        api: bot.api,
        staffChatId: config.staff.chatId,
        operatorIds: config.staff.operatorIds,
        clock: services.clock,
      });
    server = createHttpServer({
      logger,
      metrics,
      miniApp: {
        botToken: config.botToken,
        now: () => services.clock.now(),
        webForm: services.webForm,
        languagePreference: services.languagePreference,
        desk: services.desk,
        decisions: services.decisions,
        appeals: services.appeals,
        complaints: services.complaints,
        support: services.support,
        staffRecords: services.staffRecords,
        translator,
        // Without a staff chat nobody is an operator.
        isOperator: async (userId) => (operatorGuard ? operatorGuard.isOperator(userId) : false),
        onWebFormSaved: savedNotice,
        board: staffBoardOf(desk, () => scheduled.kick()),
      },
      webRoot,
      readiness: {
        database: (timeoutMs) => db.check(timeoutMs),
        telegramAnsweredAt: () => pulse.lastAnswerAt(),
        draining: () => draining,
        webhookSet: () => webhookSetter?.isSet() ?? true,
      },
      webhook: config.webhook && {
        path: config.webhook.path,
        secret: config.webhook.secret,
        // "throw", never "return": a timed-out update answered as done would
        // let the chat's next update overtake it (grammY's docs on webhooks).
        callback: webhookCallback(bot, "fastify", {
          onTimeout: "throw",
          timeoutMilliseconds: WEBHOOK_TIMEOUT_MS,
          secretToken: config.webhook.secret,
        }),
      },
    });
    await server.listen({ host: config.http.host, port: config.http.port }).catch((error: unknown) => {
      throw new StartupError(
        `Cannot listen on ${config.http.host}:${config.http.port} (HOST, PORT): ${(error as Error).message}`,
      );
    });

    if (config.webhook && gate) {
      webhookSetter = keepWebhookSet(plainApi, config.webhook, logger);
      await webhookSetter.first;
      intake = { task: new Promise<void>(() => {}), stop: async (drainMs) => void (await gate.drain(drainMs)) };
      logger.info({ bot: username, path: config.webhook.path }, "webhook set; taking updates over HTTP");
    } else {
      if (db.kind === "postgres") logger.info("waiting to lead: one instance polls, the others stand by");
      intake = pollAsLeader(bot, db.locks.polling(bot.botInfo.id), {
        ledger: services.updateLedger,
        onError: errorHandler(logger),
        logger,
        allowedUpdates: ALLOWED_UPDATES,
        conflictIsFatal: db.kind === "pglite",
        maxConcurrent: db.kind === "pglite" ? PGLITE_MAX_CONCURRENT : POSTGRES_MAX_CONCURRENT,
      });
    }
    prober = probeWhenQuiet(plainApi, pulse);
  } catch (error) {
    prober?.stop();
    webhookSetter?.stop();
    await server?.close();
    await db.close();
    throw error;
  }
  const http = server;
  const address = http.server.address();
  const httpAddress = {
    host: config.http.host,
    port: address && typeof address === "object" ? address.port : config.http.port,
  };
  logger.info({ bot: username, staffChat: config.staff ? "on" : "off", http: httpAddress }, "bot started");
  warnOfStandIns(config, overrides, logger);
  warnIfCalendarRunsOut((overrides.clock ?? systemClock).now(), logger);
  scheduled.start(overrides.scheduleIntervalMs ?? 60_000);
  // In the background, once in all: never in the way of the start or of readiness.
  const masking = startMasking?.();

  let stopping: Promise<void> | undefined;
  let stopRequested: () => void = () => {};
  const requested = new Promise<void>((resolve) => {
    stopRequested = resolve;
  });
  const stop = () => {
    stopping ??= (async () => {
      stopRequested();
      // First, so the load balancer sends nothing more while the rest drains.
      draining = true;
      prober?.stop();
      webhookSetter?.stop();
      const deadline = Date.now() + (overrides.drainMs ?? 25_000);
      const left = () => Math.max(0, deadline - Date.now());
      // All under one deadline: the updates in hand, the round of scheduled work, the masking step in hand.
      await Promise.all([
        intake.stop(left()),
        withinTime(scheduled.stop(), left()),
        // Its progress is kept: another instance (or the next start) goes on from there.
        ...(masking ? [withinTime(masking.stop(), left())] : []),
      ]);
      // Whatever still holds a connection after the deadline is cut.
      const closing = http.close();
      setTimeout(() => http.server.closeAllConnections(), left()).unref();
      await closing;
      await db.close();
    })();
    return stopping;
  };
  const finished = (async () => {
    try {
      await Promise.race([intake.task, requested]);
    } catch (error) {
      await stop();
      throw explainTelegramFailure(error, config.telegramApiRoot);
    }
    await stopping;
  })();
  return {
    finished,
    stop,
    httpAddress,
    database: db,
    runScheduledWork: () => scheduled.run(),
    staffGroupMasked: masking?.done ?? Promise.resolve(),
  };
}

type WebhookSetter = { first: Promise<void>; isSet(): boolean; stop(): void };

/**
 * setWebhook at start, and again every minute until Telegram takes it: a Bot
 * API server that is away at start must not stop an instance that can serve
 * (updates may reach it through the other instances' webhook). A rejected
 * token still stops the start.
 */
function keepWebhookSet(api: Api, webhook: NonNullable<Config["webhook"]>, logger: Logger): WebhookSetter {
  let set = false;
  let timer: NodeJS.Timeout | undefined;
  const attempt = async (): Promise<void> => {
    try {
      await api.setWebhook(webhook.url, {
        secret_token: webhook.secret,
        allowed_updates: [...ALLOWED_UPDATES],
        max_connections: webhook.maxConnections,
      });
      set = true;
    } catch (error) {
      if (error instanceof GrammyError && error.error_code === 401) throw explainTelegramFailure(error, "");
      logger.warn({ err: describeError(error) }, "could not set the webhook; trying again in a minute");
      timer = setTimeout(() => void attempt().catch(() => undefined), 60_000);
      timer.unref();
    }
  };
  return { first: attempt(), isSet: () => set, stop: () => clearTimeout(timer) };
}

type Intake = { task: Promise<void>; stop(drainMs: number): Promise<void> };

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

/** Waits for `work` at most `ms`; it goes on unwatched after that. */
function withinTime(work: Promise<unknown>, ms: number): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
