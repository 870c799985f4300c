import type { BotAccount } from "./bot-account.ts";
import { leadingCommand } from "./command-entities.ts";
import type { BotGroupStatus } from "./group-record.ts";
import type { Message } from "./types.ts";

/**
 * Privacy mode: a bot that is a plain member and cannot read all group messages only gets
 * commands (to it or to no bot in particular), replies to its own messages and mentions.
 * Administrators get everything.
 */
export function botSeesGroupMessage(bot: BotAccount, status: BotGroupStatus, message: Message): boolean {
  if (status === "administrator" || bot.user.can_read_all_group_messages) return true;
  const username = (bot.user.username ?? "").toLowerCase();
  const text = message.text ?? message.caption ?? "";
  const command = leadingCommand(text);
  if (command) return command.bot === undefined || command.bot.toLowerCase() === username;
  if (message.reply_to_message?.from?.id === bot.id) return true;
  return username !== "" && text.toLowerCase().includes(`@${username}`);
}
