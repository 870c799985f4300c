// The operators' desk as a Mini App: the queue with its filters, one record
// in full with its decisions, search, statistics with the 30-day chart, and
// the CSV export. Opened from a card's "Open" link, it starts on the record
// the link names (`start_param` in the signed initData); /find and /export
// links start on the search and the export.
import "../shared/theme.css";
import "./desk.css";
import { h, uniqueId } from "../shared/dom.ts";
import { createTexts, guessLanguage, type Language, type Translate } from "../shared/i18n.ts";
import { connectTelegram } from "../shared/telegram.ts";
import { type DeskCalls, deskCalls } from "./calls.ts";
import { formatDate, formatDateTime } from "./format.ts";
import { type DeskRecord, focusRecord, recordView } from "./record.ts";
import { statsView } from "./stats.ts";

const filters = ["all", "due_today", "overdue", "mine", "appeals", "complaints"] as const;
type Filter = (typeof filters)[number];
type Screen = "queue" | "search" | "stats" | "export";

type QueueItem = {
  number: string;
  status: string;
  receivedAt: string;
  dueDate: string | null;
  assignee?: string | null;
};
type Queue = {
  applications: QueueItem[];
  appeals: QueueItem[];
  complaints: QueueItem[];
  threads: Array<{ id: string; openedAt: string }>;
};

const telegram = connectTelegram();
const calls = deskCalls(telegram.initData);
const root = document.getElementById("app")!;

async function start(): Promise<void> {
  telegram.ready();
  const me = await fetch("/app/api/me", { headers: { authorization: `tma ${telegram.initData}` } })
    .then((response) => (response.ok ? (response.json() as Promise<{ language: Language }>) : undefined))
    .catch(() => undefined);
  const t = await createTexts(me?.language ?? guessLanguage(telegram.languageCode));
  document.title = t("desk.title");
  new Desk(t, calls).open(new URLSearchParams(telegram.initData).get("start_param"));
}

class Desk {
  private filter: Filter = "all";
  /** The queue's item last opened: back in the queue, the keyboard's place is there again. */
  private lastOpened: string | undefined;
  private readonly body = h("div", { id: "screen" });
  private readonly navigation: HTMLElement;

  constructor(
    private readonly t: Translate,
    private readonly calls: DeskCalls,
  ) {
    this.navigation = this.nav();
  }

  /** The first screen: what the link named, or the queue. */
  async open(startParam: string | null): Promise<void> {
    root.replaceChildren(h("h1", {}, this.t("desk.title")), this.navigation, this.body);
    if (startParam === "find") return this.show("search");
    if (startParam === "export") return this.show("export");
    if (startParam) {
      const record = await this.calls.get<DeskRecord>(`/open/${encodeURIComponent(startParam)}`);
      if (record.ok) return this.showRecord(record.body);
      if (this.refused(record.status)) return;
    }
    return this.show("queue");
  }

  private nav(): HTMLElement {
    const screens: Screen[] = ["queue", "search", "stats", "export"];
    return h(
      "nav",
      { class: "toggles" },
      ...screens.map((screen) =>
        h(
          "button",
          {
            type: "button",
            "data-screen": screen,
            onclick: () => {
              this.lastOpened = undefined;
              void this.show(screen);
            },
          },
          this.t(`desk.nav.${screen}`),
        ),
      ),
    );
  }

  /** 401 and 403 end the visit with their reason; true when so. */
  private refused(status: number): boolean {
    if (status !== 401 && status !== 403) return false;
    const key = status === 401 ? "desk.errors.unauthorized" : "desk.errors.forbidden";
    root.replaceChildren(
      h("h1", {}, this.t("desk.title")),
      h("p", { class: "notice failed", role: "alert" }, this.t(key)),
    );
    return true;
  }

  private failed(message: string | undefined): void {
    this.body.replaceChildren(
      h("p", { class: "notice failed", role: "alert" }, message ?? this.t("desk.errors.network")),
    );
  }

  private async show(screen: Screen): Promise<void> {
    this.current(screen);
    this.body.replaceChildren(h("p", {}, this.t("desk.loading")));
    if (screen === "queue") return this.showQueue();
    if (screen === "search") return this.showSearch();
    if (screen === "export") return this.showExport();
    const stats = await this.calls.get<Parameters<typeof statsView>[1]>("/stats");
    if (!stats.ok) return void (this.refused(stats.status) || this.failed(stats.message));
    this.body.replaceChildren(statsView(this.t, stats.body));
  }

  /** Which screen the navigation marks as the one shown (a record belongs to the queue). */
  private current(screen: Screen): void {
    for (const button of this.navigation.querySelectorAll<HTMLElement>("button")) {
      if (button.dataset.screen === screen) button.setAttribute("aria-current", "page");
      else button.removeAttribute("aria-current");
    }
  }

  private async openRecord(path: string): Promise<void> {
    this.lastOpened = path;
    const record = await this.calls.get<DeskRecord>(path);
    if (!record.ok) return void (this.refused(record.status) || this.failed(record.message));
    this.showRecord(record.body);
  }

  private showRecord(record: DeskRecord): void {
    this.current("queue");
    const section = recordView(this.t, this.calls, record, () => this.show("queue"));
    this.body.replaceChildren(section);
    focusRecord(section);
  }

  /**
   * The queue; a press on a filter, or a way back from a record, keeps the
   * keyboard's place (on the filter, on the record's item) instead of
   * dropping it with the buttons the list is rebuilt without.
   */
  private async showQueue(): Promise<void> {
    const queue = await this.calls.get<Queue>(`/queue?filter=${this.filter}`);
    if (!queue.ok) return void (this.refused(queue.status) || this.failed(queue.message));
    const t = this.t;
    const filterBar = h(
      "div",
      { class: "toggles", role: "group" },
      ...filters.map((filter) =>
        h(
          "button",
          {
            type: "button",
            "aria-pressed": String(filter === this.filter),
            onclick: async () => {
              this.filter = filter;
              this.lastOpened = undefined;
              await this.showQueue();
              this.body.querySelector<HTMLElement>('[aria-pressed="true"]')?.focus();
            },
          },
          t(`desk.filter.${filter}`),
        ),
      ),
    );
    const item = (path: string, title: string, details: string[]) =>
      h(
        "li",
        {},
        h(
          "button",
          { type: "button", class: "item", "data-path": path, onclick: () => this.openRecord(path) },
          title,
          h("small", {}, details.join(" · ")),
        ),
      );
    const { applications, appeals, complaints, threads } = queue.body;
    const lists = [
      [
        "desk.queue.applications",
        applications.map((a) =>
          item(`/applications/${a.number}`, `№ ${a.number}`, [
            formatDateTime(a.receivedAt),
            t("desk.queue.due", { date: formatDate(a.dueDate) }),
            a.assignee ? t("desk.queue.takenBy", { name: a.assignee }) : t("desk.queue.nobody"),
          ]),
        ),
      ],
      [
        "desk.queue.appeals",
        appeals.map((a) =>
          item(`/appeals/${a.number}`, `№ ${a.number}`, [
            t(`appealStatus.${a.status}`),
            t("desk.queue.due", { date: formatDate(a.dueDate) }),
          ]),
        ),
      ],
      [
        "desk.queue.complaints",
        complaints.map((c) =>
          item(`/complaints/${c.number}`, `№ ${c.number}`, [
            t(`complaintStatus.${c.status}`),
            t("desk.queue.due", { date: formatDate(c.dueDate) }),
          ]),
        ),
      ],
      [
        "desk.queue.threads",
        threads.map((th) =>
          item(`/threads/${th.id}`, t("desk.record.thread"), [
            t("desk.queue.openedAt", { at: formatDateTime(th.openedAt) }),
          ]),
        ),
      ],
    ] as const;
    const shown = lists.filter(([, items]) => items.length > 0);
    this.body.replaceChildren(
      filterBar,
      ...(shown.length === 0
        ? [h("p", { class: "hint" }, t("desk.queue.empty"))]
        : shown.flatMap(([title, items]) => [h("h2", {}, t(title)), h("ul", { class: "queue" }, ...items)])),
    );
    const opened = this.lastOpened;
    this.lastOpened = undefined;
    // A record decided meanwhile has left the queue: the keyboard's place is then the filter shown.
    if (opened)
      (
        this.body.querySelector<HTMLElement>(`[data-path="${CSS.escape(opened)}"]`) ??
        this.body.querySelector<HTMLElement>('[aria-pressed="true"]')
      )?.focus();
  }

  private showSearch(): void {
    const t = this.t;
    const id = uniqueId("search");
    const input = h("input", { id, type: "search", maxlength: 40, autocomplete: "off", required: true });
    const results = h("div", { "aria-live": "polite" });
    const form = h(
      "form",
      {
        role: "search",
        onsubmit: async (event: Event) => {
          event.preventDefault();
          const found = await this.calls.get<{
            applications: DeskRecord[];
            appeals: DeskRecord[];
            complaints: DeskRecord[];
          }>(`/search?q=${encodeURIComponent(input.value)}`);
          if (!found.ok)
            return void results.replaceChildren(
              h("p", { class: "notice failed", role: "alert" }, found.message ?? t("desk.errors.network")),
            );
          const records = [...found.body.applications, ...found.body.appeals, ...found.body.complaints];
          results.replaceChildren(
            records.length === 0
              ? h("p", {}, t("desk.search.nothing"))
              : h(
                  "ul",
                  { class: "queue" },
                  ...records.map((record) =>
                    h(
                      "li",
                      {},
                      h(
                        "button",
                        { type: "button", class: "item", onclick: () => this.showRecord(record) },
                        "number" in record ? `№ ${record.number}` : "",
                      ),
                    ),
                  ),
                ),
          );
        },
      },
      h("label", { for: id }, t("desk.search.label")),
      input,
      h("button", { type: "submit", class: "primary" }, t("desk.search.submit")),
      h("p", { class: "hint" }, t("desk.search.audited")),
    );
    this.body.replaceChildren(form, results);
    input.focus();
  }

  private showExport(): void {
    const t = this.t;
    const today = new Date().toISOString().slice(0, 10);
    const from = h("input", { id: "from", type: "date", value: `${today.slice(0, 8)}01`, required: true });
    const to = h("input", { id: "to", type: "date", value: today, required: true });
    const status = h("p", { role: "status" });
    const form = h(
      "form",
      {
        onsubmit: async (event: Event) => {
          event.preventDefault();
          const file = await this.calls.download(`/export?from=${from.value}&to=${to.value}`);
          if (!file.ok) {
            status.className = "notice failed";
            status.textContent = file.message ?? t("desk.errors.network");
            return;
          }
          const link = h("a", { href: URL.createObjectURL(file.body.file), download: file.body.name });
          link.click();
          URL.revokeObjectURL(link.href);
        },
      },
      h("label", { for: "from" }, t("desk.export.from")),
      from,
      h("label", { for: "to" }, t("desk.export.to")),
      to,
      h("button", { type: "submit", class: "primary" }, t("desk.export.download")),
      h("p", { class: "hint" }, t("desk.export.audited")),
      status,
    );
    this.body.replaceChildren(form);
  }
}

void start();
