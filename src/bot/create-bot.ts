// Builds the bot without starting it: app.ts starts it with long polling,
// tests build the very same bot against the Bot API emulator.
import { sequentialize } from "@grammyjs/runner";
import { Api, Bot } from "grammy";
import type { Logger } from "../logger.ts";
import type { Services } from "../services/index.ts";
import { appealConversations } from "./appeals/conversations.ts";
import type { BotContext } from "./context.ts";
import { conversationsPlugin } from "./conversations.ts";
import { errorHandler } from "./error-boundary.ts";
import { appealFeature } from "./features/appeal.ts";
import { cancelFeature } from "./features/cancel.ts";
import { fallbackFeature } from "./features/fallback.ts";
import { helpFeature } from "./features/help.ts";
import { languageFeature } from "./features/language.ts";
import { myDataFeature } from "./features/my-data.ts";
import { operatorFeature } from "./features/operator.ts";
import { staffChatFeature } from "./features/staff-chat.ts";
import { statusFeature } from "./features/status.ts";
import type { Translator } from "./i18n.ts";
import { languageMiddleware } from "./middleware/language.ts";
import { enterPendingConversation } from "./middleware/pending-conversation.ts";
import { updateDeadline } from "./middleware/update-deadline.ts";
import { registrationConversations, registrationRouter } from "./registration/flow.ts";
import { createOperatorGuard } from "./staff/operator-guard.ts";
import { createStaffDesk, type StaffDesk } from "./staff/staff-desk.ts";
import { retryTemporaryFailures } from "./telegram-retry.ts";
import { keyboardRetirer } from "./turn/retire-keyboard.ts";
import { turnMiddleware } from "./turn/turn-middleware.ts";

export type BotDependencies = {
  token: string;
  apiRoot: string;
  services: Services;
  translator: Translator;
  logger: Logger;
  /** How long one update may hold its chat before it is given up. */
  updateTimeoutMs: number;
  /** How long a Bot API call that got 429, 5xx or a network error is retried (0: not at all). */
  apiRetryBudgetMs: number;
  /** Asks for due reminders to be sent now (a decision was just stored). */
  sendReminders(): void;
  /** The operators' group; without it the staff side is off. */
  staff: { chatId: number; operatorIds: number[] | undefined } | undefined;
};

export type BuiltBot = { bot: Bot<BotContext>; desk: StaffDesk | undefined };

export function createBot(deps: BotDependencies): BuiltBot {
  const { services, translator, logger } = deps;
  const bot = new Bot<BotContext>(deps.token, { client: { apiRoot: deps.apiRoot } });

  if (deps.apiRetryBudgetMs > 0) bot.api.config.use(retryTemporaryFailures(deps.apiRetryBudgetMs));

  const desk = deps.staff
    ? createStaffDesk({ api: bot.api, staffChatId: deps.staff.chatId, translator, services, logger })
    : undefined;
  const guard =
    deps.staff &&
    createOperatorGuard({
      api: bot.api,
      staffChatId: deps.staff.chatId,
      operatorIds: deps.staff.operatorIds,
      clock: services.clock,
    });
  const flow = {
    services,
    translator,
    onSubmitted: async (applicationId: string) => desk?.postApplication(applicationId),
  };

  // The mount order, top to bottom.
  // One update at a time per chat (answers stay in order), chats in parallel.
  bot.use(sequentialize((ctx) => ctx.chat?.id.toString() ?? ctx.from?.id.toString()));
  // Before anything that answers: every reply, an error's included, has a language.
  bot.use(languageMiddleware(services.languagePreference, translator));
  const guarded = bot.errorBoundary(errorHandler(logger));
  guarded.use(updateDeadline({ timeoutMs: deps.updateTimeoutMs, logger }));
  // Must come before the conversations plugin: it reads the chat's place in
  // the form that the plugin's state is part of, and stores both at the end.
  // Answered questions lose their buttons through a client of their own, without the retries (best effort).
  const retireKeyboard = keyboardRetirer(new Api(deps.token, { apiRoot: deps.apiRoot }), logger);
  guarded.use(turnMiddleware({ states: services.conversationStates, logger, retireKeyboard }));
  // Must come before every conversation and every use of ctx.conversation.
  guarded.use(conversationsPlugin());
  // The operators' group; private chats pass through.
  if (desk && guard)
    guarded.use(staffChatFeature({ desk, guard, services, translator, logger, sendReminders: deps.sendReminders }));
  // Commands must come before the conversations, or an active form would take a command as its answer.
  guarded.use(languageFeature(services, translator));
  guarded.use(cancelFeature(services));
  guarded.use(helpFeature());
  guarded.use(statusFeature(services));
  guarded.use(myDataFeature(services, desk));
  guarded.use(operatorFeature({ desk, services }));
  guarded.use(appealFeature(services, desk));
  // The forms.
  guarded.use(registrationConversations(flow));
  guarded.use(appealConversations({ services, translator, desk }));
  // After every conversation: enters the one a command above asked for.
  guarded.use(enterPendingConversation);
  // After the conversations: a person answering the first question of their section.
  guarded.use(registrationRouter(flow));
  // Must be the last: whatever nothing handled.
  guarded.use(fallbackFeature());

  bot.catch(errorHandler(logger));
  return { bot, desk };
}
