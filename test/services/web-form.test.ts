// One draft, two ways of filling it in: what the web form saves and what the
// chat's sections store are laid over each other, never over a stale copy,
// and the draft's step stays where the chat would be with these answers.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/database.ts";
import { createServices } from "../../src/services/index.ts";
import { standInMobileRegistry } from "../../src/services/mobile-registry.ts";
import { temporaryPostgres } from "../support/databases.ts";
import { openServiceRig, type ServiceRig } from "../support/service-rig.ts";
import { testCipher } from "../support/test-keys.ts";

let rig: ServiceRig;
let nextUser = 7100;

beforeAll(async () => {
  rig = await openServiceRig();
});

afterAll(async () => {
  await rig.close();
});

const school = {
  level: "higher" as const,
  institution: "ЕНУ им. Л. Н. Гумилёва",
  speciality: "Экономика",
  graduationYear: 2012,
};
const job = {
  employer: "ТОО «Жарық»",
  position: "Бухгалтер",
  start: { month: 9, year: 2015 },
  end: "present" as const,
};

/** A person who shared their phone and gave their IIN in the chat: the draft is at the full name. */
async function personAtFullName() {
  const userId = nextUser++;
  const draft = await rig.services.registration.openDraft(userId, userId, "phone");
  await storeChatSection(userId, draft.id, { phone: "+77011234567", iin: "900101300017" }, "full_name");
  return { userId, draftId: draft.id };
}

function storeChatSection(userId: number, draftId: string, patch: object, step: string) {
  const turn = () => ({ value: null, pending: [], prompt: null, lastUpdateId: 1 });
  return rig.services.conversationStates.save(userId, turn, { section: { draftId, patch, step, editing: false } });
}

describe("the web form's draft", () => {
  it("is the draft the chat fills in", async () => {
    const { userId } = await personAtFullName();
    const view = await rig.services.webForm.draft(userId);
    expect(view).toMatchObject({
      form: { phone: "+77011234567", iin: "900101300017" },
      step: "full_name",
      answered: ["phone", "iin"],
    });
  });

  it("is not there for a person who has not begun", async () => {
    expect(await rig.services.webForm.draft(nextUser++)).toBeUndefined();
    expect(await rig.services.webForm.save(nextUser++, { desiredPosition: "Аналитик" })).toBeUndefined();
  });

  it("keeps what the chat stored, and moves the chat on to the first section still empty", async () => {
    const { userId } = await personAtFullName();
    const saved = await rig.services.webForm.save(userId, {
      fullName: { surname: "Сейітқали", givenName: "Айгерім" },
      experience: [],
      education: [school],
    });
    expect(saved?.form).toMatchObject({ phone: "+77011234567", iin: "900101300017", education: [school] });
    expect(saved?.step).toBe("skills");
  });

  it("is not lost when the chat then finishes the section it was in", async () => {
    const { userId, draftId } = await personAtFullName();
    // The chat is in the middle of the experience list while the web form saves the education.
    await storeChatSection(userId, draftId, { fullName: { surname: "Сейітқали", givenName: "Айгерім" } }, "experience");
    await rig.services.webForm.save(userId, { education: [school] });
    await storeChatSection(userId, draftId, { experience: [job] }, "skills");

    const view = await rig.services.webForm.draft(userId);
    expect(view?.form).toMatchObject({ experience: [job], education: [school] });
  });

  it("sends a draft that was at the consent or the signature back to the summary", async () => {
    const { userId, draftId } = await personAtFullName();
    await storeChatSection(
      userId,
      draftId,
      {
        fullName: { surname: "Сейітқали", givenName: "Айгерім" },
        experience: [],
        education: [],
        languageSkills: [],
        workingHours: ["full_time"],
        desiredPosition: "Бухгалтер",
        desiredSalary: 300_000,
      },
      "otp",
    );
    const saved = await rig.services.webForm.save(userId, { desiredSalary: 350_000 });
    expect(saved).toMatchObject({ step: "summary", form: { desiredSalary: 350_000 } });
  });

  it("removes the personal skills when the person clears them", async () => {
    const { userId } = await personAtFullName();
    await rig.services.webForm.save(userId, { personalSkills: "1С, Excel" });
    expect((await rig.services.webForm.draft(userId))?.form.personalSkills).toBe("1С, Excel");
    const cleared = await rig.services.webForm.save(userId, { personalSkills: null });
    expect(cleared?.form).not.toHaveProperty("personalSkills");
  });
});

const serverUrl = process.env.TEST_DATABASE_URL;

describe.skipIf(!serverUrl)("on PostgreSQL, a web save and a chat section at the same moment", () => {
  it("both keep what they saved", async () => {
    const testDb = await temporaryPostgres(serverUrl!);
    const db = await openDatabase(testDb.settings, { cipher: testCipher });
    try {
      const services = createServices({
        db: db.work,
        clock: { now: () => new Date() },
        sms: { send: async () => {} },
        registry: standInMobileRegistry(),
        secret: "test-secret",
      });
      const turn = () => ({ value: null, pending: [], prompt: null, lastUpdateId: 1 });
      for (let round = 0; round < 10; round++) {
        const userId = 7900 + round;
        const draft = await services.registration.openDraft(userId, userId, "phone");
        await Promise.all([
          services.webForm.save(userId, { education: [school] }),
          services.conversationStates.save(userId, turn, {
            section: { draftId: draft.id, patch: { experience: [job] }, step: "education", editing: false },
          }),
        ]);
        expect((await services.webForm.draft(userId))?.form).toMatchObject({ experience: [job], education: [school] });
      }
    } finally {
      await db.close();
      await testDb.drop();
    }
  });
});
