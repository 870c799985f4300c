// A person who reads the chat rather than following a script: each answer is
// chosen by the question on screen (its text, in the person's language), so
// a bot that shifts the form — asks one question and files the answer under
// another — is caught by comparing what was stored with what the person
// typed for each question. Used by the fault tests.
import type { Message, TestUser } from "@job-seeker/bot-api-emulator";
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

type Action = (person: SimulatedPerson, question: Message) => Promise<unknown>;
type Screen = {
  count: number;
  recent: Array<{ id: number; text: string; buttons: string }>;
  /** The bot's answer to the latest press (a notice shows only when it has a text). */
  pressAnswer: unknown;
};
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
  /**
   * Whether the bot has finished handling these updates (the fault rig reads
   * the bot's update ledger). Without it, an update the bot has taken counts
   * as finished, which in polling mode is as soon as it is fetched.
   */
  handled?: (updateIds: number[]) => Promise<boolean>;
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

  register(): Promise<string> {
    return this.walk("/start", this.tx.pattern("registration.receipt"));
  }

  fileAppeal(): Promise<string> {
    return this.walk("/appeal", this.tx.pattern("appeal.receipt"));
  }

  fileComplaint(): Promise<string> {
    return this.walk(
      "/complaint",
      new RegExp(
        `${this.tx.pattern("complaint.receipt").source}|${this.tx.pattern("complaint.receiptLate").source}`,
        "s",
      ),
    );
  }

  // ── the person's part ─────────────────────────────────────────────────────

  /** What the person did, newest last (for a failing test's report). */
  readonly actions: string[] = [];

  send(text: string) {
    this.actions.push(`send ${text}`);
    return this.act(() => this.user.send(text, this.waitOptions()));
  }

  press(label: string) {
    this.actions.push(`press ${label} (last message ${this.user.lastMessage()?.message_id})`);
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

  /** Whether the question's message (as it is now) shows this button. */
  hasButton(question: Message, label: string): boolean {
    return this.user.buttons(question).some((row) => row.includes(label));
  }

  // ── reading the chat ──────────────────────────────────────────────────────

  /**
   * Sends the command, then answers questions until a message matching
   * `done` arrives; returns its text. Only questions asked after the command
   * count; when the command itself failed ("try again"), it is sent again.
   */
  private async walk(command: string, done: RegExp): Promise<string> {
    const from = this.user.messages().length;
    await this.act(() => this.user.send(command, this.waitOptions()));
    for (let steps = 0; steps < 500; steps++) {
      const finished = this.user
        .messages()
        .slice(from)
        .find((message) => done.test(message.text ?? ""));
      if (finished) return finished.text!;
      const newest = this.user.lastMessage();
      const text = newest?.text ?? "";
      this.countNotes(text);
      const onScreen = this.questionOnScreen(from);
      const tryAgain = this.asksToTryAgain(text);
      if (onScreen && (onScreen.message === newest || tryAgain)) {
        // Asked to send again: after a pause, the question then on screen (one may have come meanwhile).
        const question = onScreen.message === newest ? onScreen : await this.afterPause(from, onScreen);
        this.answers.set(question.rule.key, (this.answers.get(question.rule.key) ?? 0) + 1);
        await question.rule.action(this, question.message);
        continue;
      }
      if (tryAgain) {
        await sleep(this.options.retryPauseMs ?? 500);
        await this.act(() => this.user.send(command, this.waitOptions()));
        continue;
      }
      // Something said before the next question (a confirmation): wait for the question.
      const came = await this.nextMessage(newest);
      // Nothing came and no question is there to answer again: write something, as a person would.
      if (!came && !onScreen) await this.act(() => this.user.send("?", this.waitOptions()));
    }
    throw new Error(`${this.user.user.first_name} never finished; the chat ends with:\n${this.chatTail()}`);
  }

  private async afterPause(from: number, before: { rule: QuestionRule; message: Message }) {
    await sleep(this.options.retryPauseMs ?? 500);
    return this.questionOnScreen(from) ?? before;
  }

  private questionOnScreen(from: number): { rule: QuestionRule; message: Message } | undefined {
    const messages = this.user.messages();
    for (let i = messages.length - 1; i >= from; i--) {
      const message = messages[i]!;
      const rule = this.rules.find((candidate) => candidate.pattern.test(message.text ?? ""));
      if (rule) return { rule, message };
    }
    return undefined;
  }

  private asksToTryAgain(text: string): boolean {
    return [this.tx("form.answerNotSaved"), this.tx("errors.generic"), this.tx("form.beforeQuestion")].some((note) =>
      text.startsWith(note),
    );
  }

  private countNotes(text: string): void {
    for (const key of [
      "form.answerSaved",
      "form.beforeQuestion",
      "form.answerNotSaved",
      "form.continueHere",
      "errors.generic",
    ]) {
      if (text.startsWith(this.tx(key))) this.notes.set(key, (this.notes.get(key) ?? 0) + 1);
    }
  }

  /** Whether a message came within the reply timeout. */
  private async nextMessage(after: Message | undefined): Promise<boolean> {
    const count = this.user.messages().length;
    return this.user
      .waitForChange((u) => u.messages().length > count || u.lastMessage() !== after, this.options.replyTimeoutMs)
      .then(
        () => true,
        (error: unknown) => {
          if (this.options.onSilence === "fail") throw new Error(`${(error as Error).message}\n${this.chatTail()}`);
          return false;
        },
      );
  }

  private waitOptions() {
    return { timeoutMs: this.options.replyTimeoutMs };
  }

  /**
   * Sends, then waits until the screen changes (a new message or an edit: a
   * press is often answered before the next question arrives); when the bot
   * stays silent, either fails or lets the person write again.
   */
  private async act(send: () => Promise<unknown>): Promise<void> {
    const before = this.screen();
    try {
      await send();
      if (!this.changedSince(before))
        await this.user.waitForChange(() => this.changedSince(before), this.options.replyTimeoutMs);
      await this.readWholeAnswer();
    } catch (error) {
      if (this.options.onSilence === "fail") throw new Error(`${(error as Error).message}\n${this.chatTail()}`);
    }
  }

  /**
   * A person reads the whole answer before acting again. Under load a turn's
   * messages come seconds apart; acting on the first of them, the person
   * would answer a question twice (its copy comes later), and every answer
   * given too early brings one more copy.
   */
  private async readWholeAnswer(): Promise<void> {
    if (this.user.updatesNotTaken > 0) await this.user.waitUntilUpdatesTaken(this.options.replyTimeoutMs);
    const handled = this.options.handled;
    if (!handled) return;
    const ids = this.user.updateIds();
    const deadline = Date.now() + this.options.replyTimeoutMs;
    while (!(await handled(ids))) {
      if (Date.now() > deadline)
        throw new Error(`the bot never finished handling the updates of ${this.user.user.first_name}`);
      await sleep(50);
    }
  }

  chatTail(): string {
    const chat = this.user
      .history()
      .slice(-12)
      .map(
        (m) =>
          `${m.message_id} ${m.from?.is_bot ? "bot" : "person"}: ${(m.text ?? "[non-text]").slice(0, 90)} ` +
          JSON.stringify(m.reply_markup ?? "").slice(0, 200),
      );
    return [...chat, "actions:", ...this.actions.slice(-6)].join("\n");
  }

  /** The last messages as the person sees them. */
  private screen(): Screen {
    const messages = this.user.messages();
    return {
      count: messages.length,
      recent: messages.slice(-3).map((message) => ({
        id: message.message_id,
        text: message.text ?? message.caption ?? "",
        buttons: JSON.stringify(message.reply_markup?.inline_keyboard ?? []),
      })),
      pressAnswer: this.user.lastCallbackAnswer(),
    };
  }

  /**
   * What the person takes for the bot's answer: a new message, a change to
   * one of the last messages (its text, or its buttons, which a toggle
   * ticks), or a notice shown where a button was pressed. Buttons taken off an answered question are no answer: a person
   * waits on for the next question.
   */
  private changedSince(before: Screen): boolean {
    const now = this.screen();
    if (now.count !== before.count) return true;
    if (now.pressAnswer !== before.pressAnswer && this.user.lastCallbackAnswer()?.text) return true;
    return now.recent.some((message, i) => {
      const was = before.recent[i];
      if (!was || was.id !== message.id || was.text !== message.text) return true;
      return message.buttons !== was.buttons && message.buttons !== "[]";
    });
  }
}

function questionRules(tx: Texts): QuestionRule[] {
  const rule = (key: string, action: Action, repeats = false): QuestionRule => ({
    key,
    pattern: tx.pattern(key),
    action,
    repeats,
  });
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
      (p, question) =>
        p.hasButton(question, `✅ ${tx("workingHours.full_time")}`)
          ? p.press(tx("registration.common.done"))
          : p.press(tx("workingHours.full_time")),
      true,
    ),
    rule("registration.preferences.position", (p) => p.send(p.data.desiredPosition)),
    rule("registration.preferences.salary", (p) => p.send(String(p.data.desiredSalary))),
    {
      key: "registration.summary.title",
      pattern: new RegExp(escapeRegExp(tx("registration.summary.title"))),
      action: (p) => p.press(tx("registration.summary.submit")),
    },
    rule("registration.consent.text", (p) => p.press(tx("registration.consent.agree"))),
    rule("registration.otp.ask.sign_application", (p) => p.send(p.code())),
    rule("registration.otp.ask.sign_appeal", (p) => p.send(p.code())),
    rule("registration.otp.ask.sign_complaint", (p) => p.send(p.code())),
    rule("appeal.fullName", (p) => p.send(`${p.data.surname} ${p.data.givenName}`)),
    rule("appeal.kind", (p) => p.press(tx("appeal.kindNatural"))),
    rule("appeal.iin", (p) => p.send(p.data.iin)),
    rule("appeal.signerIin", (p) => p.send(p.data.iin)),
    rule("appeal.phone", (p) => p.shareContact()),
    rule("complaint.phone", (p) => p.shareContact()),
    rule("appeal.address", (p) => p.send(p.data.address)),
    rule("appeal.addressee", (p) => p.press(tx("appeal.body.service_provider"))),
    rule("appeal.essence", (p) => p.send(p.data.appealEssence)),
    {
      key: "appeal.check",
      pattern: new RegExp(escapeRegExp(tx("appeal.check"))),
      action: (p) => p.press(tx("appeal.sign")),
    },
    rule("complaint.subject", (p) => p.send(p.data.complaintEssence.split(",")[0]!)),
    rule("complaint.learned", (p) => p.press(tx("complaint.today"))),
    rule("complaint.essence", (p) => p.send(p.data.complaintEssence)),
    {
      key: "complaint.check",
      pattern: new RegExp(escapeRegExp(tx.start("complaint.check"))),
      action: (p) => p.press(tx("appeal.sign")),
    },
  ];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
