/** What the bot answered to a button press (the toast or alert the user would see), in the API's terms. */
export interface CallbackAnswer {
  text?: string;
  show_alert: boolean;
  url?: string;
  cache_time: number;
}

export interface CallbackQueryRecord {
  readonly id: string;
  readonly botId: number;
  readonly userId: number;
  readonly chatId: number;
  readonly messageId: number;
  readonly data: string;
  answer: CallbackAnswer | undefined;
}

export class CallbackQueryStore {
  private readonly queries = new Map<string, CallbackQueryRecord>();
  private counter = 0;

  create(input: Omit<CallbackQueryRecord, "id" | "answer">): CallbackQueryRecord {
    this.counter++;
    // Real ids are decimal strings of a 64-bit number.
    const id = `${BigInt(input.userId) * 1_000_000n + BigInt(this.counter) + 4_000_000_000_000_000_000n}`;
    const record: CallbackQueryRecord = { ...input, id, answer: undefined };
    this.queries.set(id, record);
    return record;
  }

  get(id: string): CallbackQueryRecord | undefined {
    return this.queries.get(id);
  }

  latestFor(botId: number, userId: number, chatId: number): CallbackQueryRecord | undefined {
    const matching = [...this.queries.values()].filter(
      (query) => query.botId === botId && query.userId === userId && query.chatId === chatId,
    );
    return matching.at(-1);
  }
}
