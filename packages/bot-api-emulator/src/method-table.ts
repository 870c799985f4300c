import type { MethodHandler } from "./method-context.ts";
import { answerCallbackQuery } from "./methods/answer-callback-query.ts";
import {
  getChatMenuButton,
  getMe,
  getMyDescription,
  getMyShortDescription,
  setChatMenuButton,
  setMyDescription,
  setMyShortDescription,
} from "./methods/bot-profile.ts";
import { getChat, getChatMember } from "./methods/chat-info.ts";
import { deleteMessage } from "./methods/delete-message.ts";
import { editMessageCaption, editMessageReplyMarkup, editMessageText } from "./methods/edit-message.ts";
import { getFile } from "./methods/get-file.ts";
import { deleteMyCommands, getMyCommands, setMyCommands } from "./methods/my-commands.ts";
import { sendChatAction } from "./methods/send-chat-action.ts";
import { sendDocument, sendPhoto } from "./methods/send-media.ts";
import { sendMessage } from "./methods/send-message.ts";
import { deleteWebhook, getUpdates, getWebhookInfo, setWebhook } from "./methods/updates.ts";

const HANDLERS: Record<string, MethodHandler> = {
  getMe,
  logOut: () => true,
  close: () => true,
  getUpdates,
  setWebhook,
  deleteWebhook,
  getWebhookInfo,
  sendMessage,
  editMessageText,
  editMessageCaption,
  editMessageReplyMarkup,
  deleteMessage,
  answerCallbackQuery,
  sendChatAction,
  sendDocument,
  sendPhoto,
  getFile,
  setMyCommands,
  getMyCommands,
  deleteMyCommands,
  getChat,
  getChatMember,
  setChatMenuButton,
  getChatMenuButton,
  setMyDescription,
  getMyDescription,
  setMyShortDescription,
  getMyShortDescription,
};

// Method names are case-insensitive in the Bot API ("sendmessage" works too).
const BY_LOWER_NAME = new Map(Object.entries(HANDLERS).map(([name, handler]) => [name.toLowerCase(), handler]));

export function findMethod(name: string): MethodHandler | undefined {
  return BY_LOWER_NAME.get(name.toLowerCase());
}

export const SUPPORTED_METHODS: readonly string[] = Object.keys(HANDLERS);
