import type { BotContext } from "../context.ts";
import { turnOf } from "./turn.ts";

/** Ends whatever form is on screen (a command took over): its conversations, and the question it awaited. */
export async function leaveForm(ctx: BotContext): Promise<void> {
  await ctx.conversation.exitAll();
  turnOf(ctx)?.clear();
}
