// Where the staff chat is. A basic group that becomes a supergroup (it grew,
// or an admin turned on a supergroup-only setting) gets a new id: Telegram
// says so with a service message (migrate_to_chat_id / migrate_from_chat_id)
// and answers 400 with parameters.migrate_to_chat_id to whoever still writes
// to the old id. The bot then follows the new id, stores it (so every
// instance, and the next start, uses it while STAFF_CHAT_ID still names the
// old one), and sends what it meant for the old id to the new one.
import type { Transformer } from "grammy";
import type { Logger } from "../../logger.ts";
import type { Services } from "../../services/index.ts";

/** How often an update from an unknown group makes the address look in the database (another instance may have moved it). */
const REFRESH_MS = 30_000;

export type StaffChatAddress = ReturnType<typeof createStaffChatAddress>;

export function createStaffChatAddress(deps: { configuredId: number; services: Services; logger: Logger }) {
  const { services, logger } = deps;
  let current = deps.configuredId;
  const former = new Set<number>();
  let refreshedAt = 0;

  const follow = (to: number) => {
    if (to === current) return;
    former.add(current);
    current = to;
  };

  return {
    /** The staff chat's id now. */
    get id(): number {
      return current;
    },

    /** A chat id the staff chat had before it moved. */
    isFormer: (chatId: number): boolean => former.has(chatId),

    /** Reads where the chat is from the database (at start, and when another instance may have moved it). */
    async refresh(): Promise<void> {
      refreshedAt = Date.now();
      const stored = await services.staffChat.currentId(deps.configuredId);
      if (stored !== current) {
        former.add(deps.configuredId);
        follow(stored);
      }
    },

    /** Whether this chat is the staff chat, looking again in the database at most every 30 s for an unknown group. */
    async isStaffChat(chatId: number): Promise<boolean> {
      if (chatId === current) return true;
      if (chatId > 0 || former.has(chatId) || Date.now() - refreshedAt < REFRESH_MS) return false;
      await this.refresh().catch(() => undefined);
      return chatId === current;
    },

    /** Telegram says the chat `from` is `to` now: follows it when `from` is (or was) the staff chat. */
    async moved(from: number, to: number): Promise<boolean> {
      if (from !== current && !former.has(from)) return false;
      if (to !== current) {
        follow(to);
        const moved = await services.staffChat.migrate(from, to);
        // Chat ids of the operators' group; nothing about a person.
        logger.warn(
          { from, to, ...(moved ?? {}) },
          "the staff chat became a supergroup; following its new id (STAFF_CHAT_ID may be updated to it)",
        );
      }
      return true;
    },
  };
}

/**
 * For an API: a call to the staff chat's former id goes to its current one,
 * and a 400 with migrate_to_chat_id about the staff chat is followed and the
 * call made again to the new id.
 */
export function followStaffChat(address: StaffChatAddress): Transformer {
  return async (prev, method, payload, signal) => {
    const chatId = (payload as { chat_id?: unknown }).chat_id;
    if (typeof chatId !== "number") return prev(method, payload, signal);
    const target = address.isFormer(chatId) ? address.id : chatId;
    const result = await prev(method, target === chatId ? payload : { ...payload, chat_id: target }, signal);
    const to = result.ok ? undefined : result.parameters?.migrate_to_chat_id;
    if (to === undefined || !(await address.moved(target, to))) return result;
    return prev(method, { ...payload, chat_id: to }, signal);
  };
}
