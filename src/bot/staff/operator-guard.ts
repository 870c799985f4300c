// Who may act in the staff chat: members of that chat (asked from Telegram
// with getChatMember when they act, remembered for at most a minute), and,
// when OPERATOR_IDS is set, only those among them.
import type { Api } from "grammy";
import type { Clock } from "../../services/clock.ts";

const CACHE_MS = 60_000;
const memberStatuses = new Set(["creator", "administrator", "member"]);

export type OperatorGuard = { isOperator(userId: number): Promise<boolean> };

export function createOperatorGuard(deps: {
  api: Api;
  staffChatId: number;
  operatorIds: number[] | undefined;
  clock: Clock;
}): OperatorGuard {
  const cache = new Map<number, { operator: boolean; at: number }>();
  return {
    async isOperator(userId) {
      if (deps.operatorIds && !deps.operatorIds.includes(userId)) return false;
      const now = deps.clock.now().getTime();
      const cached = cache.get(userId);
      if (cached && now - cached.at < CACHE_MS) return cached.operator;
      // A failed lookup is not remembered: a real operator must not be locked out for a minute.
      const member = await deps.api.getChatMember(deps.staffChatId, userId).catch(() => undefined);
      if (!member) return false;
      const operator = memberStatuses.has(member.status) || (member.status === "restricted" && member.is_member);
      cache.set(userId, { operator, at: now });
      return operator;
    },
  };
}
