// Start-up in one place, used by main.ts and by the end-to-end tests: storage
// with migrations, then the bot, then long polling. Returns a handle to stop.
import { type RunnerHandle, run } from "@grammyjs/runner";
import { GrammyError, HttpError } from "grammy";
import { createBot } from "./bot/create-bot.ts";
import { registerCommandMenus } from "./bot/commands.ts";
import { createTranslator } from "./bot/i18n.ts";
import type { Config } from "./config.ts";
import { openDatabase } from "./db/database.ts";
import type { Logger } from "./logger.ts";
import { createServices } from "./services/index.ts";

export type RunningApp = {
  /** Settles when polling ends: resolves on stop(), rejects when Telegram refuses us (401, 409). */
  finished: Promise<void>;
  stop(): Promise<void>;
};

/** A failure the operator can fix, worth one clear log line and not a stack trace. */
export class StartupError extends Error {
  override name = "StartupError";
}

export async function startApp(config: Config, logger: Logger): Promise<RunningApp> {
  const db = await openDatabase(config.database, {
    onConnectionError: (error) => logger.warn({ err: { message: error.message } }, "database connection lost; reconnecting"),
  });
  logger.info({ storage: db.kind, appliedMigrations: db.appliedMigrations }, "storage ready");

  const translator = await createTranslator();
  const bot = createBot({
    token: config.botToken,
    apiRoot: config.telegramApiRoot,
    services: createServices(db.prisma),
    translator,
    logger,
  });

  let runner: RunnerHandle | undefined;
  try {
    // Not bot.init(): it retries network errors without end, and a wrong
    // API root must fail the start with a clear line instead.
    bot.botInfo = await bot.api.getMe().catch((error: unknown) => {
      throw explainTelegramFailure(error, config.telegramApiRoot);
    });
    await registerCommandMenus(bot.api, translator);
    runner = run(bot, { runner: { fetch: { allowed_updates: ["message", "callback_query", "my_chat_member"] } } });
  } catch (error) {
    await db.close();
    throw error;
  }
  logger.info({ bot: bot.botInfo.username }, "polling for updates");

  const handle = runner;
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      if (handle.isRunning()) await handle.stop();
      await db.close();
    })();
    return stopping;
  };
  const finished = (async () => {
    try {
      await handle.task();
    } catch (error) {
      await stop();
      throw explainTelegramFailure(error, config.telegramApiRoot);
    }
  })();
  return { finished, stop };
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
