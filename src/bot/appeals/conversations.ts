// The conversations of the administrative procedure: an appeal, putting one
// right, and a complaint. The staff chat hears of each after the person has
// their receipt (a failed post is repeated by the scheduler).
import { createConversation } from "@grammyjs/conversations";
import { Composer } from "grammy";
import type { Services } from "../../services/index.ts";
import type { BotContext } from "../context.ts";
import type { Translator } from "../i18n.ts";
import type { StaffDesk } from "../staff/staff-desk.ts";
import {
  APPEAL_CONVERSATION,
  APPEAL_FIX_CONVERSATION,
  appealConversation,
  appealFixConversation,
} from "./appeal-conversation.ts";
import { COMPLAINT_CONVERSATION, complaintConversation } from "./complaint-conversation.ts";

export function appealConversations(deps: {
  services: Services;
  translator: Translator;
  desk: StaffDesk | undefined;
}): Composer<BotContext> {
  const { services, translator, desk } = deps;
  const composer = new Composer<BotContext>();
  composer.use(
    createConversation(appealConversation({ services, translator, onFiled: async (id) => desk?.postAppeal(id) }), {
      id: APPEAL_CONVERSATION,
    }),
  );
  composer.use(
    createConversation(
      appealFixConversation({ services, translator, onFixed: async (id) => desk?.appealPutRight(id) }),
      { id: APPEAL_FIX_CONVERSATION },
    ),
  );
  composer.use(
    createConversation(
      complaintConversation({ services, translator, onFiled: async (id) => desk?.postComplaint(id) }),
      { id: COMPLAINT_CONVERSATION },
    ),
  );
  return composer;
}
