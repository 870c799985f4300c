// allowed_updates as the Bot API server reads it: a JSON array of type names; an array
// that names nothing known (including []) resets to the default; anything unparsable
// leaves the current setting alone. By default chat_member, message_reaction and
// message_reaction_count are not delivered.

export const ALL_UPDATE_TYPES = [
  "message",
  "edited_message",
  "channel_post",
  "edited_channel_post",
  "business_connection",
  "business_message",
  "edited_business_message",
  "deleted_business_messages",
  "message_reaction",
  "message_reaction_count",
  "inline_query",
  "chosen_inline_result",
  "callback_query",
  "shipping_query",
  "pre_checkout_query",
  "purchased_paid_media",
  "poll",
  "poll_answer",
  "my_chat_member",
  "chat_member",
  "chat_join_request",
  "chat_boost",
  "removed_chat_boost",
] as const;

const OFF_BY_DEFAULT = new Set(["chat_member", "message_reaction", "message_reaction_count"]);

export const DEFAULT_ALLOWED_UPDATES: ReadonlySet<string> = new Set(
  ALL_UPDATE_TYPES.filter((type) => !OFF_BY_DEFAULT.has(type)),
);

/** Returns the new set, or undefined when the argument does not change the setting. */
export function readAllowedUpdates(value: unknown): ReadonlySet<string> | undefined {
  const list = typeof value === "string" ? parseJson(value) : value;
  if (!Array.isArray(list)) return undefined;
  if (!list.every((item) => typeof item === "string")) return undefined;
  const known = new Set<string>(ALL_UPDATE_TYPES);
  const chosen = new Set(list.map((item: string) => item.toLowerCase()).filter((item) => known.has(item)));
  return chosen.size === 0 ? DEFAULT_ALLOWED_UPDATES : chosen;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
