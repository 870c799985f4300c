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
  /** The newest press per bot, user and chat: people under load ask for it after every Bot API call. */
  private readonly latest = new Map<string, CallbackQueryRecord>();
  private counter = 0;

  create(input: Omit<CallbackQueryRecord, "id" | "answer">): CallbackQueryRecord {
    this.counter++;
    // Real ids are decimal strings of a 64-bit number.
    const id = `${BigInt(input.userId) * 1_000_000n + BigInt(this.counter) + 4_000_000_000_000_000_000n}`;
    const record: CallbackQueryRecord = { ...input, id, answer: undefined };
    this.queries.set(id, record);
    this.latest.set(latestKey(input.botId, input.userId, input.chatId), record);
    return record;
  }

  get(id: string): CallbackQueryRecord | undefined {
    return this.queries.get(id);
  }

  latestFor(botId: number, userId: number, chatId: number): CallbackQueryRecord | undefined {
    return this.latest.get(latestKey(botId, userId, chatId));
  }
}

function latestKey(botId: number, userId: number, chatId: number): string {
  return `${botId}:${userId}:${chatId}`;
}
