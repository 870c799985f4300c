// Builds the bot without starting it: app.ts starts it with long polling,
// tests build the very same bot against the Bot API emulator.
import { sequentialize } from "@grammyjs/runner";
import { Bot } from "grammy";
import { describeError, type Logger } from "../logger.ts";
import type { Services } from "../services/index.ts";
import type { BotContext } from "./context.ts";
import { errorHandler } from "./error-boundary.ts";
import { cancelFeature } from "./features/cancel.ts";
import { fallbackFeature } from "./features/fallback.ts";
import { helpFeature } from "./features/help.ts";
import { languageFeature } from "./features/language.ts";
import { createConversation } from "@grammyjs/conversations";
import { APPEAL_CONVERSATION, APPEAL_FIX_CONVERSATION, appealConversation, appealFixConversation } from "./appeals/appeal-conversation.ts";
import { COMPLAINT_CONVERSATION, complaintConversation } from "./appeals/complaint-conversation.ts";
import { appealFeature } from "./features/appeal.ts";
import { operatorFeature } from "./features/operator.ts";
import { staffChatFeature } from "./features/staff-chat.ts";
import { statusFeature } from "./features/status.ts";
import type { Translator } from "./i18n.ts";
import { languageMiddleware } from "./middleware/language.ts";
import { enterPendingConversation } from "./middleware/pending-conversation.ts";
import { updateDeadline } from "./middleware/update-deadline.ts";
import { registrationFlow } from "./registration/flow.ts";
import { createOperatorGuard } from "./staff/operator-guard.ts";
import { createStaffDesk, type StaffDesk } from "./staff/staff-desk.ts";
import { retryTemporaryFailures } from "./telegram-retry.ts";
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

  // One update at a time per chat (answers stay in order), chats in parallel.
  bot.use(sequentialize((ctx) => ctx.chat?.id.toString() ?? ctx.from?.id.toString()));
  bot.use(languageMiddleware(services.languagePreference, translator));

  const desk = deps.staff ? createStaffDesk({ api: bot.api, staffChatId: deps.staff.chatId, translator, services, logger }) : undefined;
  const flow = registrationFlow({
    services,
    translator,
    onSubmitted: async (applicationId) => {
      await desk?.postApplication(applicationId);
    },
  });
  const guarded = bot.errorBoundary(errorHandler(logger)).use(updateDeadline({ timeoutMs: deps.updateTimeoutMs, logger }));
  // Must come before the conversations plugin: it reads the chat's place in
  // the form that the plugin's state is part of, and stores both at the end.
  guarded.use(turnMiddleware({ states: services.conversationStates, logger }));
  guarded.use(flow.plugin);
  if (desk && deps.staff) {
    const guard = createOperatorGuard({ api: bot.api, staffChatId: deps.staff.chatId, operatorIds: deps.staff.operatorIds, clock: services.clock });
    guarded.use(staffChatFeature({ desk, guard, services, translator, logger, sendReminders: deps.sendReminders }));
  }
  // Commands work at any step, outside the form's conversations.
  guarded.use(languageFeature(services, translator));
  guarded.use(cancelFeature(services));
  guarded.use(helpFeature());
  guarded.use(statusFeature(services));
  guarded.use(operatorFeature({ desk, services }));
  guarded.use(appealFeature(services, desk));
  // The person has their receipt already: a failed staff-chat post is only logged.
  const toStaff = (what: string, post: (staffDesk: StaffDesk, id: string) => Promise<void>) => async (id: string) => {
    if (!desk) return;
    await post(desk, id).catch((error: unknown) => logger.warn({ err: describeError(error) }, `could not update the staff chat about ${what}`));
  };
  const onAppealFiled = toStaff("an appeal", (staffDesk, id) => staffDesk.postAppeal(id));
  const onAppealFixed = toStaff("an appeal", (staffDesk, id) => staffDesk.appealPutRight(id));
  const onComplaintFiled = toStaff("a complaint", (staffDesk, id) => staffDesk.postComplaint(id));
  guarded.use(createConversation(appealConversation({ services, translator, onFiled: onAppealFiled }), { id: APPEAL_CONVERSATION }));
  guarded.use(createConversation(appealFixConversation({ services, translator, onFixed: onAppealFixed }), { id: APPEAL_FIX_CONVERSATION }));
  guarded.use(createConversation(complaintConversation({ services, translator, onFiled: onComplaintFiled }), { id: COMPLAINT_CONVERSATION }));
  guarded.use(flow.sections);
  guarded.use(enterPendingConversation);
  guarded.use(flow.router);
  guarded.use(fallbackFeature());

  bot.catch(errorHandler(logger));
  return { bot, desk };
}
