import type { MessageEntity } from "./types.ts";

// Telegram marks every "/command" or "/command@botname" that starts the text or follows
// whitespace; the entity covers the @botname suffix too.
const COMMAND = /(^|\s)(\/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?)(?=$|[\s.,!?;:)])/g;

export function botCommandEntities(text: string): MessageEntity[] {
  const entities: MessageEntity[] = [];
  for (const match of text.matchAll(COMMAND)) {
    const prefix = match[1] ?? "";
    const command = match[2] ?? "";
    entities.push({ type: "bot_command", offset: (match.index ?? 0) + prefix.length, length: command.length });
  }
  return entities;
}

/** The command a text starts with and the bot it names, e.g. "/start@my_bot x" → { name: "start", bot: "my_bot" }. */
export function leadingCommand(text: string): { name: string; bot: string | undefined } | undefined {
  const match = /^\/([A-Za-z0-9_]{1,64})(?:@([A-Za-z0-9_]{3,32}))?(?=$|\s)/.exec(text);
  return match ? { name: match[1] as string, bot: match[2] } : undefined;
}
