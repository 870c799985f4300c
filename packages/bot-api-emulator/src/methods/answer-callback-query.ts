import { badRequest } from "../api-error.ts";
import type { CallbackAnswer } from "../callback-queries.ts";
import { TEXT } from "../error-texts.ts";
import type { MethodContext } from "../method-context.ts";

const MAX_ANSWER_LENGTH = 200;

export function answerCallbackQuery(context: MethodContext): true {
  const { world, bot, params } = context;
  const query = world.callbacks.get(params.string("callback_query_id") ?? "");
  // Telegram answers a query once; a second answer gets the same error as a stale id.
  if (!query || query.botId !== bot.id || query.answer) throw badRequest(TEXT.queryIdInvalid);
  const text = params.string("text");
  if (text !== undefined && [...text].length > MAX_ANSWER_LENGTH) throw badRequest(TEXT.callbackAnswerTooLong);
  const url = params.string("url");
  const answer: CallbackAnswer = {
    ...(text === undefined ? {} : { text }),
    show_alert: params.bool("show_alert"),
    ...(url === undefined ? {} : { url }),
    cache_time: params.int("cache_time", 0, 0, 30 * 24 * 60 * 60),
  };
  query.answer = answer;
  world.findConversation(bot.id, query.chatId)?.callbackAnswered(query.userId, answer);
  return true;
}
