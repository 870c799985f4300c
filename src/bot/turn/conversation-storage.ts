// The conversations plugin keeps its state in the turn rather than in a
// storage of its own: the turn middleware read it with everything else the
// chat needs, and writes it together with the turn's messages (turn.ts).
import type { VersionedState, VersionedStateStorage } from "@grammyjs/conversations";
import type { Context } from "grammy";
import { turnOf } from "./turn.ts";

export function conversationStateInTurn(): VersionedStateStorage<Context, unknown> {
  return {
    read: (ctx) => turnOf(ctx)?.storedConversations as VersionedState<unknown> | undefined,
    write: (ctx, state) => requireTurn(ctx).setConversations(state),
    delete: (ctx) => requireTurn(ctx).setConversations(null),
  };
}

function requireTurn(ctx: Context) {
  const turn = turnOf(ctx);
  // Conversations run in private chats only, where the turn middleware is installed.
  if (!turn) throw new Error(`a conversation outside a private chat (update ${ctx.update.update_id})`);
  return turn;
}
