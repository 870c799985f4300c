// The floor: a bare grammY bot, nothing of ours, that answers every message
// with as many Bot API round trips as our bot made per update in the same
// run (FLOOR_CALLS_PER_UPDATE, fractional: the n-th update makes
// floor(k·n) − floor(k·(n−1)) calls, so the average is k). Long polling
// through grammY's runner, one chat at a time like ours. What the bot costs
// per update above this is ours, not grammY's, Node's or the emulator's.
import { run, sequentialize } from "@grammyjs/runner";
import { Bot } from "grammy";

const token = process.env.BOT_TOKEN!;
const apiRoot = process.env.TELEGRAM_API_ROOT!;
const callsPerUpdate = Number(process.env.FLOOR_CALLS_PER_UPDATE ?? 1);

const bot = new Bot(token, { client: { apiRoot } });
bot.use(sequentialize((ctx) => String(ctx.chat?.id)));
let handled = 0;
bot.on("message", async (ctx) => {
  handled++;
  const calls = Math.floor(callsPerUpdate * handled) - Math.floor(callsPerUpdate * (handled - 1));
  for (let i = 0; i < Math.max(1, calls); i++) await ctx.reply(`answer ${i + 1} to ${ctx.message.message_id}`);
});

const runner = run(bot);
const stop = () => void runner.stop().then(() => process.exit(0));
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
