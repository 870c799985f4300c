// The Mini Apps' API as the web form and the desk call it: Telegram's
// initData in `Authorization: tma …`, the draft the chat path fills in, saves
// checked with the chat's schemas and answered in the person's language, and
// the desk for operators only.
import type { TestUser } from "@job-seeker/bot-api-emulator";
import { afterEach, describe, expect, it } from "vitest";
import { signInitData } from "../../src/server/mini-app/init-data.ts";
import { type Harness, startHarness, TOKEN } from "../support/app-harness.ts";
import { aigerim, RegistrationDriver } from "../support/registration-driver.ts";
import { texts } from "../support/texts.ts";

let harness: Harness | undefined;

afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

type Caller = { id: number; first_name: string; language_code?: string };

/** initData as Telegram hands it to a Mini App opened by this person at `at`. */
function initDataOf(caller: Caller, at: Date, token = TOKEN): string {
  return signInitData(
    {
      query_id: "AAHdF6IQAAAAAN0XohDhrOrc",
      user: JSON.stringify(caller),
      auth_date: String(Math.floor(at.getTime() / 1000)),
    },
    token,
  );
}

const callerOf = (user: TestUser): Caller => ({
  id: user.id,
  first_name: user.user.first_name,
  ...(user.user.language_code ? { language_code: user.user.language_code } : {}),
});

async function call(
  h: Harness,
  path: string,
  options: { initData?: string; authorization?: string; method?: string; body?: unknown } = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const authorization = options.authorization ?? (options.initData ? `tma ${options.initData}` : undefined);
  const response = await fetch(`http://127.0.0.1:${h.app.httpAddress.port}${path}`, {
    method: options.method ?? "GET",
    headers: {
      ...(authorization ? { authorization } : {}),
      ...(options.body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Aigerim, in Kazakh, up to her full name in the chat: the form is at the experience. */
async function aigerimInTheChat(h: Harness): Promise<RegistrationDriver> {
  const driver = new RegistrationDriver(h.user("Айгерім", "kk"), "kk");
  await driver.chooseLanguage();
  await driver.begin();
  await driver.phone(aigerim);
  await driver.iin(aigerim);
  await driver.fullName(aigerim);
  return driver;
}

describe("the citizen's draft", () => {
  it("is the draft made in the chat, for its own person only", async () => {
    harness = await startHarness();
    const h = harness;
    const driver = await aigerimInTheChat(h);

    const own = await call(h, "/app/api/draft", { initData: initDataOf(callerOf(driver.user), h.clock.now()) });
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({
      form: {
        phone: aigerim.phone,
        iin: aigerim.iin,
        fullName: { surname: aigerim.surname, givenName: aigerim.givenName, patronymic: aigerim.patronymic },
      },
      step: "experience",
      answered: ["phone", "iin", "full_name"],
    });

    // Someone else, with initData of their own, has no draft and sees nothing of hers.
    const stranger = h.user("Дмитрий", "ru");
    const theirs = await call(h, "/app/api/draft", { initData: initDataOf(callerOf(stranger), h.clock.now()) });
    expect(theirs.status).toBe(404);
    expect(theirs.body.message).toBe(texts("ru")("registration.errors.noDraft"));
    expect(JSON.stringify(theirs.body)).not.toContain(aigerim.iin);
  });

  it("refuses a request without initData, with a forged, altered or stale one", async () => {
    harness = await startHarness();
    const h = harness;
    const driver = await aigerimInTheChat(h);
    const caller = callerOf(driver.user);
    const now = h.clock.now();
    const genuine = initDataOf(caller, now);

    const altered = new URLSearchParams(genuine);
    const hash = altered.get("hash")!;
    altered.set("hash", `${hash.slice(0, -1)}${hash.endsWith("0") ? "1" : "0"}`);
    const impersonating = new URLSearchParams(initDataOf({ ...caller, id: caller.id + 1 }, now));
    impersonating.set("user", JSON.stringify(caller));
    const stale = initDataOf(caller, new Date(now.getTime() - 61 * 60_000));
    const forged = initDataOf(caller, now, "7000000099:AAH-not_our_bot");

    const cases: Array<[string, { initData?: string; authorization?: string }, string]> = [
      ["no header", {}, "missing"],
      ["another scheme", { authorization: `Bearer ${genuine}` }, "missing"],
      ["an altered hash", { initData: altered.toString() }, "bad_signature"],
      ["another user put in", { initData: impersonating.toString() }, "bad_signature"],
      ["another bot's signature", { initData: forged }, "bad_signature"],
      ["an hour and a minute old", { initData: stale }, "expired"],
    ];
    for (const [, options, reason] of cases) {
      expect(await call(h, "/app/api/draft", options)).toEqual({
        status: 401,
        body: { error: "unauthorized", reason },
      });
    }
    expect((await call(h, "/app/api/draft", { initData: genuine })).status).toBe(200);
  });

  it("answers a save the chat would refuse with the chat's texts, in the person's language", async () => {
    harness = await startHarness();
    const h = harness;
    const driver = await aigerimInTheChat(h);
    const tx = texts("kk");
    const initData = initDataOf(callerOf(driver.user), h.clock.now());

    const refused = await call(h, "/app/api/draft", {
      initData,
      method: "PUT",
      body: {
        phone: "+77019998877",
        fullName: { surname: "Сейітқали7", givenName: "Айгерім" },
        experience: [
          {
            employer: "ТОО «Жарық»",
            position: "Бухгалтер",
            start: { month: 9, year: 2015 },
            end: { month: 1, year: 2014 },
          },
        ],
        workingHours: [],
      },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual(
      expect.arrayContaining([
        { field: "phone", message: tx("miniApp.errors.chatOnly") },
        { field: "fullName.surname", message: tx("registration.errors.nameLetters") },
        { field: "experience.0.end", message: tx("miniApp.errors.endBeforeStart") },
        { field: "workingHours", message: tx("miniApp.errors.chooseOne") },
      ]),
    );
    const notAForm = await call(h, "/app/api/draft", { initData, method: "PUT", body: ["Сейітқали"] });
    expect(notAForm).toEqual({
      status: 400,
      body: { error: "invalid", errors: [{ field: "", message: tx("miniApp.errors.invalidBody") }] },
    });
    // Nothing of a refused save is stored.
    const draft = await call(h, "/app/api/draft", { initData });
    expect(draft.body.form).toMatchObject({ phone: aigerim.phone, fullName: { surname: aigerim.surname } });
    expect(draft.body.form).not.toHaveProperty("experience");
  });

  it("saves sections from the web, and the chat goes on from there keeping them", async () => {
    harness = await startHarness();
    const h = harness;
    const driver = await aigerimInTheChat(h);
    const tx = driver.tx;
    const initData = initDataOf(callerOf(driver.user), h.clock.now());
    const school = {
      level: "higher",
      institution: "ЕНУ им. Л. Н. Гумилёва",
      speciality: "Экономика",
      graduationYear: 2012,
    };

    const saved = await call(h, "/app/api/draft", {
      initData,
      method: "PUT",
      body: { experience: [], education: [school] },
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ step: "skills", form: { education: [school], iin: aigerim.iin } });

    // Back in the chat, the experience question is still on screen: the form goes on at the skills.
    await driver.user.send("ТОО «Жарық»");
    const said = driver.user
      .messages()
      .slice(-2)
      .map((message) => ("text" in message ? message.text : ""));
    expect(said).toEqual([tx("form.continueHere"), tx.atStep(6, "registration.skills.personal", { max: 1000 })]);
    await driver.skills();
    await driver.preferences(aigerim);
    const summary = driver.user.lastText() ?? "";
    expect(summary).toContain("ЕНУ им. Л. Н. Гумилёва");
    expect(summary).toContain(aigerim.position);

    const after = await call(h, "/app/api/draft", { initData });
    expect(after.body).toMatchObject({
      step: "summary",
      form: { experience: [], education: [school], desiredPosition: aigerim.position, phone: aigerim.phone },
    });
  });

  it("keeps a save the chat cannot be told of, and logs that without personal data", async () => {
    const logs: string[] = [];
    harness = await startHarness({ logs });
    const h = harness;
    const driver = await aigerimInTheChat(h);
    const initData = initDataOf(callerOf(driver.user), h.clock.now());
    const before = driver.user.messages().length;
    // The person blocked the bot meanwhile: Telegram refuses the message that says where the chat goes on.
    h.emulator.failNext("sendMessage", {
      errorCode: 403,
      description: "Forbidden: bot was blocked by the user",
      chatId: driver.user.id,
    });

    const saved = await call(h, "/app/api/draft", { initData, method: "PUT", body: { experience: [] } });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ step: "education", form: { experience: [] } });
    expect(driver.user.messages()).toHaveLength(before);
    const warned = logs.filter((line) => line.includes("could not tell the chat of a web save"));
    expect(warned).toHaveLength(1);
    expect(JSON.parse(warned[0]!)).toMatchObject({ err: { type: "GrammyError", method: "sendMessage", code: 403 } });
    for (const personal of [aigerim.iin, aigerim.phone, aigerim.surname]) expect(warned[0]).not.toContain(personal);
  });

  it("tells the front end the person's language and the form's texts", async () => {
    harness = await startHarness();
    const h = harness;
    const driver = await aigerimInTheChat(h);
    const me = await call(h, "/app/api/me", { initData: initDataOf(callerOf(driver.user), h.clock.now()) });
    const tx = texts("kk");
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      userId: driver.user.id,
      language: "kk",
      texts: { workingHours: { remote: tx("workingHours.remote") }, consent: tx("registration.consent.text") },
    });
  });
});

describe("the operators' desk", () => {
  it("is for operators only, shows the queue, and records who viewed an application", async () => {
    harness = await startHarness({ staff: true });
    const h = harness;
    const staff = h.staff!;
    const driver = new RegistrationDriver(h.user("Айгерім", "kk"), "kk");
    await driver.fillUpToSummary(aigerim);
    await driver.confirmAndConsent();
    await driver.sign(h.sms);
    const number = /\d{4}-\d{6}/.exec(driver.user.lastText() ?? "")?.[0];
    expect(number).toBeDefined();

    const now = h.clock.now();
    for (const outsider of [staff.bystander, driver.user]) {
      const refused = await call(h, "/app/api/desk/queue", { initData: initDataOf(callerOf(outsider), now) });
      expect(refused).toEqual({ status: 403, body: { error: "forbidden", reason: "not_an_operator" } });
      const view = await call(h, `/app/api/desk/applications/${number}`, {
        initData: initDataOf(callerOf(outsider), now),
      });
      expect(view.status).toBe(403);
    }
    expect((await call(h, "/app/api/desk/queue")).status).toBe(401);

    const operator = staff.operators[0];
    const initData = initDataOf(callerOf(operator), now);
    const queue = await call(h, "/app/api/desk/queue", { initData });
    expect(queue.status).toBe(200);
    expect(queue.body.applications).toEqual([expect.objectContaining({ number, status: "submitted", assignee: null })]);
    // The queue names no one.
    expect(JSON.stringify(queue.body)).not.toContain(aigerim.iin);
    expect(JSON.stringify(queue.body)).not.toContain(aigerim.surname);

    const view = await call(h, `/app/api/desk/applications/${number}`, { initData });
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({ number, form: { iin: aigerim.iin, phone: aigerim.phone } });
    const trail = await h.app.database.prisma.auditEntry.findMany({ where: { action: "desk.view" } });
    expect(trail.map((entry) => ({ actor: Number(entry.actorId), name: entry.actorName, at: entry.at }))).toEqual([
      { actor: operator.id, name: operator.user.first_name, at: now },
    ]);
  });
});
