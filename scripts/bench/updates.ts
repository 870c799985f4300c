// When each person's update left and when the bot first answered it. The
// emulator's call log says when each Bot API call arrived and for which chat;
// the people say when they posted. Times are Date.now() on both sides (one
// process), so a latency is the bot's fetch, handling and first call.
import type { ApiCall, TestUser } from "@job-seeker/bot-api-emulator";

/** Calls that show the person an answer; a typing action or a poll is not one. */
const ANSWERS = new Set(
  [
    "sendMessage",
    "editMessageText",
    "editMessageReplyMarkup",
    "editMessageCaption",
    "answerCallbackQuery",
    "deleteMessage",
    "sendDocument",
    "sendPhoto",
  ].map((method) => method.toLowerCase()),
);

export type Post = { chatId: number; time: number };

/** Records the moment each update of the user is posted (send, press, contact). */
export function trackPosts(user: TestUser, posts: Post[]): TestUser {
  const stamp = () => posts.push({ chatId: user.id, time: Date.now() });
  const send = user.send.bind(user);
  const press = user.press.bind(user);
  const shareContact = user.shareContact.bind(user);
  user.send = (...args) => {
    stamp();
    return send(...args);
  };
  user.press = (...args) => {
    stamp();
    return press(...args);
  };
  user.shareContact = (...args) => {
    stamp();
    return shareContact(...args);
  };
  return user;
}

/** Milliseconds from each post to the first answer in its chat before the chat's next post. */
export function answerLatencies(posts: Post[], calls: readonly ApiCall[]): { latencies: number[]; unanswered: number } {
  const answersByChat = new Map<number, number[]>();
  for (const call of calls) {
    if (!call.ok || call.chatId === undefined || !ANSWERS.has(call.method.toLowerCase())) continue;
    const list = answersByChat.get(call.chatId) ?? [];
    list.push(call.time);
    answersByChat.set(call.chatId, list);
  }
  const postsByChat = new Map<number, number[]>();
  for (const post of posts) {
    const list = postsByChat.get(post.chatId) ?? [];
    list.push(post.time);
    postsByChat.set(post.chatId, list);
  }
  const latencies: number[] = [];
  let unanswered = 0;
  for (const [chatId, times] of postsByChat) {
    times.sort((a, b) => a - b);
    const answers = (answersByChat.get(chatId) ?? []).sort((a, b) => a - b);
    let next = 0;
    times.forEach((time, i) => {
      while (next < answers.length && answers[next]! < time) next++;
      const answer = answers[next];
      const until = times[i + 1] ?? Number.POSITIVE_INFINITY;
      if (answer === undefined || answer > until) unanswered++;
      else latencies.push(answer - time);
    });
  }
  return { latencies, unanswered };
}

/** Bot API calls of the bot in a slice of the log, but its polls. */
export function roundTrips(calls: readonly ApiCall[]): number {
  return calls.filter((call) => call.method.toLowerCase() !== "getupdates").length;
}
