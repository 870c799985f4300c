import type { BotAccount } from "./bot-account.ts";
import type { Params } from "./params.ts";
import type { World } from "./world.ts";

/** What a Bot API method implementation gets for one call. */
export interface MethodContext {
  readonly world: World;
  readonly bot: BotAccount;
  readonly params: Params;
  /** Aborted when the bot drops the connection (e.g. grammY's bot.stop() during a long poll). */
  readonly signal: AbortSignal;
}

export type MethodHandler = (context: MethodContext) => unknown;
