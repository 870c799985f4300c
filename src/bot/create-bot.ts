// Builds the bot without starting it: main.ts starts it with long polling,
// tests build the very same bot against the Bot API emulator.
import { autoRetry } from "@grammyjs/auto-retry";
import { sequentialize } from "@grammyjs/runner";
import { Bot } from "grammy";
import type { Logger } from "../logger.ts";
import type { Services } from "../services/index.ts";
import type { BotContext } from "./context.ts";
import { errorHandler } from "./error-boundary.ts";
import { fallbackFeature } from "./features/fallback.ts";
import { helpFeature } from "./features/help.ts";
import { languageFeature } from "./features/language.ts";
import type { Translator } from "./i18n.ts";
import { languageMiddleware } from "./middleware/language.ts";

export type BotDependencies = {
  token: string;
  apiRoot: string;
  services: Services;
  translator: Translator;
  logger: Logger;
};

export function createBot({ token, apiRoot, services, translator, logger }: BotDependencies): Bot<BotContext> {
  const bot = new Bot<BotContext>(token, { client: { apiRoot } });

  // Bounded: a call that still fails after this is reported, not retried
  // forever. Network errors are not retried here (auto-retry would retry them
  // without limit); polling has the runner's own back-off.
  bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 30, rethrowHttpErrors: true }));

  // One update at a time per chat (answers stay in order), chats in parallel.
  bot.use(sequentialize((ctx) => ctx.chat?.id.toString() ?? ctx.from?.id.toString()));
  bot.use(languageMiddleware(services.languagePreference, translator));

  bot.use(languageFeature(services.languagePreference, translator));
  bot.use(helpFeature());
  bot.use(fallbackFeature());

  bot.catch(errorHandler(logger));
  return bot;
}
