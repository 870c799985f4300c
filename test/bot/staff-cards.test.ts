// A staff card is read by every member of the group, present and future: it
// names the person by initials and the last 4 digits of the IIN, keeps the
// decision whole, fits one message at its longest, and opens the rest in the
// desk.
import { beforeAll, describe, expect, it } from "vitest";
import type { Translator } from "../../src/bot/i18n.ts";
import { createTranslator } from "../../src/bot/i18n.ts";
import { MESSAGE_LIMIT } from "../../src/bot/long-text.ts";
import { appealCardKeyboard, appealCardText } from "../../src/bot/staff/appeal-card.ts";
import { applicationCardKeyboard, applicationCardText } from "../../src/bot/staff/cards.ts";
import { complaintCardKeyboard, complaintCardText } from "../../src/bot/staff/complaint-card.ts";
import { createDeskLinks } from "../../src/bot/staff/desk-links.ts";
import type { Appeal } from "../../src/domain/appeal.ts";
import type { Application } from "../../src/domain/application.ts";
import type { Complaint } from "../../src/domain/complaint.ts";
import { languages } from "../../src/domain/language.ts";
import { createDeskStarts } from "../../src/services/desk-start.ts";
import { aCompleteForm, anAppeal } from "../support/fixtures.ts";

let translator: Translator;
beforeAll(async () => {
  translator = await createTranslator();
});

const words = (start: string, length: number) => `${start} ${"мәтін ".repeat(length)}`.slice(0, length).trim();

const application: Application = {
  id: "5f0c1d1e-0000-4000-8000-000000000010",
  applicantId: "5f0c1d1e-0000-4000-8000-000000000002",
  number: "2026-000001",
  status: "refused",
  form: aCompleteForm({ iin: "900101300017", phone: "+77011234567" }),
  step: null,
  editing: false,
  paused: false,
  submittedAt: new Date("2026-11-27T05:00:00Z"),
  dueDate: "2026-11-30",
  createdAt: new Date("2026-11-27T04:00:00Z"),
  updatedAt: new Date("2026-11-27T05:00:00Z"),
  assignee: null,
  decidedBy: { id: 1, name: "Гүлнар Оператор" },
  decidedAt: new Date("2026-11-27T06:00:00Z"),
  refusalGround: "non_compliant_information",
  refusalNote: words("Комментарий", 500),
  staffMessageId: 9,
  dueWarnedAt: null,
  overdueWarnedAt: null,
};

// An appeal filed before the bot capped the essence at 1,000 characters may hold 4,000; a reasoning holds 1,000.
const longAppeal: Appeal = {
  id: "5f0c1d1e-0000-4000-8000-000000000001",
  number: "A-2026-000001",
  applicantId: "5f0c1d1e-0000-4000-8000-000000000002",
  status: "refused",
  content: anAppeal({
    fullName: "Жақыпбекова Әлия Серік қызы",
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

const lateComplaint: Complaint = {
  id: "5f0c1d1e-0000-4000-8000-000000000003",
  number: "C-2026-000001",
  applicantId: "5f0c1d1e-0000-4000-8000-000000000002",
  status: "awaiting_renewal",
  subject: "Бездействие отдела кадров ТОО «Жарық»",
  learnedDate: "2026-06-01",
  lateReason: "Находилась на лечении в больнице",
  essence: words("Суть жалобы", 1000),
  complainant: { fullName: "Жалобщикова Дана Маратовна", iin: "900101300017", phone: "+77011234567" },
  receivedAt: new Date("2026-11-27T05:00:00Z"),
  receivedDate: "2026-11-27",
  dueDate: "2026-12-04",
  decisionNote: words("Обоснование", 1000),
  decidedByName: "Гүлнар Оператор",
  staffMessageId: 11,
};

const personal = {
  application: [
    "900101300017",
    "+77011234567",
    "701 123 45 67",
    "Сейітқали",
    "Айгерім",
    "Ерланқызы",
    "Бухгалтер",
    "Excel",
  ],
  appeal: ["900101300017", "Жақыпбекова", "Әлия", "Серік", "Алматы", "Суть обращения"],
  complaint: ["900101300017", "Жалобщикова", "Дана", "Маратовна", "701", "Жарық", "лечении", "Суть жалобы"],
};

describe.each(languages)("in the staff chat's language %s", (language) => {
  it("an application's card names the person by initials and the IIN's last 4 digits, and keeps the decision", () => {
    const t = translator.t(language);
    const text = applicationCardText(t, application, "kk");
    expect(text).toContain(t("staff.card.person", { initials: "С. А. Е.", iin: "••••••••0017" }));
    expect(text).toContain(application.refusalNote);
    for (const value of personal.application) expect(text).not.toContain(value);
    expect([...text].length).toBeLessThanOrEqual(MESSAGE_LIMIT);
  });

  it("an appeal's card with a 4,000-character essence holds none of it, nor the address, and keeps the decision", () => {
    const t = translator.t(language);
    const text = appealCardText(t, longAppeal, "kk");
    expect(text).toContain(t("staff.card.person", { initials: "Ж. Ә. С.", iin: "••••••••0017" }));
    expect(text).toContain(longAppeal.decisionNote);
    for (const value of personal.appeal) expect(text).not.toContain(value);
    expect([...text].length).toBeLessThanOrEqual(MESSAGE_LIMIT);
  });

  it("a legal entity's appeal shows the BIN's last 4 digits", () => {
    const t = translator.t(language);
    const legal = {
      ...longAppeal,
      content: anAppeal({
        identity: { kind: "legal", bin: "080140000013", postalAddress: "г. Астана, ул. Достык, 1" },
      }),
    };
    const text = appealCardText(t, legal, "ru");
    expect(text).toContain(t("staff.card.personWithBin", { initials: "Т. Т.", bin: "••••••••0013" }));
    expect(text).not.toContain("080140000013");
  });

  it("a late complaint's card holds neither its essence, its subject in the person's words nor the reason for lateness", () => {
    const t = translator.t(language);
    const text = complaintCardText(t, lateComplaint, "ru");
    expect(text).toContain(t("staff.card.person", { initials: "Ж. Д. М.", iin: "••••••••0017" }));
    expect(text).toContain(t("staff.complaint.subject", { subject: t("staff.complaint.subjectInWords") }));
    expect(text).toContain(t("staff.complaint.late", { learned: "01.06.2026" }));
    expect(text).toContain(lateComplaint.decisionNote);
    for (const value of personal.complaint) expect(text).not.toContain(value);
    expect([...text].length).toBeLessThanOrEqual(MESSAGE_LIMIT);
  });

  it("a complaint against an application names it by its number", () => {
    const t = translator.t(language);
    const text = complaintCardText(t, { ...lateComplaint, subject: "application:2026-000001" }, "ru");
    expect(text).toContain(t("staff.complaint.subject", { subject: "№ 2026-000001" }));
  });
});

describe("the Open button", () => {
  const starts = createDeskStarts("a key of at least thirty-two characters");
  const links = createDeskLinks({ appName: "desk", botUsername: () => "jobseeker_bot", starts });

  it("opens the record in the desk by a parameter that names neither the person nor the number", () => {
    const t = translator.t("ru");
    const undecided = { ...application, status: "submitted" as const, decidedBy: null, decidedAt: null };
    const rows = applicationCardKeyboard(t, undecided, links)!.inline_keyboard;
    const open = rows.at(-1)!;
    expect(open).toHaveLength(1);
    expect(open[0]!.text).toBe(t("staff.button.open"));
    const url = new URL((open[0] as { url: string }).url);
    expect(`${url.origin}${url.pathname}`).toBe("https://t.me/jobseeker_bot/desk");
    const param = url.searchParams.get("startapp")!;
    expect(param).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    expect(param).not.toContain("2026");
    expect(starts.read(param)).toEqual({ screen: "record", kind: "application", id: undecided.id });
    // The quick actions stay above it.
    expect(
      rows
        .slice(0, -1)
        .flat()
        .map((b) => b.text),
    ).toEqual([t("staff.button.take"), t("staff.button.register"), t("staff.button.refuse")]);
  });

  it("stays alone on a decided card, and is absent without a desk", () => {
    const t = translator.t("kk");
    expect(
      applicationCardKeyboard(t, application, links)!
        .inline_keyboard.flat()
        .map((b) => b.text),
    ).toEqual([t("staff.button.open")]);
    expect(
      appealCardKeyboard(t, longAppeal, links)!
        .inline_keyboard.flat()
        .map((b) => b.text),
    ).toEqual([t("staff.button.open")]);
    expect(
      complaintCardKeyboard(t, lateComplaint, links)!
        .inline_keyboard.flat()
        .map((b) => b.text),
    ).toEqual([t("staff.complaint.renew"), t("staff.complaint.refuseRenewal"), t("staff.button.open")]);
    expect(applicationCardKeyboard(t, application, undefined)).toBeUndefined();
    const noDesk = createDeskLinks({ appName: undefined, botUsername: () => "jobseeker_bot", starts });
    expect(noDesk).toBeUndefined();
  });

  it("is refused by the desk when its parameter was altered or made with another key", () => {
    const param = starts.forRecord("appeal", longAppeal.id);
    expect(starts.read(param)).toEqual({ screen: "record", kind: "appeal", id: longAppeal.id });
    // Another record's id under this tag, or this id as another kind.
    expect(starts.read(param.replace(/^p_/, "a_"))).toBeUndefined();
    expect(starts.read(param.replace("5f0c1d1e", "5f0c1d1f"))).toBeUndefined();
    expect(createDeskStarts("another key of thirty-two characters!!").read(param)).toBeUndefined();
    expect(starts.read("find")).toEqual({ screen: "find" });
    expect(starts.read("export")).toEqual({ screen: "export" });
    expect(starts.read("2026-000001")).toBeUndefined();
  });
});
