// One filing per signed conversation: a receipt Telegram refused, or a
// process that died after the appeal was stored, never ends in a second
// appeal (or complaint) with a new number. The person gets the receipt of
// the one they filed.
import type { TestUser } from "@job-seeker/bot-api-emulator";
import { afterEach, describe, expect, it } from "vitest";
import type { AppOverrides } from "../../src/app.ts";
import type { Services } from "../../src/services/index.ts";
import { type Harness, startHarness } from "../support/app-harness.ts";
import { storageKinds, type TestDatabase } from "../support/databases.ts";
import { validIin } from "../support/iins.ts";
import { texts } from "../support/texts.ts";

const ru = texts("ru");
let harness: Harness;

let closed: Harness | undefined;
/** Closes the harness once (a test on PostgreSQL closes it before dropping its database). */
async function closeHarness(): Promise<void> {
  if (closed === harness) return;
  closed = harness;
  harness.emulator.setOutage(null);
  await harness.close();
}
afterEach(closeHarness);

const failedSends = () => harness.emulator.callsTo("sendMessage").filter((call) => !call.ok).length;
const count = () => ({
  appeals: harness.app.database.prisma.appeal.count(),
  complaints: harness.app.database.prisma.complaint.count(),
});

/** A person who never applied here answers every question of /appeal, up to the one-time password. */
async function appealUpToPassword(user: TestUser, n: number): Promise<void> {
  await user.send("/start");
  await user.press("Русский");
  await user.send("/appeal");
  await user.send(`Обращенцев Номер${n}`);
  await user.press(ru("appeal.kindNatural"));
  await user.send(validIin(n));
  await user.send("г. Алматы, ул. Абая, 1, кв. 5");
  await user.press(ru("appeal.body.service_provider"));
  await user.send("Прошу разъяснить, какие документы нужны для подтверждения стажа.");
  await user.press(ru("appeal.sign"));
  expect(user.lastText()).toBe(ru("appeal.phone"));
  await user.shareContact({ phone: `+7705${String(1000000 + n)}` });
  expect(user.lastText()).toMatch(ru.pattern("registration.otp.ask.sign_appeal"));
}

async function complaintUpToPassword(user: TestUser, n: number): Promise<void> {
  await user.send("/start");
  await user.press("Русский");
  await user.send("/complaint");
  await user.send(`Жалобщиков Номер${n}`);
  await user.send("Бездействие карьерного центра по моему заявлению");
  await user.press(ru("complaint.today"));
  await user.send("Прошу рассмотреть моё заявление и дать ответ.");
  await user.press(ru("appeal.sign"));
  await user.send(validIin(n));
  await user.shareContact({ phone: `+7705${String(1000000 + n)}` });
  expect(user.lastText()).toMatch(ru.pattern("registration.otp.ask.sign_complaint"));
}

/** The password is accepted and the filing stored, but Telegram refuses the receipt. */
async function sendPasswordReceiptRefused(user: TestUser): Promise<void> {
  const before = failedSends();
  harness.emulator.failNext("sendMessage", { errorCode: 400, description: "Bad Request: injected" });
  await user.send(harness.sms.lastCode(), { expectReply: false });
  await harness.emulator.waitFor(() => failedSends() > before, 10_000);
}

it("a receipt Telegram refused: /appeal again brings the receipt of the appeal filed, not a second appeal", async () => {
  harness = await startHarness({ overrides: { apiRetryBudgetMs: 0, updateTimeoutMs: 20_000 } });
  const user = harness.user("Обращенцев", "ru");
  await appealUpToPassword(user, 1);
  await sendPasswordReceiptRefused(user);
  expect(await count().appeals).toBe(1);

  // Seeing no receipt, the person starts over.
  await user.send("/appeal");
  await user.waitFor((u) => ru.pattern("appeal.receipt").test(u.lastText() ?? ""));
  expect(user.lastText()).toContain("A-2026-000001");
  expect(user.messages().filter((m) => m.text === ru("appeal.intro"))).toHaveLength(1);
  expect(await count().appeals).toBe(1);

  // Asked again, /appeal starts a new appeal: the receipt came.
  await user.send("/appeal");
  expect(user.messages().at(-2)?.text).toBe(ru("appeal.intro"));
});

it("a complaint's receipt Telegram refused: /complaint again brings that receipt, not a second complaint", async () => {
  harness = await startHarness({ overrides: { apiRetryBudgetMs: 0, updateTimeoutMs: 20_000 } });
  const user = harness.user("Жалобщиков", "ru");
  await complaintUpToPassword(user, 2);
  await sendPasswordReceiptRefused(user);
  expect(await count().complaints).toBe(1);

  await user.send("/complaint");
  await user.waitFor((u) => ru.pattern("complaint.receipt").test(u.lastText() ?? ""));
  expect(user.lastText()).toContain("C-2026-000001");
  expect(user.messages().filter((m) => m.text === ru("complaint.intro"))).toHaveLength(1);
  expect(await count().complaints).toBe(1);
});

// Where the filing and its turn share a transaction, a real PostgreSQL counts too.
describe.each(storageKinds())("stored in $kind", ({ kind, create }) => {
  let database: TestDatabase | undefined;
  const startOn = async (overrides: AppOverrides) => {
    database = kind === "postgres" ? await create() : undefined;
    const settings = database?.settings;
    return startHarness({ overrides, ...(settings?.kind === "postgres" ? { databaseUrl: settings.url } : {}) });
  };
  afterEach(async () => {
    await closeHarness();
    await database?.drop();
  });

  it("the process dies after the appeal and its receipt are stored, before the receipt is sent: after the restart /appeal brings that receipt", async () => {
    let dies = true;
    const dieAfterStoring = (services: Services): Services => ({
      ...services,
      conversationStates: {
        ...services.conversationStates,
        async save(chatId, build, effects) {
          await services.conversationStates.save(chatId, build, effects);
          if (effects?.filing && dies) {
            dies = false;
            throw new Error("injected: the process died after the appeal was stored");
          }
        },
      },
    });
    harness = await startOn({ services: dieAfterStoring, updateTimeoutMs: 20_000 });
    const user = harness.user("Обращенцев", "ru");
    await appealUpToPassword(user, 3);
    await user.send(harness.sms.lastCode());
    expect(user.messages().some((m) => ru.pattern("appeal.receipt").test(m.text ?? ""))).toBe(false);
    expect(await count().appeals).toBe(1);

    await harness.restart();
    await user.send("/appeal");
    await user.waitFor((u) => ru.pattern("appeal.receipt").test(u.lastText() ?? ""));
    expect(user.lastText()).toContain("A-2026-000001");
    expect(await count().appeals).toBe(1);
    expect(harness.sms.sent).toHaveLength(1);
  });

  it("storing the signed appeal fails: nothing is filed, and the password sent again files it once", async () => {
    let fails = true;
    const failStoring = (services: Services): Services => ({
      ...services,
      conversationStates: {
        ...services.conversationStates,
        async save(chatId, build, effects) {
          if (effects?.filing && fails) {
            fails = false;
            throw new Error("injected: the database failed while storing the appeal");
          }
          return services.conversationStates.save(chatId, build, effects);
        },
      },
    });
    harness = await startOn({ services: failStoring, updateTimeoutMs: 20_000 });
    const user = harness.user("Обращенцев", "ru");
    await appealUpToPassword(user, 4);
    const code = harness.sms.lastCode();
    await user.send(code);
    expect(user.lastText()).toBe(ru("form.answerNotSaved"));
    // No appeal without its receipt.
    expect(await count().appeals).toBe(0);

    await user.send(code);
    expect(user.lastText()).toMatch(ru.pattern("appeal.receipt"));
    expect(user.lastText()).toContain("A-2026-000001");
    expect(await count().appeals).toBe(1);
    expect(harness.sms.sent).toHaveLength(1);
  });
});
