// Builds the bot without starting it: app.ts starts it with long polling,
// tests build the very same bot against the Bot API emulator.
import { sequentialize } from "@grammyjs/runner";
import { Api, Bot, type MiddlewareFn } from "grammy";
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
import { webFormFeature } from "./features/web-form.ts";
import type { Translator } from "./i18n.ts";
import { splitLongMessages } from "./long-text.ts";
import { languageMiddleware } from "./middleware/language.ts";
import { enterPendingConversation } from "./middleware/pending-conversation.ts";
import { updateDeadline } from "./middleware/update-deadline.ts";
import { measureUpdates, type UpdateObserver } from "./middleware/update-metrics.ts";
import { registrationConversations, registrationRouter } from "./registration/flow.ts";
import { createDeskLinks } from "./staff/desk-links.ts";
import { createOperatorGuard } from "./staff/operator-guard.ts";
import { createStaffChatAddress, followStaffChat, type StaffChatAddress } from "./staff/staff-chat-address.ts";
import { createStaffDesk, type StaffDesk } from "./staff/staff-desk.ts";
import { recordAnswers, type TelegramPulse } from "./telegram-pulse.ts";
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
  staff: { chatId: number; operatorIds: number[] | undefined; appName?: string | undefined } | undefined;
  /** Webhook mode: the ledger and the cross-instance chat lock (src/bot/middleware/webhook-gate.ts). */
  gate?: MiddlewareFn<BotContext>;
  /** Told of every update handled (metrics). */
  observeUpdate?: UpdateObserver;
  /** Told of every answer from Telegram (readiness). */
  pulse?: TelegramPulse;
  /** The citizen's form as a Mini App (MINI_APP_URL/app/form/); unset: no form buttons. */
  formUrl?: string | undefined;
};

export type BuiltBot = {
  bot: Bot<BotContext>;
  desk: StaffDesk | undefined;
  /** Where the staff chat is; other APIs that write to it follow it too (followStaffChat). */
  staffChat: StaffChatAddress | undefined;
};

export function createBot(deps: BotDependencies): BuiltBot {
  const { services, translator, logger } = deps;
  const bot = new Bot<BotContext>(deps.token, { client: { apiRoot: deps.apiRoot } });

  if (deps.pulse) bot.api.config.use(recordAnswers(deps.pulse));
  if (deps.apiRetryBudgetMs > 0) bot.api.config.use(retryTemporaryFailures(deps.apiRetryBudgetMs));
  // After the retries: every message, a reply or the staff desk's, goes out in parts Telegram takes.
  bot.api.config.use(splitLongMessages());

  const staffChat = deps.staff
    ? createStaffChatAddress({ configuredId: deps.staff.chatId, services, logger })
    : undefined;
  // Last, so it is the outermost: a call is addressed to the staff chat's id now before anything else sees it.
  if (staffChat) bot.api.config.use(followStaffChat(staffChat));
  const deskLinks = createDeskLinks({
    appName: deps.staff?.appName,
    // Read when a link is made: bot.botInfo is set (getMe) before the first update or card.
    botUsername: () => bot.botInfo.username,
    starts: services.deskStarts,
  });
  const desk = staffChat
    ? createStaffDesk({ api: bot.api, address: staffChat, translator, services, logger, links: deskLinks })
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
    formUrl: deps.formUrl,
  };

  // The mount order, top to bottom.
  // Webhook mode: each update once, and its chat on one instance at a time.
  if (deps.gate) bot.use(deps.gate);
  // One update at a time per chat (answers stay in order), chats in parallel.
  bot.use(sequentialize((ctx) => ctx.chat?.id.toString() ?? ctx.from?.id.toString()));
  // Before anything that answers: every reply, an error's included, has a language.
  bot.use(languageMiddleware(services.languagePreference, translator));
  const guarded = bot.errorBoundary(errorHandler(logger));
  // First inside the boundary: it sees a failure before the boundary swallows it.
  if (deps.observeUpdate) guarded.use(measureUpdates(deps.observeUpdate));
  guarded.use(updateDeadline({ timeoutMs: deps.updateTimeoutMs, logger }));
  // Must come before the conversations plugin: it reads the chat's place in
  // the form that the plugin's state is part of, and stores both at the end.
  // Answered questions lose their buttons through a client of their own, without the retries (best effort).
  const retireKeyboard = keyboardRetirer(new Api(deps.token, { apiRoot: deps.apiRoot }), logger);
  guarded.use(turnMiddleware({ states: services.conversationStates, logger, retireKeyboard }));
  // Must come before every conversation and every use of ctx.conversation.
  guarded.use(conversationsPlugin());
  // The operators' group; private chats pass through.
  if (desk && guard && staffChat)
    guarded.use(
      staffChatFeature({
        desk,
        guard,
        address: staffChat,
        services,
        translator,
        logger,
        sendReminders: deps.sendReminders,
      }),
    );
  // Commands must come before the conversations, or an active form would take a command as its answer.
  guarded.use(languageFeature(services, translator, deps.formUrl));
  guarded.use(webFormFeature(services));
  guarded.use(cancelFeature(services));
  guarded.use(helpFeature(deps.formUrl));
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
  return { bot, desk, staffChat };
}
