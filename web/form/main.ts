// The citizen's form as a Mini App: the draft the chat fills in, on one page.
// The phone and the IIN are shown as given in the chat (they are checked
// there); the rest is edited here and saved with the same checks as the chat
// (the server's errors are shown beside their fields). Consent and signing
// stay in the chat: after a save the page hands over to it.
import "../shared/theme.css";
import { apiClient, type FieldError } from "../shared/api.ts";
import { h, uniqueId } from "../shared/dom.ts";
import { createTexts, guessLanguage, type Language, type Translate } from "../shared/i18n.ts";
import { connectTelegram } from "../shared/telegram.ts";
import {
  type DraftView,
  emptyJob,
  emptyLanguage,
  emptySchool,
  type FormState,
  type ListSection,
  listsLeftUnanswered,
  type Section,
  saveBody,
  stateOf,
} from "./model.ts";

const educationLevels = ["general_secondary", "technical_vocational", "post_secondary", "higher", "postgraduate"];
const languageLevels = ["basic", "intermediate", "advanced", "native"];
const workingHoursOptions = ["full_time", "part_time", "shifts", "flexible", "remote"];

const telegram = connectTelegram();
const api = apiClient(telegram.initData);
const root = document.getElementById("app")!;

async function start(): Promise<void> {
  telegram.ready();
  const me = await api.get<{ language: Language }>("/me");
  const t = await createTexts(me.ok ? me.body.language : guessLanguage(telegram.languageCode));
  document.title = t("miniApp.form.title");
  if (!me.ok) return showNotice(t, t(me.status === 401 ? "miniApp.form.unauthorized" : "miniApp.form.failed"));
  const draft = await api.get<DraftView>("/draft");
  if (draft.ok) return new FormPage(t, draft.body).render();
  if (draft.status === 404) return showNoDraft(t);
  showNotice(t, t(draft.status === 401 ? "miniApp.form.unauthorized" : "miniApp.form.failed"));
}

function showNotice(t: Translate, text: string): void {
  root.replaceChildren(h("h1", {}, t("miniApp.form.title")), h("p", { class: "notice failed", role: "alert" }, text));
}

/**
 * No draft yet (GET /draft answers 404): the form is begun in the chat,
 * where the phone and the IIN are given and checked. Not an error: the way in.
 */
function showNoDraft(t: Translate): void {
  root.replaceChildren(
    h("h1", {}, t("miniApp.form.title")),
    h(
      "p",
      { class: "notice", role: "status", id: "no-draft" },
      t("miniApp.form.noDraft", { begin: t("registration.begin") }),
    ),
    closeButton(t, "miniApp.form.toChat"),
  );
  if (telegram.insideTelegram) telegram.mainButton(t("miniApp.form.toChat"), () => telegram.close());
}

/** Back to the chat: Telegram closes the page; a desktop browser cannot, so the page says to close the tab. */
function closeButton(t: Translate, key: string): HTMLElement {
  const button = h(
    "button",
    {
      type: "button",
      class: "primary",
      onclick: () => {
        if (!telegram.close()) button.replaceWith(h("p", { class: "hint" }, t("miniApp.form.closeTab")));
      },
    },
    t(key),
  );
  return button;
}

class FormPage {
  private readonly state: FormState;
  private readonly touched = new Set<Section>();
  private errors: FieldError[] = [];
  private saving = false;

  constructor(
    private readonly t: Translate,
    private readonly draft: DraftView,
  ) {
    this.state = stateOf(draft.form);
    // What the draft holds is sent back with the save (changed or not): the server checks it whole.
    for (const section of ["experience", "education", "languageSkills", "workingHours"] as const) {
      if (draft.form[section] !== undefined) this.touched.add(section);
    }
  }

  render(): void {
    const { t } = this;
    const status = h("div", { id: "status", role: "status", "aria-live": "polite" });
    this.placed.clear();
    const sections = [
      this.contactSection(),
      this.nameSection(),
      this.experienceSection(),
      this.educationSection(),
      this.skillsSection(),
      this.preferencesSection(),
    ];
    const unplaced = this.errors.filter((error) => !this.placed.has(error.field));
    root.replaceChildren(
      h("h1", {}, t("miniApp.form.title")),
      h("p", { class: "hint" }, t("miniApp.form.intro")),
      this.errors.length === 0
        ? ""
        : h(
            "div",
            { class: "notice failed", role: "alert", id: "form-errors", tabindex: -1 },
            h("p", {}, t("miniApp.form.fixErrors")),
            unplaced.map((error) => h("p", { class: "error" }, error.message)),
          ),
      h("form", { novalidate: true, onsubmit: (event) => this.submitted(event) }, sections, [
        !telegram.insideTelegram && h("button", { type: "submit", class: "primary" }, t("miniApp.form.save")),
      ]),
      status,
    );
    if (telegram.insideTelegram) telegram.mainButton(t("miniApp.form.save"), () => void this.save());
  }

  /** Fields given an error beside them in this render (the rest are listed at the top). */
  private readonly placed = new Set<string>();

  private contactSection(): HTMLElement {
    const { t, draft } = this;
    return h(
      "fieldset",
      {},
      h("legend", {}, t("miniApp.form.contact")),
      h("p", { class: "readonly" }, `${t("registration.summary.phone")}: `, h("strong", {}, draft.form.phone ?? "—")),
      h("p", { class: "readonly" }, `${t("registration.summary.iin")}: `, h("strong", {}, draft.form.iin ?? "—")),
      h("p", { class: "hint" }, t("miniApp.form.chatOnly")),
    );
  }

  private nameSection(): HTMLElement {
    const { t } = this;
    return h(
      "fieldset",
      {},
      h("legend", {}, t("registration.summary.fullName")),
      this.text("fullName", "fullName.surname", t("miniApp.form.surname"), "surname", { autocomplete: "family-name" }),
      this.text("fullName", "fullName.givenName", t("miniApp.form.givenName"), "givenName", {
        autocomplete: "given-name",
      }),
      this.text("fullName", "fullName.patronymic", t("miniApp.form.patronymic"), "patronymic", {
        autocomplete: "additional-name",
      }),
    );
  }

  private experienceSection(): HTMLElement {
    const { t } = this;
    return this.list("experience", t("registration.summary.experience"), t("miniApp.form.addJob"), emptyJob, (i) => {
      const job = this.state.experience[i]!;
      const field = `experience.${i}`;
      return [
        this.input("experience", `${field}.employer`, t("miniApp.form.employer"), job.employer, (v) => {
          job.employer = v;
        }),
        this.input("experience", `${field}.position`, t("miniApp.form.position"), job.position, (v) => {
          job.position = v;
        }),
        this.input(
          "experience",
          `${field}.start`,
          t("miniApp.form.start"),
          job.start,
          (v) => {
            job.start = v;
          },
          { type: "month" },
        ),
        this.input(
          "experience",
          `${field}.end`,
          t("miniApp.form.end"),
          job.end,
          (v) => {
            job.end = v;
          },
          { type: "month", disabled: job.present },
        ),
        this.checkbox(t("miniApp.form.present"), job.present, (checked) => {
          job.present = checked;
          this.touch("experience");
          this.render();
        }),
      ];
    });
  }

  private educationSection(): HTMLElement {
    const { t } = this;
    return this.list(
      "education",
      t("registration.summary.education"),
      t("miniApp.form.addSchool"),
      emptySchool,
      (i) => {
        const school = this.state.education[i]!;
        const field = `education.${i}`;
        return [
          this.select(
            "education",
            `${field}.level`,
            t("miniApp.form.level"),
            school.level,
            educationLevels,
            "education",
            (v) => {
              school.level = v;
            },
          ),
          this.input("education", `${field}.institution`, t("miniApp.form.institution"), school.institution, (v) => {
            school.institution = v;
          }),
          this.input("education", `${field}.speciality`, t("miniApp.form.speciality"), school.speciality, (v) => {
            school.speciality = v;
          }),
          this.input(
            "education",
            `${field}.graduationYear`,
            t("miniApp.form.graduationYear"),
            school.graduationYear,
            (v) => {
              school.graduationYear = v;
            },
            { inputmode: "numeric" },
          ),
        ];
      },
    );
  }

  private skillsSection(): HTMLElement {
    const { t } = this;
    const languages = this.list(
      "languageSkills",
      t("registration.summary.languageSkills"),
      t("miniApp.form.addLanguage"),
      emptyLanguage,
      (i) => {
        const skill = this.state.languageSkills[i]!;
        const field = `languageSkills.${i}`;
        return [
          this.input("languageSkills", `${field}.language`, t("miniApp.form.language"), skill.language, (v) => {
            skill.language = v;
          }),
          this.select(
            "languageSkills",
            `${field}.level`,
            t("miniApp.form.languageLevel"),
            skill.level,
            languageLevels,
            "languageLevel",
            (v) => {
              skill.level = v;
            },
          ),
        ];
      },
    );
    const id = uniqueId("skills");
    return h(
      "div",
      {},
      h(
        "fieldset",
        {},
        h("legend", {}, t("registration.summary.personalSkills")),
        h("label", { for: id }, t("miniApp.form.personalSkills")),
        this.described(
          h("textarea", {
            id,
            maxlength: 1000,
            oninput: (event) => {
              this.state.personalSkills = (event.target as HTMLTextAreaElement).value;
              this.touch("personalSkills");
            },
          }),
          "personalSkills",
          this.state.personalSkills,
        ),
      ),
      languages,
    );
  }

  private preferencesSection(): HTMLElement {
    const { t } = this;
    const toggles = workingHoursOptions.map((option) =>
      h(
        "button",
        {
          type: "button",
          "aria-pressed": String(this.state.workingHours.includes(option)),
          onclick: (event) => {
            const list = this.state.workingHours;
            const on = list.includes(option);
            this.state.workingHours = on ? list.filter((o) => o !== option) : [...list, option];
            this.touch("workingHours");
            (event.currentTarget as HTMLElement).setAttribute("aria-pressed", String(!on));
          },
        },
        t(`workingHours.${option}`),
      ),
    );
    return h(
      "fieldset",
      {},
      h("legend", {}, t("miniApp.form.preferences")),
      h(
        "div",
        { role: "group", "aria-labelledby": "hours-label" },
        h("p", { id: "hours-label", class: "readonly" }, t("registration.summary.workingHours")),
        h("div", { class: "toggles" }, toggles),
        this.errorOf("workingHours", "hours-error"),
      ),
      this.text("desiredPosition", "desiredPosition", t("registration.summary.desiredPosition"), "desiredPosition"),
      this.text("desiredSalary", "desiredSalary", t("miniApp.form.salary"), "desiredSalary", { inputmode: "numeric" }),
    );
  }

  /** A list section: its entries, each with a "remove" button, "add", and "none" while it has no entries. */
  private list<K extends ListSection>(
    section: K,
    legend: string,
    addText: string,
    empty: () => FormState[K][number],
    entry: (index: number) => Array<Node | Node[]>,
  ): HTMLElement {
    const rows = this.state[section] as Array<FormState[K][number]>;
    return h(
      "fieldset",
      { id: `section-${section}` },
      h("legend", {}, legend),
      rows.length === 0 &&
        this.checkbox(this.t(`miniApp.form.none.${section}`), this.state.none[section], (checked) => {
          this.state.none[section] = checked;
          this.touch(section);
        }),
      rows.map((_, i) =>
        h(
          "div",
          { class: "entry" },
          entry(i).flat(),
          h(
            "button",
            {
              type: "button",
              onclick: () => {
                rows.splice(i, 1);
                this.touch(section);
                this.render();
                document.querySelector<HTMLElement>(`#section-${section} button`)?.focus();
              },
            },
            this.t("miniApp.form.remove"),
          ),
        ),
      ),
      this.errorOf(section, uniqueId("error"), false),
      h(
        "button",
        {
          type: "button",
          onclick: () => {
            rows.push(empty());
            this.state.none[section] = false;
            this.touch(section);
            this.render();
            document
              .querySelector<HTMLElement>(
                `#section-${section} .entry:last-of-type input, #section-${section} .entry:last-of-type select`,
              )
              ?.focus();
          },
        },
        addText,
      ),
    );
  }

  private text(
    section: Section,
    field: string,
    label: string,
    key: "surname" | "givenName" | "patronymic" | "desiredPosition" | "desiredSalary",
    extra: Record<string, string> = {},
  ): Node[] {
    return this.input(
      section,
      field,
      label,
      this.state[key],
      (v) => {
        this.state[key] = v;
      },
      extra,
    );
  }

  private input(
    section: Section,
    field: string,
    label: string,
    value: string,
    set: (value: string) => void,
    extra: Record<string, string | boolean> = {},
  ): Node[] {
    const id = uniqueId("field");
    const input = h("input", {
      id,
      type: "text",
      ...extra,
      oninput: (event) => {
        set((event.target as HTMLInputElement).value);
        this.touch(section);
      },
    });
    return [h("label", { for: id }, label), this.described(input, field, value)];
  }

  private select(
    section: Section,
    field: string,
    label: string,
    value: string,
    options: string[],
    textPrefix: string,
    set: (value: string) => void,
  ): Node[] {
    const id = uniqueId("field");
    const select = h(
      "select",
      {
        id,
        onchange: (event) => {
          set((event.target as HTMLSelectElement).value);
          this.touch(section);
        },
      },
      h("option", { value: "" }, this.t("miniApp.form.choose")),
      options.map((option) => h("option", { value: option }, this.t(`${textPrefix}.${option}`))),
    );
    return [h("label", { for: id }, label), this.described(select, field, value)];
  }

  private checkbox(label: string, checked: boolean, set: (checked: boolean) => void): HTMLElement {
    const id = uniqueId("check");
    return h(
      "div",
      { class: "check" },
      h("input", {
        id,
        type: "checkbox",
        checked,
        onchange: (event) => set((event.target as HTMLInputElement).checked),
      }),
      h("label", { for: id }, label),
    );
  }

  /** The control with its value, and the server's error for its field (or one inside it) right after it. */
  private described<E extends HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>(
    control: E,
    field: string,
    value: string,
  ): DocumentFragment {
    control.value = value;
    control.dataset.field = field;
    const errorId = `${control.id}-error`;
    const error = this.errorOf(field, errorId);
    if (error) {
      control.setAttribute("aria-invalid", "true");
      control.setAttribute("aria-describedby", errorId);
    }
    const fragment = document.createDocumentFragment();
    fragment.append(control);
    if (error) fragment.append(error);
    return fragment;
  }

  /** The errors of `field`, and with `nested` those of its parts ("experience.0.start.month"). */
  private errorOf(field: string, id: string, nested = true): HTMLElement | undefined {
    const found = this.errors.filter(
      (error) => error.field === field || (nested && error.field.startsWith(`${field}.`)),
    );
    if (found.length === 0) return undefined;
    for (const error of found) this.placed.add(error.field);
    return h("p", { class: "error", id }, found.map((error) => error.message).join(" "));
  }

  private submitted(event: Event): void {
    event.preventDefault();
    void this.save();
  }

  private touch(section: Section): void {
    this.touched.add(section);
  }

  private async save(): Promise<void> {
    if (this.saving) return;
    const unanswered = listsLeftUnanswered(this.state, this.draft.form);
    if (unanswered.length > 0) {
      this.errors = unanswered.map((section) => ({
        field: section,
        message: this.t("miniApp.errors.noneOrEntry", { none: this.t(`miniApp.form.none.${section}`) }),
      }));
      this.render();
      document.getElementById("form-errors")?.focus();
      return;
    }
    this.saving = true;
    telegram.mainButtonBusy(true);
    const answer = await api.put<DraftView>("/draft", saveBody(this.state, this.touched)).catch(() => undefined);
    this.saving = false;
    telegram.mainButtonBusy(false);
    if (answer?.ok) return this.saved();
    if (answer && !answer.ok && "errors" in answer) {
      this.errors = answer.errors;
      this.render();
      document.getElementById("form-errors")?.focus();
      return;
    }
    // The draft went meanwhile (submitted, declined or deleted in the chat): the way in again.
    if (answer && !answer.ok && answer.status === 404) return showNoDraft(this.t);
    const message = answer && !answer.ok && answer.status === 401 ? "miniApp.form.unauthorized" : "miniApp.form.failed";
    const status = document.getElementById("status");
    if (status) status.replaceChildren(h("p", { class: "notice failed", role: "alert" }, this.t(message)));
  }

  /** Signing is in the chat: the bot has sent the next question or the summary there. */
  private saved(): void {
    const { t } = this;
    root.replaceChildren(
      h("h1", {}, t("miniApp.form.title")),
      h("p", { class: "notice", role: "status", tabindex: -1, id: "saved" }, t("miniApp.form.saved")),
      closeButton(t, "miniApp.form.backToChat"),
    );
    document.getElementById("saved")?.focus();
    if (telegram.insideTelegram) telegram.mainButton(t("miniApp.form.backToChat"), () => telegram.close());
  }
}

void start();
