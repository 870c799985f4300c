import { ApiError } from "./api-error.ts";
import type { BotAccount } from "./bot-account.ts";
import { chatIdFrom } from "./chat-access.ts";
import { findMethod } from "./method-table.ts";
import type { Params } from "./params.ts";
import type { ApiResponse } from "./types.ts";
import type { World } from "./world.ts";

export interface ApiRequest {
  token: string;
  method: string;
  params: Params;
  signal: AbortSignal;
}

export interface ApiAnswer {
  status: number;
  response: ApiResponse;
}

/** Runs one Bot API call: authentication, method lookup, injected faults, the method, the log. */
export async function dispatch(world: World, request: ApiRequest): Promise<ApiAnswer> {
  const started = Date.now();
  const bot = world.botByToken(request.token);
  const answer = await answerFor(world, bot, request);
  world.calls.record({
    method: request.method,
    botId: bot?.id ?? 0,
    botUsername: bot?.user.username ?? "",
    params: request.params.toRecord(),
    time: started,
    durationMs: Date.now() - started,
    chatId: bot ? targetChatOf(world, request) : undefined,
    status: answer.status,
    ok: answer.response.ok,
    response: answer.response,
  });
  return answer;
}

async function answerFor(world: World, bot: BotAccount | undefined, request: ApiRequest): Promise<ApiAnswer> {
  if (!bot) return failure(new ApiError(401, "Unauthorized"));
  const handler = findMethod(request.method);
  if (!handler) return failure(new ApiError(404, "Not Found"));
  const fault = world.faults.take(request.method, chatIdFrom(world, request.params.string("chat_id")));
  if (fault) return failure(fault);
  try {
    const result = await handler({ world, bot, params: request.params, signal: request.signal });
    return { status: 200, response: { ok: true, result } };
  } catch (error) {
    if (error instanceof ApiError) return failure(error);
    // An emulator bug must not look like a Telegram answer the bot could handle.
    console.error(`[bot-api-emulator] ${request.method} crashed:`, error);
    return failure(new ApiError(500, `Internal Server Error: emulator crashed in ${request.method}: ${String(error)}`));
  }
}

function failure(error: ApiError): ApiAnswer {
  return { status: error.errorCode, response: error.toResponse() };
}

function targetChatOf(world: World, request: ApiRequest): number | undefined {
  if (request.method.toLowerCase() === "answercallbackquery") {
    return world.callbacks.get(request.params.string("callback_query_id") ?? "")?.chatId;
  }
  return chatIdFrom(world, request.params.string("chat_id"));
}
