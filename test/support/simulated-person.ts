// A person who reads the chat rather than following a script: each answer is
// chosen by the question on screen (its text, in the person's language), so
// a bot that shifts the form — asks one question and files the answer under
// another — is caught by comparing what was stored with what the person
// typed for each question. Used by the fault tests.
import type { Message, TestUser } from "../../src/dev/bot-api-emulator/index.ts";
import type { Language } from "../../src/domain/language.ts";
import { validIin } from "./iins.ts";
import { type Texts, texts } from "./texts.ts";

/** Everything a person types into the form, distinct per person. */
export type PersonData = {
  phone: string;
  iin: string;
  surname: string;
  givenName: string;
  patronymic: string;
  employer: string;
  position: string;
  startedAt: { month: number; year: number };
  institution: string;
  speciality: string;
  graduationYear: number;
  skills: string;
  languageName: string;
  desiredPosition: string;
  desiredSalary: number;
  address: string;
  appealEssence: string;
  complaintEssence: string;
};

const letters = "абвгдежзиклмнопрстуфхцчшэюя";

/** n → two or three Cyrillic letters ("ааб"), so names stay names. */
function tag(n: number): string {
  return [Math.floor(n / (letters.length * letters.length)), Math.floor(n / letters.length), n]
    .map((part) => letters[part % letters.length])
    .join("");
}

export function personData(n: number): PersonData {
  const t = tag(n);
  return {
    phone: `+7701${String(1_000_000 + n).slice(-7)}`,
    iin: validIin(n),
    surname: `Сейітқали${t}`,
    givenName: `Айгерім${t}`,
    patronymic: `Ерланқызы${t}`,
    employer: `ТОО Жарық ${n}`,
    position: `Бухгалтер ${n}`,
    startedAt: { month: 1 + (n % 12), year: 2005 + (n % 15) },
    institution: `Университет ${n}`,
    speciality: `Учёт и аудит ${n}`,
    graduationYear: 1995 + (n % 25),
    skills: `Excel, 1С, навык ${n}`,
    languageName: `English ${t}`,
    desiredPosition: `Экономист ${n}`,
    desiredSalary: 200_000 + n,
    address: `Астана, ул. Абая ${n}`,
    appealEssence: `Прошу пересмотреть решение, обращение ${n}`,
    complaintEssence: `Жалоба на бездействие, номер ${n}`,
  };
}

export type SmsInbox = { lastCodeFor(phone: string): string | undefined };

type Action = (person: SimulatedPerson) => Promise<unknown>;
type QuestionRule = { key: string; pattern: RegExp; action: Action; repeats?: boolean };

export type SimulatedPersonOptions = {
  /** How long to wait for the bot's answer to one message. */
  replyTimeoutMs: number;
  /**
   * What the person does when the bot stays silent: "fail" (the test fails:
   * every update must get an answer) or "nudge" (write again, as a person
   * would after a while).
   */
  onSilence: "fail" | "nudge";
  /** Pause before sending again after "try again in a minute". */
  retryPauseMs?: number;
};

/**
 * Walks a flow (registration, appeal, complaint) by reading the newest
 * question on screen and answering it from the person's data.
 */
export class SimulatedPerson {
  readonly tx: Texts;
  /** How many times each question was answered. */
  readonly answers = new Map<string, number>();
  /** Notes the bot gave about lost or unseen answers, by locale key. */
  readonly notes = new Map<string, number>();
  private readonly rules: QuestionRule[];

  constructor(
    readonly user: TestUser,
    readonly language: Language,
    readonly data: PersonData,
    private readonly sms: SmsInbox,
    private readonly options: SimulatedPersonOptions,
  ) {
    this.tx = texts(language);
    this.rules = questionRules(this.tx);
  }

  /** Answers given again to a question answered before (after a failure), beyond the first. */
  get retyped(): number {
    let total = 0;
    for (const rule of this.rules) if (!rule.repeats) total += Math.max(0, (this.answers.get(rule.key) ?? 0) - 1);
    return total;
  }

  async register(): Promise<string> {
    await this.act(() => this.user.send("/start", this.waitOptions()));
    return this.walk(this.tx.pattern("registration.receipt"));
  }

  async fileAppeal(): Promise<string> {
    await this.act(() => this.user.send("/appeal", this.waitOptions()));
    return this.walk(this.tx.pattern("appeal.receipt"));
  }

  async fileComplaint(): Promise<string> {
    await this.act(() => this.user.send("/complaint", this.waitOptions()));
    return this.walk(new RegExp(`${this.tx.pattern("complaint.receipt").source}|${this.tx.pattern("complaint.receiptLate").source}`, "s"));
  }

  // ── the person's part ─────────────────────────────────────────────────────

  send(text: string) {
    return this.act(() => this.user.send(text, this.waitOptions()));
  }

  press(label: string) {
    return this.act(() => this.user.press(label, this.waitOptions()));
  }

  shareContact() {
    return this.act(() => this.user.shareContact({ phone: this.data.phone }, this.waitOptions()));
  }

  code(): string {
    const code = this.sms.lastCodeFor(this.data.phone);
    if (!code) throw new Error(`no SMS for ${this.data.phone}`);
    return code;
  }

  hasButton(label: string): boolean {
    return this.user.buttons().some((row) => row.includes(label));
  }

  // ── reading the chat ──────────────────────────────────────────────────────

  /** Answers questions until a message matching `done` arrives; returns its text. */
  private async walk(done: RegExp): Promise<string> {
    for (let steps = 0; steps < 500; steps++) {
      const newest = this.user.lastMessage();
      const text = newest?.text ?? "";
      if (done.test(text)) return text;
      this.countNotes(text);
      const onScreen = this.questionOnScreen();
      if (onScreen && (onScreen.message === newest || this.asksToTryAgain(text))) {
        if (onScreen.message !== newest) await sleep(this.options.retryPauseMs ?? 500);
        this.answers.set(onScreen.rule.key, (this.answers.get(onScreen.rule.key) ?? 0) + 1);
        await onScreen.rule.action(this);
        continue;
      }
      // Something said before the next question (a confirmation): wait for the question.
      await this.nextMessage(newest);
    }
    throw new Error(`${this.user.user.first_name} never finished; last text: ${this.user.lastText()}`);
  }

  private questionOnScreen(): { rule: QuestionRule; message: Message } | undefined {
    const messages = this.user.messages();
    for (let i = messages.length - 1; i >= 0; i--) {
      const message = messages[i]!;
      const rule = this.rules.find((candidate) => candidate.pattern.test(message.text ?? ""));
      if (rule) return { rule, message };
    }
    return undefined;
  }

  private asksToTryAgain(text: string): boolean {
    return [this.tx("form.answerNotSaved"), this.tx("errors.generic")].some((note) => text.startsWith(note));
  }

  private countNotes(text: string): void {
    for (const key of ["form.answerSaved", "form.beforeQuestion", "form.answerNotSaved", "form.continueHere", "errors.generic"]) {
      if (text.startsWith(this.tx(key))) this.notes.set(key, (this.notes.get(key) ?? 0) + 1);
    }
  }

  private async nextMessage(after: Message | undefined): Promise<void> {
    const count = this.user.messages().length;
    await this.user
      .waitFor((u) => u.messages().length > count || u.lastMessage() !== after, this.options.replyTimeoutMs)
      .catch(async (error: unknown) => {
        if (this.options.onSilence === "fail") throw error;
      });
  }

  private waitOptions() {
    return { timeoutMs: this.options.replyTimeoutMs };
  }

  /** Sends, and when the bot stays silent either fails or lets the person write again. */
  private async act(send: () => Promise<unknown>): Promise<void> {
    try {
      await send();
    } catch (error) {
      if (this.options.onSilence === "fail") throw error;
    }
  }
}

function questionRules(tx: Texts): QuestionRule[] {
  const rule = (key: string, action: Action, repeats = false): QuestionRule => ({ key, pattern: tx.pattern(key), action, repeats });
  const monthYear = (m: { month: number; year: number }) => `${String(m.month).padStart(2, "0")}.${m.year}`;
  return [
    rule("language.choose", (p) => p.press(tx(`language.button.${p.language}`))),
    rule("welcome", (p) => p.press(tx("registration.begin"))),
    rule("registration.phone.ask", (p) => p.shareContact()),
    rule("registration.iin.ask", (p) => p.send(p.data.iin)),
    rule("registration.fullName.surname", (p) => p.send(p.data.surname)),
    rule("registration.fullName.givenName", (p) => p.send(p.data.givenName)),
    rule("registration.fullName.patronymic", (p) => p.send(p.data.patronymic)),
    rule("registration.experience.ask", (p) => p.press(tx("registration.experience.add"))),
    rule("registration.experience.employer", (p) => p.send(p.data.employer)),
    rule("registration.experience.position", (p) => p.send(p.data.position)),
    rule("registration.experience.start", (p) => p.send(monthYear(p.data.startedAt))),
    rule("registration.experience.end", (p) => p.press(tx("registration.experience.untilNow"))),
    rule("registration.experience.added", (p) => p.press(tx("registration.common.done"))),
    rule("registration.education.ask", (p) => p.press(tx("registration.education.add"))),
    rule("registration.education.level", (p) => p.press(tx("education.higher"))),
    rule("registration.education.institution", (p) => p.send(p.data.institution)),
    rule("registration.education.speciality", (p) => p.send(p.data.speciality)),
    rule("registration.education.year", (p) => p.send(String(p.data.graduationYear))),
    rule("registration.education.added", (p) => p.press(tx("registration.common.done"))),
    rule("registration.skills.personal", (p) => p.send(p.data.skills)),
    rule("registration.skills.languagesAsk", (p) => p.press(tx("registration.skills.addLanguage"))),
    rule("registration.skills.language", (p) => p.send(p.data.languageName)),
    rule("registration.skills.level", (p) => p.press(tx("languageLevel.advanced"))),
    rule("registration.skills.languageAdded", (p) => p.press(tx("registration.common.done"))),
    // Toggles: pressed twice by design (the option, then "Done").
    rule(
      "registration.preferences.hours",
      (p) => (p.hasButton(`✅ ${tx("workingHours.full_time")}`) ? p.press(tx("registration.common.done")) : p.press(tx("workingHours.full_time"))),
      true,
    ),
    rule("registration.preferences.position", (p) => p.send(p.data.desiredPosition)),
    rule("registration.preferences.salary", (p) => p.send(String(p.data.desiredSalary))),
    { key: "registration.summary.title", pattern: new RegExp(escape(tx("registration.summary.title"))), action: (p) => p.press(tx("registration.summary.submit")) },
    rule("registration.consent.text", (p) => p.press(tx("registration.consent.agree"))),
    rule("registration.otp.ask", (p) => p.send(p.code())),
    rule("appeal.fullName", (p) => p.send(`${p.data.surname} ${p.data.givenName}`)),
    rule("appeal.kind", (p) => p.press(tx("appeal.kindNatural"))),
    rule("appeal.iin", (p) => p.send(p.data.iin)),
    rule("appeal.address", (p) => p.send(p.data.address)),
    rule("appeal.addressee", (p) => p.press(tx("appeal.body.service_provider"))),
    rule("appeal.essence", (p) => p.send(p.data.appealEssence)),
    { key: "appeal.check", pattern: new RegExp(escape(tx("appeal.check"))), action: (p) => p.press(tx("appeal.sign")) },
    rule("complaint.subject", (p) => p.send(p.data.complaintEssence.split(",")[0]!)),
    rule("complaint.learned", (p) => p.press(tx("complaint.today"))),
    rule("complaint.essence", (p) => p.send(p.data.complaintEssence)),
    { key: "complaint.check", pattern: new RegExp(escape(tx.start("complaint.check"))), action: (p) => p.press(tx("appeal.sign")) },
  ];
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
