// An in-process Telegram Bot API emulator for end-to-end tests of a bot, and test users to drive it.

export type { NewBot } from "./bot-account.ts";
export type { ApiCall } from "./call-log.ts";
export type { CallbackAnswer } from "./callback-queries.ts";
export type { PressOptions, SendOptions } from "./chat-session.ts";
export { ChatSession } from "./chat-session.ts";
export type { ChatChange } from "./conversation.ts";
export type { EmulatorOptions, NewGroup, NewTestUser } from "./emulator.ts";
export { Emulator, startEmulator } from "./emulator.ts";
export { TEXT as TELEGRAM_ERROR_TEXTS } from "./error-texts.ts";
export type { FaultOptions, FlakinessOptions } from "./faults.ts";
export type { StoredFile } from "./file-store.ts";
export { GroupChatSession } from "./group-session.ts";
export { SUPPORTED_METHODS } from "./method-table.ts";
export { TestBot } from "./test-bot.ts";
export { TestGroup } from "./test-group.ts";
export { TestUser } from "./test-user.ts";
export type * from "./types.ts";
export type { NewUser } from "./user-account.ts";
export type { ContactInput, DocumentInput, PhotoInput, StickerInput, VoiceInput } from "./user-content.ts";
export type { WebhookAttempt } from "./webhook-attempt.ts";
