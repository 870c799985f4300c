// A staff card is one message, edited in place as it is decided: whatever an
// appeal or a complaint holds at its longest, the card fits Telegram's limit,
// keeps the decision whole, and what it shortened is posted in full above it.
import { beforeAll, describe, expect, it } from "vitest";
import type { Translator } from "../../src/bot/i18n.ts";
import { createTranslator } from "../../src/bot/i18n.ts";
import { MESSAGE_LIMIT, splitLongText } from "../../src/bot/long-text.ts";
import { appealCardText } from "../../src/bot/staff/appeal-card.ts";
import { complaintCardText } from "../../src/bot/staff/complaint-card.ts";
import type { Appeal } from "../../src/domain/appeal.ts";
import type { Complaint } from "../../src/domain/complaint.ts";
import { languages } from "../../src/domain/language.ts";
import { anAppeal } from "../support/fixtures.ts";

let translator: Translator;
beforeAll(async () => {
  translator = await createTranslator();
});

const words = (start: string, length: number) => `${start} ${"мәтін ".repeat(length)}`.slice(0, length).trim();

// An appeal filed before the bot capped the essence at 1,000 characters may hold 4,000; a reasoning holds 1,000.
const longAppeal: Appeal = {
  id: "5f0c1d1e-0000-4000-8000-000000000001",
  number: "A-2026-000001",
  applicantId: "5f0c1d1e-0000-4000-8000-000000000002",
  status: "refused",
  content: anAppeal({
    fullName: words("Сейітқали", 200),
    identity: { kind: "natural", iin: "900101300017", postalAddress: words("Алматы", 300) },
    essence: words("Суть обращения", 4000),
  }),
  receivedAt: new Date("2026-11-27T05:00:00Z"),
  receivedDate: "2026-11-27",
  dueDate: "2026-12-21",
  extendedTo: null,
  receiver: { name: "", position: "" },
  decisionNote: words("Обоснование", 1000),
  decidedByName: "Гүлнар Оператор",
  referredTo: null,
  missing: [],
  fixBy: null,
  staffMessageId: 10,
};

const longComplaint: Complaint = {
  id: "5f0c1d1e-0000-4000-8000-000000000003",
  number: "C-2026-000001",
  applicantId: "5f0c1d1e-0000-4000-8000-000000000002",
  status: "awaiting_renewal",
  subject: words("Бездействие", 300),
  learnedDate: "2026-06-01",
  lateReason: words("Причина пропуска", 1000),
  essence: words("Суть жалобы", 1000),
  complainant: { fullName: words("Жалобщиков", 200), iin: "900101300017", phone: "+77011234567" },
  receivedAt: new Date("2026-11-27T05:00:00Z"),
  receivedDate: "2026-11-27",
  dueDate: "2026-12-04",
  decisionNote: words("Обоснование", 1000),
  decidedByName: "Гүлнар Оператор",
  staffMessageId: 11,
};

describe.each(languages)("in the staff chat's language %s", (language) => {
  it("an appeal's card with a 4,000-character essence fits, keeps the decision, and is in full above", () => {
    const t = translator.t(language);
    const { text, inFull } = appealCardText(t, longAppeal, "kk");
    expect([...text].length).toBeLessThanOrEqual(MESSAGE_LIMIT);
    expect(text).toContain(t("staff.appeal.shortened"));
    expect(text).toContain(longAppeal.decisionNote);
    expect(inFull).toContain(longAppeal.content.essence);
    for (const part of splitLongText(inFull!)) expect([...part].length).toBeLessThanOrEqual(MESSAGE_LIMIT);
  });

  it("a complaint's card with every text at its longest fits and keeps the decision", () => {
    const t = translator.t(language);
    const { text, inFull } = complaintCardText(t, longComplaint, "ru");
    expect([...text].length).toBeLessThanOrEqual(MESSAGE_LIMIT);
    expect(text).toContain(longComplaint.decisionNote);
    if (inFull) {
      expect(text).toContain(t("staff.complaint.shortened"));
      expect(inFull).toContain(longComplaint.essence);
    } else expect(text).toContain(longComplaint.essence);
  });

  it("a short appeal's card is whole, with nothing posted above it", () => {
    const t = translator.t(language);
    const short = { ...longAppeal, content: anAppeal(), decisionNote: null };
    const { text, inFull } = appealCardText(t, short, "en");
    expect(inFull).toBeUndefined();
    expect(text).toContain(short.content.essence);
    expect(text).not.toContain(t("staff.appeal.shortened"));
  });
});
