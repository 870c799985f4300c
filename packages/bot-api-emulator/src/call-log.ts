import { Signal } from "./signal.ts";
import type { ApiResponse } from "./types.ts";

/** One Bot API request as the emulator answered it. */
export interface ApiCall {
  /** Increasing number, in the order the answers were sent. */
  readonly seq: number;
  /** The method name as the bot spelled it, e.g. "sendMessage". */
  readonly method: string;
  readonly botId: number;
  readonly botUsername: string;
  readonly params: Readonly<Record<string, unknown>>;
  /** When the request arrived (ms since the epoch). */
  readonly time: number;
  readonly durationMs: number;
  /** The chat the call acted on, when it names one (chat_id, or a callback query's chat). */
  readonly chatId: number | undefined;
  readonly status: number;
  readonly ok: boolean;
  readonly response: ApiResponse;
}

export type ApiCallInput = Omit<ApiCall, "seq">;

export class CallLog {
  private readonly entries: ApiCall[] = [];
  readonly added = new Signal<ApiCall>();

  get all(): readonly ApiCall[] {
    return this.entries;
  }

  get lastSeq(): number {
    return this.entries.length;
  }

  record(input: ApiCallInput): ApiCall {
    const call: ApiCall = { ...input, seq: this.entries.length + 1 };
    this.entries.push(call);
    this.added.emit(call);
    return call;
  }

  /** Method names are case-insensitive in the Bot API, so are they here. */
  to(method: string): ApiCall[] {
    const wanted = method.toLowerCase();
    return this.entries.filter((call) => call.method.toLowerCase() === wanted);
  }
}
