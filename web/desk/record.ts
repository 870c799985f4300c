// One record in full, and what an operator may do with it: take, register or
// refuse an application; decide an appeal or a complaint; answer or close a
// conversation. Every answer of the server (a decision taken by someone else
// first, 409) is shown as it words it, in the operator's language.
import { h } from "../shared/dom.ts";
import type { Translate } from "../shared/i18n.ts";
import type { DeskAnswer, DeskCalls } from "./calls.ts";
import { type FormView, formView } from "./form-view.ts";
import { formatDate, formatDateTime } from "./format.ts";

type Common = { number: string; status: string; receivedAt: string | null; dueDate: string | null };
export type ApplicationRecord = Common & {
  kind: "application";
  form: FormView;
  assignee: string | null;
  decidedBy: string | null;
  refusalGround: string | null;
  refusalNote: string | null;
};
export type AppealRecord = Common & {
  kind: "appeal";
  content: { text?: string } & Record<string, unknown>;
  decisionNote: string | null;
  decidedBy: string | null;
};
export type ComplaintRecord = Common & {
  kind: "complaint";
  subject: string;
  essence: string;
  lateReason: string | null;
  decisionNote: string | null;
  decidedBy: string | null;
};
export type ThreadRecord = { kind: "thread"; id: string; status: string; openedAt: string };
export type DeskRecord = ApplicationRecord | AppealRecord | ComplaintRecord | ThreadRecord;

const refusalGrounds = ["unreliable_documents", "non_compliant_information"];
const openAppeal = ["received", "non_compliant", "extended"];

/**
 * The record's section; its heading takes the focus once it is on the page
 * (focusRecord), so that a keyboard or a screen reader starts there.
 */
export function recordView(t: Translate, calls: DeskCalls, record: DeskRecord, back: () => void): HTMLElement {
  const root = h("section", {});
  // Focusable from code only: after a decision the keyboard's place is here, not lost with the pressed button.
  const notice = h("p", { class: "notice", role: "status", tabindex: -1 });
  const show = (next: DeskRecord) => root.replaceChildren(...content(next));
  /** Sends an action; the record as it is now, or the server's reason beside the buttons. */
  const act = async (call: Promise<DeskAnswer<DeskRecord>>, done = "desk.action.done") => {
    const answer = await call;
    if (!answer.ok) {
      notice.className = "notice failed";
      notice.textContent = answer.message ?? t("desk.errors.network");
      return;
    }
    show(answer.body);
    notice.className = "notice";
    notice.textContent = t(done);
    notice.focus();
  };

  const content = (r: DeskRecord): Node[] => [
    h("button", { type: "button", onclick: back }, t("desk.record.back")),
    ...(r.kind === "application"
      ? applicationBody(t, r, calls, act)
      : r.kind === "appeal"
        ? appealBody(t, r, calls, act)
        : r.kind === "complaint"
          ? complaintBody(t, r, calls, act)
          : threadBody(t, r, calls, act)),
    notice,
  ];
  show(record);
  return root;
}

type Act = (call: Promise<DeskAnswer<DeskRecord>>, done?: string) => Promise<void>;

const facts = (rows: Array<[string, string | null | undefined]>) =>
  h(
    "dl",
    {},
    rows.filter(([, value]) => value).flatMap(([term, value]) => [h("dt", {}, term), h("dd", {}, value ?? "")]),
  );

function applicationBody(t: Translate, r: ApplicationRecord, calls: DeskCalls, act: Act): Node[] {
  const path = `/applications/${r.number}`;
  const nodes: Node[] = [
    h("h1", { tabindex: -1 }, t("desk.record.application", { number: r.number })),
    facts([
      [t("desk.record.status"), t(`status.${r.status}`)],
      [t("desk.record.received"), formatDateTime(r.receivedAt)],
      [t("desk.record.resultDue"), formatDate(r.dueDate)],
      [t("desk.record.assignee"), r.assignee],
      [t("desk.record.decidedBy"), r.decidedBy],
      [t("desk.record.ground"), r.refusalGround && t(`refusalGround.${r.refusalGround}`)],
      [t("desk.record.note"), r.refusalNote],
    ]),
    h("h2", {}, t("desk.record.form")),
    formView(t, r.form),
  ];
  if (r.status !== "submitted") return nodes;
  const ground = h(
    "select",
    { id: "ground", required: true },
    ...refusalGrounds.map((g) => h("option", { value: g }, t(`refusalGround.${g}`))),
  );
  const comment = h("textarea", { id: "comment", minlength: 2, maxlength: 500, required: true });
  const refusal = h(
    "form",
    {
      onsubmit: (event: Event) => {
        event.preventDefault();
        void act(calls.post(`${path}/refuse`, { ground: ground.value, comment: comment.value }));
      },
    },
    h("label", { for: "ground" }, t("desk.action.ground")),
    ground,
    h("label", { for: "comment" }, t("desk.action.comment")),
    comment,
    h("button", { type: "submit" }, t("desk.action.confirmRefuse")),
  );
  nodes.push(
    h(
      "div",
      { class: "actions" },
      r.assignee
        ? null
        : h("button", { type: "button", onclick: () => act(calls.post(`${path}/take`)) }, t("desk.action.take")),
      h(
        "button",
        { type: "button", class: "primary", onclick: () => act(calls.post(`${path}/register`)) },
        t("desk.action.register"),
      ),
    ),
    refusal,
  );
  return nodes;
}

/** A reasoning and the buttons that send it with their action. */
function reasonedActions(t: Translate, post: (body: object) => void, actions: Array<[string, string]>): HTMLElement {
  const note = h("textarea", { id: "note", minlength: 2, maxlength: 1000 });
  return h(
    "div",
    {},
    h("label", { for: "note" }, t("desk.action.note")),
    note,
    h(
      "div",
      { class: "actions" },
      ...actions.map(([action, label]) =>
        h("button", { type: "button", onclick: () => post({ action, note: note.value }) }, t(label)),
      ),
    ),
  );
}

function appealBody(t: Translate, r: AppealRecord, calls: DeskCalls, act: Act): Node[] {
  const nodes: Node[] = [
    h("h1", { tabindex: -1 }, t("desk.record.appeal", { number: r.number })),
    facts([
      [t("desk.record.status"), t(`appealStatus.${r.status}`)],
      [t("desk.record.received"), formatDateTime(r.receivedAt)],
      [t("desk.record.decisionDue"), formatDate(r.dueDate)],
      [t("desk.record.decidedBy"), r.decidedBy],
      [t("desk.record.reasoning"), r.decisionNote],
    ]),
    h("h2", {}, t("desk.record.content")),
    h("p", { class: "text" }, typeof r.content.text === "string" ? r.content.text : ""),
  ];
  if (!openAppeal.includes(r.status)) return nodes;
  const post = (body: object) => void act(calls.post(`/appeals/${r.number}/decision`, body));
  const newDue = h("input", { id: "newDue", type: "date" });
  nodes.push(
    reasonedActions(t, post, [
      ["satisfy", "desk.action.satisfy"],
      ["refuse", "desk.action.refuseAppeal"],
    ]),
    h(
      "div",
      { class: "actions" },
      h("label", { for: "newDue" }, t("desk.action.newDue")),
      newDue,
      h(
        "button",
        {
          type: "button",
          onclick: () =>
            post({
              action: "extend",
              newDue: newDue.value,
              note: (document.getElementById("note") as HTMLTextAreaElement).value,
            }),
        },
        t("desk.action.extend"),
      ),
    ),
  );
  return nodes;
}

function complaintBody(t: Translate, r: ComplaintRecord, calls: DeskCalls, act: Act): Node[] {
  const nodes: Node[] = [
    h("h1", { tabindex: -1 }, t("desk.record.complaint", { number: r.number })),
    facts([
      [t("desk.record.status"), t(`complaintStatus.${r.status}`)],
      [t("desk.record.received"), formatDateTime(r.receivedAt)],
      [t("desk.record.decisionDue"), formatDate(r.dueDate)],
      [t("desk.record.subject"), r.subject],
      [t("desk.record.lateReason"), r.lateReason],
      [t("desk.record.decidedBy"), r.decidedBy],
      [t("desk.record.reasoning"), r.decisionNote],
    ]),
    h("h2", {}, t("desk.record.essence")),
    h("p", { class: "text" }, r.essence),
  ];
  const post = (body: object) => void act(calls.post(`/complaints/${r.number}/decision`, body));
  if (r.status === "awaiting_renewal") {
    nodes.push(
      h("button", { type: "button", onclick: () => post({ action: "renew" }) }, t("desk.action.renew")),
      reasonedActions(t, post, [["refuseRenewal", "desk.action.refuseRenewal"]]),
    );
  } else if (r.status === "received") {
    nodes.push(
      reasonedActions(t, post, [
        ["satisfy", "desk.action.satisfy"],
        ["refuse", "desk.action.refuseAppeal"],
      ]),
    );
  }
  return nodes;
}

function threadBody(t: Translate, r: ThreadRecord, calls: DeskCalls, act: Act): Node[] {
  const nodes: Node[] = [
    h("h1", { tabindex: -1 }, t("desk.record.thread")),
    h("p", {}, t("desk.queue.openedAt", { at: formatDateTime(r.openedAt) })),
  ];
  if (r.status !== "open") return nodes;
  const text = h("textarea", { id: "reply", maxlength: 3000 });
  const path = `/threads/${r.id}`;
  nodes.push(
    h("label", { for: "reply" }, t("desk.action.reply")),
    text,
    h(
      "div",
      { class: "actions" },
      h(
        "button",
        {
          type: "button",
          class: "primary",
          onclick: async () => {
            const sent = await calls.post(`${path}/reply`, { text: text.value });
            if (sent.ok) text.value = "";
            await act(sent.ok ? calls.get<DeskRecord>(path) : Promise.resolve(sent), "desk.action.delivered");
          },
        },
        t("desk.action.send"),
      ),
      h("button", { type: "button", onclick: () => act(calls.post(`${path}/close`)) }, t("desk.action.close")),
    ),
  );
  return nodes;
}

/** Puts the keyboard's place on the record's heading, once the record is on the page. */
export function focusRecord(section: HTMLElement): void {
  section.querySelector<HTMLElement>("h1")?.focus();
}
