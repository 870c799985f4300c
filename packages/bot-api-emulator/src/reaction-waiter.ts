import type { ApiCall } from "./call-log.ts";
import type { Conversation } from "./conversation.ts";
import type { Message } from "./types.ts";
import type { UpdateQueue } from "./update-queue.ts";
import type { World } from "./world.ts";

/** Calls that count as the bot answering in a chat. */
const REACTIONS = new Set([
  "sendmessage",
  "senddocument",
  "sendphoto",
  "editmessagetext",
  "editmessagecaption",
  "editmessagereplymarkup",
  "deletemessage",
  "answercallbackquery",
]);

export interface ReactionWait {
  botId: number;
  conversation: Conversation;
  queue: UpdateQueue;
  updateId: number;
  quietMs: number;
  timeoutMs: number;
  /** e.g. `Alice sent "/start"`, used in the error message. */
  describe: string;
}

/**
 * Resolves once the bot has answered in the chat and then stayed silent for `quietMs`:
 * at least one successful reaction (a message sent, edited or deleted, or a callback
 * answered) after the update was posted. Any later call on that chat — typing, a failed
 * send — restarts the quiet period. Resolves with the bot's messages touched meanwhile, as
 * they look at the end (deleted ones left out).
 */
export function waitForReaction(world: World, wait: ReactionWait): Promise<Message[]> {
  return new Promise<Message[]>((resolve, reject) => {
    const touched: number[] = [];
    const failures: ApiCall[] = [];
    let answered = false;
    let quietTimer: NodeJS.Timeout | undefined;
    const chatId = wait.conversation.chat.id;

    const finish = (): void => {
      cleanup();
      const messages = touched.map((id) => wait.conversation.get(id)).filter((message) => message !== undefined);
      resolve(messages);
    };
    const fail = (): void => {
      cleanup();
      reject(new Error(timeoutMessage(world, wait, failures)));
    };
    const onCall = (call: ApiCall): void => {
      if (call.botId !== wait.botId) return;
      // Failures elsewhere (a wrong chat_id) explain a missing answer too.
      if (!call.ok && call.method.toLowerCase() !== "getupdates") failures.push(call);
      if (call.chatId !== chatId) return;
      if (call.ok && REACTIONS.has(call.method.toLowerCase())) {
        answered = true;
        const id = messageIdOf(call);
        if (id !== undefined && !touched.includes(id)) touched.push(id);
      }
      if (!answered) return;
      clearTimeout(quietTimer);
      quietTimer = setTimeout(finish, wait.quietMs);
    };
    const unsubscribe = world.calls.added.on(onCall);
    // A bot that never falls silent still gets its answer returned once the time is up.
    const deadline = setTimeout(() => (answered ? finish() : fail()), wait.timeoutMs);
    const cleanup = (): void => {
      unsubscribe();
      clearTimeout(quietTimer);
      clearTimeout(deadline);
    };
  });
}

function messageIdOf(call: ApiCall): number | undefined {
  if (!call.response.ok) return undefined;
  const result = call.response.result as Partial<Message> | true;
  return typeof result === "object" && typeof result.message_id === "number" ? result.message_id : undefined;
}

function timeoutMessage(world: World, wait: ReactionWait, failures: ApiCall[]): string {
  const lines = [`${wait.describe}, but the bot did not answer within ${wait.timeoutMs} ms.`];
  const webhook = world.bots.get(wait.botId)?.webhook;
  if (webhook && !wait.queue.isDelivered(wait.updateId)) {
    lines.push(`The webhook ${webhook.url} did not confirm the update.${lastAttemptOf(world, wait)}`);
  } else if (!wait.queue.isDelivered(wait.updateId)) {
    lines.push(
      "The update was never fetched: is the bot polling this emulator (bot.start() or run(bot) with client.apiRoot)?",
    );
  } else {
    lines.push(
      `The update was ${webhook ? "confirmed by the webhook" : "fetched by getUpdates"}, but no message was sent, edited or deleted and no callback was answered in that chat.`,
    );
  }
  for (const call of failures) {
    const description = call.response.ok ? "" : ` ${call.response.error_code} ${call.response.description}`;
    const where = call.chatId === undefined ? "" : ` (chat ${call.chatId})`;
    lines.push(`Failed call meanwhile: ${call.method}${where} →${description}`);
  }
  return lines.join("\n");
}

function lastAttemptOf(world: World, wait: ReactionWait): string {
  const attempt = world.webhooks.attemptsOf(wait.botId).findLast((candidate) => candidate.updateId === wait.updateId);
  if (!attempt) return " It was not sent yet.";
  return attempt.ok ? "" : ` Last attempt: ${attempt.error}.`;
}

/** For updates posted with expectReply: false — resolves once getUpdates handed it out. */
export function waitForDelivery(
  queue: UpdateQueue,
  updateId: number,
  timeoutMs: number,
  describe: string,
): Promise<void> {
  if (queue.isDelivered(updateId)) return Promise.resolve();
  return new Promise<void>((resolve, reject) => {
    // A webhook confirms updates of different chats out of order, so ask the queue.
    const unsubscribe = queue.delivered.on(() => {
      if (!queue.isDelivered(updateId)) return;
      clearTimeout(timer);
      unsubscribe();
      resolve();
    });
    const timer = setTimeout(() => {
      unsubscribe();
      reject(
        new Error(
          `${describe}, but the bot did not fetch the update within ${timeoutMs} ms: is it polling this emulator?`,
        ),
      );
    }, timeoutMs);
  });
}
