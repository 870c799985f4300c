// Drives a test user through the registration form, one answer at a time,
// pressing buttons by their text in the user's language.
import type { TestUser } from "@job-seeker/bot-api-emulator";
import type { Language } from "../../src/domain/language.ts";
import type { CapturingSms } from "./app-harness.ts";
import { type Texts, texts } from "./texts.ts";

export type Person = {
  phone: string;
  iin: string;
  surname: string;
  givenName: string;
  patronymic?: string;
  position: string;
};

export const aigerim: Person = {
  phone: "+77011234567",
  iin: "900101300017",
  surname: "Сейітқали",
  givenName: "Айгерім",
  patronymic: "Ерланқызы",
  position: "Бухгалтер",
};

export class RegistrationDriver {
  readonly tx: Texts;
  constructor(
    readonly user: TestUser,
    readonly language: Language,
  ) {
    this.tx = texts(language);
  }

  async chooseLanguage(): Promise<void> {
    await this.user.send("/start");
    await this.pressAndAwaitMessage(this.tx(`language.button.${this.language}`));
  }

  async begin(): Promise<void> {
    await this.pressAndAwaitMessage(this.tx("registration.begin"));
  }

  /**
   * A press is answered at once (answerCallbackQuery) and the message comes
   * after the bot's own work: on a loaded machine that can be longer than the
   * emulator's quiet period, and a person only goes on once they see it.
   */
  private async pressAndAwaitMessage(label: string): Promise<void> {
    const before = this.user.messages().length;
    await this.user.press(label);
    await this.user.waitFor((u) => u.messages().length > before);
  }

  async phone(person: Person): Promise<void> {
    await this.user.shareContact({ phone: person.phone });
  }

  async iin(person: Person): Promise<void> {
    await this.user.send(person.iin);
  }

  async fullName(person: Person): Promise<void> {
    await this.user.send(person.surname);
    await this.user.send(person.givenName);
    if (person.patronymic) await this.user.send(person.patronymic);
    else await this.user.press(this.tx("registration.fullName.noPatronymic"));
  }

  async experience(): Promise<void> {
    await this.user.press(this.tx("registration.experience.add"));
    await this.user.send("ТОО «Жарық»");
    await this.user.send("Бухгалтер");
    await this.user.send("09.2015");
    await this.user.press(this.tx("registration.experience.untilNow"));
    await this.user.press(this.tx("registration.common.done"));
  }

  async education(): Promise<void> {
    await this.user.press(this.tx("registration.education.add"));
    await this.user.press(this.tx("education.higher"));
    await this.user.send("КазНУ им. аль-Фараби");
    await this.user.send("Учёт и аудит");
    await this.user.send("2014");
    await this.user.press(this.tx("registration.common.done"));
  }

  async skills(): Promise<void> {
    await this.user.send("1С, Excel");
    await this.user.press(this.tx("registration.skills.addLanguage"));
    await this.user.send("English");
    await this.user.press(this.tx("languageLevel.intermediate"));
    await this.user.press(this.tx("registration.common.done"));
  }

  async preferences(person: Person): Promise<void> {
    await this.user.press(this.tx("workingHours.full_time"));
    await this.user.press(this.tx("workingHours.remote"));
    await this.user.press(this.tx("registration.common.done"));
    await this.user.send(person.position);
    await this.user.send("450 000");
  }

  /** From the language choice to the summary. */
  async fillUpToSummary(person: Person = aigerim): Promise<void> {
    await this.chooseLanguage();
    await this.begin();
    await this.phone(person);
    await this.iin(person);
    await this.fullName(person);
    await this.experience();
    await this.education();
    await this.skills();
    await this.preferences(person);
  }

  async confirmAndConsent(): Promise<void> {
    await this.user.press(this.tx("registration.summary.submit"));
    await this.user.press(this.tx("registration.consent.agree"));
  }

  async sign(sms: CapturingSms): Promise<void> {
    await this.user.send(sms.lastCode());
  }
}
