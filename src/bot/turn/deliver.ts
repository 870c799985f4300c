// Sends queued actions in order through the bot's API (with its retries) and
// reports how far it got, so what did not go out stays pending.
import type { Api } from "grammy";
import type { Outgoing } from "./outgoing.ts";

export type Delivery = {
  /** How many actions went out, from the start. */
  sent: number;
  /** The message id of the last question sent, if one was. */
  promptMessageId: number | undefined;
  error: unknown;
};

export async function deliver(api: Api, chatId: number, actions: Outgoing[]): Promise<Delivery> {
  let promptMessageId: number | undefined;
  for (const [index, action] of actions.entries()) {
    try {
      const messageId = await perform(api, chatId, action);
      if (action.kind === "send" && action.question && messageId !== undefined) promptMessageId = messageId;
    } catch (error) {
      return { sent: index, promptMessageId, error };
    }
  }
  return { sent: actions.length, promptMessageId, error: undefined };
}

async function perform(api: Api, chatId: number, action: Outgoing): Promise<number | undefined> {
  switch (action.kind) {
    case "send": {
      const message = await api.sendMessage(
        chatId,
        action.text,
        action.markup ? { reply_markup: action.markup as never } : {},
      );
      return message.message_id;
    }
    case "edit_markup":
      // The keyboard may be gone already (edited twice, or too old to edit): nothing to repeat.
      await api
        .editMessageReplyMarkup(chatId, action.messageId, action.markup ? { reply_markup: action.markup as never } : {})
        .catch((error: unknown) => {
          if (!isHarmlessEditError(error)) throw error;
        });
      return undefined;
    case "answer_callback":
      // A callback answer matters only for a moment: it is never retried later.
      await api
        .answerCallbackQuery(action.callbackQueryId, action.text ? { text: action.text } : {})
        .catch(() => undefined);
      return undefined;
  }
}

function isHarmlessEditError(error: unknown): boolean {
  const { error_code: code, description } = error as { error_code?: number; description?: string };
  return (
    code === 400 &&
    typeof description === "string" &&
    /not modified|message to edit not found|can't be edited/i.test(description)
  );
}
