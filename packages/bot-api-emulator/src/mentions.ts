import type { MessageEntity } from "./types.ts";
import type { World } from "./world.ts";

/** <a href="tg://user?id=…"> becomes a text_mention carrying the user, as Telegram fills it in. */
export function withMentionedUsers(world: World, entities: MessageEntity[]): MessageEntity[] {
  return entities.map((entity) => {
    if (entity.type !== "text_mention" || !entity.user) return entity;
    const known = world.users.get(entity.user.id)?.user ?? world.bots.get(entity.user.id)?.user;
    return known ? { ...entity, user: known } : entity;
  });
}
