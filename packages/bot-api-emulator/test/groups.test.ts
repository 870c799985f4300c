import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "./helpers.ts";

describe("groups", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness();
  });
  afterEach(async () => {
    await h.stop();
  });

  it("a member posts and replies in a staff group; the bot checks roles", async () => {
    const boss = h.emulator.createUser({ firstName: "Boss" });
    const clerk = h.emulator.createUser({ firstName: "Clerk" });
    const outsider = h.emulator.createUser({ firstName: "Outsider" });
    const staff = h.emulator.createGroup({ title: "Staff", members: [boss, clerk], admins: [clerk] });
    expect(staff.id).toBeLessThan(-1_000_000_000_000);
    h.bot.command("whoami", async (ctx) => {
      const member = await ctx.getChatMember(ctx.from?.id ?? 0);
      await ctx.reply(`${ctx.chat.type}: ${member.status}`, { reply_parameters: { message_id: ctx.msg.message_id } });
    });
    h.bot.on("message:text", async (ctx) => {
      if (ctx.msg.reply_to_message) await ctx.reply(`reply to ${ctx.msg.reply_to_message.message_id}`);
    });
    await h.start();
    const [answer] = await boss.in(staff).send("/whoami");
    expect(answer?.text).toBe("supergroup: creator");
    expect(answer?.chat.id).toBe(staff.id);
    expect(answer?.reply_to_message?.from?.id).toBe(boss.id);
    await clerk.in(staff).send("/whoami");
    expect(clerk.in(staff).lastText()).toBe("supergroup: administrator");
    await clerk.in(staff).send("noted", { replyTo: answer });
    expect(clerk.in(staff).lastText()).toBe(`reply to ${answer?.message_id}`);
    await expect(outsider.in(staff).send("hi")).rejects.toThrow(/not a member/);
    const outsiderStatus = await h.bot.api.getChatMember(staff.id, outsider.id);
    expect(outsiderStatus.status).toBe("left");
  });

  it("a basic group upgraded to a supergroup: service messages in both chats, the old id answers 400 with the new one", async () => {
    const boss = h.emulator.createUser({ firstName: "Boss" });
    const group = h.emulator.createGroup({ title: "Staff", type: "group", members: [boss] });
    const seen: Array<{ chat: number; to?: number; from?: number }> = [];
    h.bot.on("message", async (ctx, next) => {
      seen.push({
        chat: ctx.chat.id,
        ...(ctx.msg.migrate_to_chat_id ? { to: ctx.msg.migrate_to_chat_id } : {}),
        ...(ctx.msg.migrate_from_chat_id ? { from: ctx.msg.migrate_from_chat_id } : {}),
      });
      await next();
    });
    h.bot.command("ping", (ctx) => ctx.reply("pong"));
    await h.start();
    const supergroup = group.upgradeToSupergroup(boss);
    expect(supergroup.chat.type).toBe("supergroup");
    expect(supergroup.id).toBe(Number(`-100${String(-group.id).padStart(10, "0")}`));
    await h.emulator.waitFor(() => seen.length === 2);
    expect(seen.slice(0, 2)).toEqual([
      { chat: group.id, to: supergroup.id },
      { chat: supergroup.id, from: group.id },
    ]);
    const error = await h.bot.api.sendMessage(group.id, "to the old id").catch((reason: unknown) => reason);
    expect(error).toMatchObject({
      error_code: 400,
      description: "Bad Request: group chat was upgraded to a supergroup chat",
      parameters: { migrate_to_chat_id: supergroup.id },
    });
    await expect(h.bot.api.getChatMember(group.id, boss.id)).rejects.toMatchObject({ error_code: 400 });
    expect((await h.bot.api.getChatMember(supergroup.id, boss.id)).status).toBe("creator");
    await boss.in(supergroup).send("/ping");
    expect(boss.in(supergroup).lastText()).toBe("pong");
    expect(() => group.upgradeToSupergroup(boss)).toThrow(/already upgraded/);
  });

  it("the message after a force_reply answers it, unless the person closed the reply", async () => {
    const clerk = h.emulator.createUser({ firstName: "Clerk" });
    const staff = h.emulator.createGroup({ title: "Staff", members: [clerk] });
    h.bot.command("ask", (ctx) => ctx.reply("Your comment?", { reply_markup: { force_reply: true, selective: true } }));
    h.bot.on("message:text", (ctx) => ctx.reply(ctx.msg.reply_to_message ? "reply" : "plain"));
    await h.start();
    const [question] = await clerk.in(staff).send("/ask");
    await clerk.in(staff).send("one");
    expect(clerk.in(staff).lastText()).toBe("reply");
    expect(clerk.in(staff).history().at(-2)?.reply_to_message?.message_id).toBe(question?.message_id);
    await clerk.in(staff).send("/ask");
    await clerk.in(staff).send("two", { replyTo: null });
    expect(clerk.in(staff).lastText()).toBe("plain");
  });

  it("a member bot in privacy mode only gets commands", async () => {
    const boss = h.emulator.createUser({ firstName: "Boss" });
    const group = h.emulator.createGroup({ title: "Quiet", type: "group", members: [boss], botStatus: "member" });
    h.bot.on("message", (ctx) => ctx.reply("seen"));
    await h.start();
    await boss.in(group).send("/ping");
    expect(boss.in(group).lastText()).toBe("seen");
    await expect(boss.in(group).send("chatter")).rejects.toThrow(/privacy mode/);
  });

  it("a bot cannot write to a group it is not in", async () => {
    const boss = h.emulator.createUser({ firstName: "Boss" });
    const group = h.emulator.createGroup({ title: "Other", members: [boss], bots: [] });
    await expect(h.bot.api.sendMessage(group.id, "hi")).rejects.toMatchObject({
      error_code: 403,
      description: "Forbidden: bot is not a member of the supergroup chat",
    });
    await expect(h.bot.api.getChat(-42)).rejects.toMatchObject({ description: "Bad Request: chat not found" });
  });
});
