// The operators' group becomes a supergroup (Telegram gives it a new id): the
// bot follows the new id, stores it, says so in the log, posts the open cards
// again there, and operators keep working in it, also after a restart with
// STAFF_CHAT_ID still naming the old group.
import type { GroupChatSession, TestGroup, TestUser } from "@job-seeker/bot-api-emulator";
import { afterEach, expect, it } from "vitest";
import { type Harness, STAFF_CHAT_ID, startHarness, TOKEN } from "../support/app-harness.ts";
import { validIin } from "../support/iins.ts";
import { aigerim, RegistrationDriver } from "../support/registration-driver.ts";
import { texts } from "../support/texts.ts";

const ru = texts("ru");
const SUPERGROUP_ID = -1002000000777;
const MINUTE = 60_000;
let harness: Harness;
let people = 800;

afterEach(async () => {
  await harness.close();
});

async function submitted(group: TestGroup) {
  const n = ++people;
  const driver = new RegistrationDriver(harness.user(`Заявитель ${n}`, "ru"), "ru");
  await driver.fillUpToSummary({ ...aigerim, iin: validIin(n), phone: `+7701${String(1000000 + n)}` });
  await driver.confirmAndConsent();
  await driver.user.send(harness.sms.lastCode());
  const number = /№ (\d{4}-\d{6})/.exec(driver.user.lastText()!)![1]!;
  const op = harness.staff!.operators[0].in(group);
  await op.waitFor((s) => s.messages().some((m) => m.text?.includes(`№ ${number}`)));
  return { user: driver.user, number };
}

const cardsIn = (op: GroupChatSession, number: string) =>
  op.messages().filter((m) => m.text?.includes(ru("staff.card.title", { number })));

async function register(op: GroupChatSession, user: TestUser, number: string) {
  const card = cardsIn(op, number).at(-1)!;
  const button = card.reply_markup!.inline_keyboard.flat().find((b) => b.text === ru("staff.button.register"))!;
  await op.pressData(card.message_id, button.callback_data!);
  await user.waitFor((u) => u.lastText() === ru("decision.registered", { number }));
}

it("follows the group to its supergroup id, stores it, and keeps cards, decisions and the operator check working there", async () => {
  const logs: string[] = [];
  harness = await startHarness({ staff: true, staffChatType: "group", logs });
  const { group, operators, bystander } = harness.staff!;
  const open = await submitted(group);
  expect(cardsIn(operators[0].in(group), open.number)).toHaveLength(1);

  const supergroup = group.upgradeToSupergroup(operators[0], SUPERGROUP_ID);
  const stored = () => harness.app.database.prisma.staffChat.findUnique({ where: { chatId: BigInt(STAFF_CHAT_ID) } });
  await harness.emulator.waitFor(async () => (await stored())?.migratedTo === BigInt(SUPERGROUP_ID));
  const moved = logs
    .map((line) => JSON.parse(line))
    .filter((l) => l.msg.startsWith("the staff chat became a supergroup"));
  expect(moved).toHaveLength(1);
  expect(moved[0]).toMatchObject({ from: STAFF_CHAT_ID, to: SUPERGROUP_ID, cards: 1 });

  // The open card is posted again in the supergroup (the old group's buttons cannot be used), once.
  const op = operators[0].in(supergroup);
  harness.clock.advance(11 * MINUTE);
  await harness.app.runScheduledWork();
  await op.waitFor(() => cardsIn(op, open.number).length === 1);
  await harness.app.runScheduledWork();
  expect(cardsIn(op, open.number)).toHaveLength(1);
  await register(op, open.user, open.number);
  expect(cardsIn(op, open.number)[0]!.text).toContain(
    ru("staff.card.registeredBy", { name: "Гүлнар Оператор", at: "27.11.2026 10:11" }),
  );

  // New cards go straight to the supergroup; the operator check asks it.
  const fresh = await submitted(supergroup);
  await op.send("/queue");
  expect(op.lastText()).toContain(fresh.number);
  await bystander.in(supergroup).send("/queue");
  expect(bystander.in(supergroup).lastText()).toBe(ru("staff.notOperator"));

  // After a restart, STAFF_CHAT_ID still names the old group: the stored id wins.
  await harness.restart();
  const later = await submitted(supergroup);
  await register(op, later.user, later.number);
  expect(cardsIn(operators[0].in(group), later.number)).toHaveLength(0);
  for (const line of logs) {
    expect(line).not.toContain(aigerim.surname);
    expect(line).not.toContain(validIin(people));
  }
}, 120_000);

it("follows the new id when only Telegram's 400 answer with migrate_to_chat_id tells it", async () => {
  harness = await startHarness({ staff: true, staffChatType: "group" });
  const { group, operators } = harness.staff!;
  // The bot is stopped while the group is upgraded, and the service messages are dropped before it is back:
  // only Telegram's 400 answer to the old id tells it.
  await harness.app.stop();
  const supergroup = group.upgradeToSupergroup(operators[0], SUPERGROUP_ID);
  const dropped = await fetch(`${harness.emulator.apiRoot}/bot${TOKEN}/deleteWebhook?drop_pending_updates=true`);
  expect(((await dropped.json()) as { ok: boolean }).ok).toBe(true);
  await harness.restart();
  const open = await submitted(supergroup);
  expect(cardsIn(operators[0].in(supergroup), open.number)).toHaveLength(1);
  expect(
    harness.emulator
      .callsTo("sendMessage")
      .filter((call) => call.params.chat_id === STAFF_CHAT_ID && call.status === 400)
      .map((call) => call.response),
  ).toEqual([expect.objectContaining({ parameters: { migrate_to_chat_id: SUPERGROUP_ID } })]);
  expect(
    (await harness.app.database.prisma.staffChat.findUnique({ where: { chatId: BigInt(STAFF_CHAT_ID) } }))?.migratedTo,
  ).toBe(BigInt(SUPERGROUP_ID));
  await register(operators[0].in(supergroup), open.user, open.number);
}, 120_000);
