import type { User } from "grammy/types";
import type { Actor } from "../../domain/actor.ts";

/** An operator as the audit trail and the cards name them. */
export function actorOf(user: User): Actor {
  const name =
    [user.first_name, user.last_name].filter(Boolean).join(" ") ||
    (user.username ? `@${user.username}` : String(user.id));
  return { id: user.id, name };
}
