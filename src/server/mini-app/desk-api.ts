// The operators' desk under /app/api/desk/: the queue, one record in full,
// the decisions, support answers, search, statistics and the CSV export.
// Operators only (403 otherwise). A decision goes through the same service,
// and so the same conditional update, as the staff chat's buttons: of a desk
// and a group decision, one wins and the other gets 409 with the reason in
// the operator's language. The group's card then shows the decision, and the
// person is told through the outbox, as after a press in the group.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { TFunction } from "i18next";
import type { z } from "zod";
import type { Translator } from "../../bot/i18n.ts";
import type { Actor } from "../../domain/actor.ts";
import type { Application } from "../../domain/application.ts";
import { applicationStatusText } from "../../domain/application-status.ts";
import { applicationsExportCsv } from "../../domain/applications-csv.ts";
import { almatyDate } from "../../domain/dates.ts";
import { formatDateTime } from "../../domain/format.ts";
import { sexOfIin } from "../../domain/iin.ts";
import { type Language, suggestedLanguage } from "../../domain/language.ts";
import type { AppealChange, AppealExtension, AppealService } from "../../services/appeals.ts";
import type { ComplaintChange, ComplaintService } from "../../services/complaints.ts";
import type { DecisionService } from "../../services/decisions.ts";
import type { DeskService } from "../../services/desk.ts";
import type { LanguagePreference } from "../../services/language-preference.ts";
import type { StaffRecords } from "../../services/staff-records.ts";
import type { SupportService } from "../../services/support.ts";
import { type Authenticator, authenticateOperator, type OperatorCheck } from "./authenticate.ts";
import {
  type AppealDecisionBody,
  appealDecisionBody,
  appealParams,
  applicationParams,
  type ComplaintDecisionBody,
  complaintDecisionBody,
  complaintParams,
  exportQuery,
  queueQuery,
  refusalBody,
  searchQuery,
  startParams,
  threadParams,
  threadReplyBody,
} from "./desk-schemas.ts";
import { appealView, applicationView, complaintView, queueView, threadView } from "./desk-views.ts";
import type { StaffBoard } from "./staff-board.ts";

export type DeskDependencies = Authenticator & {
  isOperator: OperatorCheck;
  translator: Translator;
  languagePreference: LanguagePreference;
  desk: DeskService;
  decisions: DecisionService;
  appeals: AppealService;
  complaints: ComplaintService;
  support: SupportService;
  staffRecords: StaffRecords;
  board: StaffBoard;
};

/** The operator at the desk, and their language. */
type Caller = { operator: Actor; t: TFunction };

export function mountDeskRoutes(app: FastifyInstance, deps: DeskDependencies): void {
  const caller = async (request: FastifyRequest, reply: FastifyReply): Promise<Caller | undefined> => {
    const user = await authenticateOperator(request, reply, deps, deps.isOperator);
    if (!user) return undefined;
    const language: Language =
      (await deps.languagePreference.chosenLanguage(user.id)) ?? suggestedLanguage(user.languageCode);
    return { operator: { id: user.id, name: user.name }, t: deps.translator.t(language) };
  };

  /** The parsed input, or undefined once a 400 in the operator's language is sent. */
  const parsed = async <S extends z.ZodType>(
    schema: S,
    value: unknown,
    reply: FastifyReply,
    t: TFunction,
  ): Promise<z.infer<S> | undefined> => {
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    await reply.code(400).send({ error: "invalid", message: t("miniApp.errors.invalidBody") });
    return undefined;
  };

  const notFound = (reply: FastifyReply, t: TFunction) =>
    reply.code(404).send({ error: "not_found", message: t("desk.errors.notFound") });

  const alreadyDecided = (reply: FastifyReply, t: TFunction, application: Application) =>
    reply.code(409).send({
      error: "already_decided",
      message: t("staff.alreadyDecided", {
        number: application.number ?? "",
        status: applicationStatusText(t, application.status, sexOfIin(application.form.iin)),
        name: application.decidedBy?.name ?? "",
        at: application.decidedAt ? formatDateTime(application.decidedAt) : "",
      }),
    });

  const now = () => deps.now();

  app.get("/desk/queue", async (request, reply) => {
    const who = await caller(request, reply);
    if (!who) return reply;
    const query = await parsed(queueQuery, request.query, reply, who.t);
    if (!query) return reply;
    return queueView(await deps.desk.queue(query.filter, who.operator, now()));
  });

  app.get("/desk/open/:startId", async (request, reply) => {
    const who = await caller(request, reply);
    if (!who) return reply;
    const params = await parsed(startParams, request.params, reply, who.t);
    if (!params) return reply;
    const opening = await deps.desk.open(params.startId, who.operator, now());
    if (!opening) return notFound(reply, who.t);
    switch (opening.kind) {
      case "find":
      case "export":
        return { kind: opening.kind };
      case "application":
        return applicationView(opening.record);
      case "appeal":
        return appealView(opening.record);
      case "complaint":
        return complaintView(opening.record);
    }
  });

  mountApplicationRoutes(app, deps, { caller, parsed, notFound, alreadyDecided, now });
  mountAppealAndComplaintRoutes(app, deps, { caller, parsed, notFound, alreadyDecided, now });
  mountRecordsRoutes(app, deps, { caller, parsed, notFound, alreadyDecided, now });
}

type Helpers = {
  caller(request: FastifyRequest, reply: FastifyReply): Promise<Caller | undefined>;
  parsed<S extends z.ZodType>(
    schema: S,
    value: unknown,
    reply: FastifyReply,
    t: TFunction,
  ): Promise<z.infer<S> | undefined>;
  notFound(reply: FastifyReply, t: TFunction): FastifyReply;
  alreadyDecided(reply: FastifyReply, t: TFunction, application: Application): FastifyReply;
  now(): Date;
};

function mountApplicationRoutes(app: FastifyInstance, deps: DeskDependencies, h: Helpers): void {
  /** The operator, and the submitted application the path names; undefined once answered. */
  const target = async (request: FastifyRequest, reply: FastifyReply) => {
    const who = await h.caller(request, reply);
    if (!who) return undefined;
    const params = await h.parsed(applicationParams, request.params, reply, who.t);
    if (!params) return undefined;
    const application = await deps.desk.findApplication(params.number);
    if (!application) return void (await h.notFound(reply, who.t));
    return { ...who, application };
  };

  app.get("/desk/applications/:number", async (request, reply) => {
    const who = await h.caller(request, reply);
    if (!who) return reply;
    const params = await h.parsed(applicationParams, request.params, reply, who.t);
    if (!params) return reply;
    const application = await deps.desk.viewApplication(params.number, who.operator, h.now());
    if (!application) return h.notFound(reply, who.t);
    return applicationView(application);
  });

  app.post("/desk/applications/:number/take", async (request, reply) => {
    const found = await target(request, reply);
    if (!found) return reply;
    const { t, operator } = found;
    const result = await deps.decisions.take(found.application.id, operator, h.now());
    if (result.kind === "not_found") return h.notFound(reply, t);
    if (result.kind === "already_decided") return h.alreadyDecided(reply, t, result.application);
    if (result.kind === "taken_by_other") {
      return reply.code(409).send({
        error: "taken_by_other",
        message: t("staff.takenByOther", { name: result.application.assignee?.name ?? "" }),
      });
    }
    await deps.board.applicationChanged(result.application);
    return applicationView(result.application);
  });

  const decide = async (
    reply: FastifyReply,
    found: Caller & { application: Application },
    decision: Parameters<DecisionService["decide"]>[2],
  ) => {
    const result = await deps.decisions.decide(found.application.id, found.operator, decision, h.now());
    if (result.kind === "not_found") return h.notFound(reply, found.t);
    if (result.kind === "already_decided") return h.alreadyDecided(reply, found.t, result.application);
    await deps.board.applicationChanged(result.application);
    deps.board.sendReminders();
    return applicationView(result.application);
  };

  app.post("/desk/applications/:number/register", async (request, reply) => {
    const found = await target(request, reply);
    if (!found) return reply;
    return decide(reply, found, { kind: "register" });
  });

  app.post("/desk/applications/:number/refuse", async (request, reply) => {
    const found = await target(request, reply);
    if (!found) return reply;
    const body = await h.parsed(refusalBody, request.body, reply, found.t);
    if (!body) return reply;
    return decide(reply, found, { kind: "refuse", ground: body.ground, note: body.comment });
  });
}

function mountAppealAndComplaintRoutes(app: FastifyInstance, deps: DeskDependencies, h: Helpers): void {
  const appealAnswer = async (reply: FastifyReply, t: TFunction, result: AppealChange | AppealExtension) => {
    if (result.kind === "not_found") return h.notFound(reply, t);
    if (result.kind === "bad_date") {
      return reply.code(400).send({ error: "bad_date", message: t(`staff.appeal.extension.${result.reason}`) });
    }
    if (result.kind === "not_allowed") {
      return reply.code(409).send({
        error: "not_open",
        message: t("staff.appeal.notOpen", {
          number: result.appeal.number,
          status: t(`appealStatus.${result.appeal.status}`),
        }),
      });
    }
    await deps.board.appealChanged(result.appeal);
    deps.board.sendReminders();
    return appealView(result.appeal);
  };

  const actOnAppeal = (id: string, operator: Actor, body: AppealDecisionBody, now: Date) => {
    switch (body.action) {
      case "satisfy":
        return deps.appeals.decide(id, operator, "satisfied", body.note, now);
      case "refuse":
        return deps.appeals.decide(id, operator, "refused", body.note, now);
      case "refer":
        return deps.appeals.refer(id, operator, body.body, now);
      case "extend":
        return deps.appeals.extend(id, operator, body.newDue, body.note, now);
      case "lacking":
        return deps.appeals.markNonCompliant(id, operator, body.missing, now, body.days);
    }
  };

  app.get("/desk/appeals/:number", async (request, reply) => {
    const who = await h.caller(request, reply);
    if (!who) return reply;
    const params = await h.parsed(appealParams, request.params, reply, who.t);
    if (!params) return reply;
    const appeal = await deps.desk.viewAppeal(params.number, who.operator, h.now());
    return appeal ? appealView(appeal) : h.notFound(reply, who.t);
  });

  app.post("/desk/appeals/:number/decision", async (request, reply) => {
    const who = await h.caller(request, reply);
    if (!who) return reply;
    const params = await h.parsed(appealParams, request.params, reply, who.t);
    if (!params) return reply;
    const body = await h.parsed(appealDecisionBody, request.body, reply, who.t);
    if (!body) return reply;
    const appeal = await deps.desk.findAppeal(params.number);
    if (!appeal) return h.notFound(reply, who.t);
    const result = await actOnAppeal(appeal.id, who.operator, body, h.now());
    // The staff chat words a late referral so; the service's answer is the same "not allowed".
    if (body.action === "refer" && result.kind === "not_allowed") {
      return reply
        .code(409)
        .send({ error: "not_open", message: who.t("staff.appeal.referLate", { number: appeal.number }) });
    }
    return appealAnswer(reply, who.t, result);
  });

  const complaintAnswer = async (reply: FastifyReply, t: TFunction, result: ComplaintChange) => {
    if (result.kind === "not_found") return h.notFound(reply, t);
    if (result.kind === "not_allowed") {
      return reply.code(409).send({
        error: "not_open",
        message: t("staff.complaint.notOpen", {
          number: result.complaint.number,
          status: t(`complaintStatus.${result.complaint.status}`),
        }),
      });
    }
    await deps.board.complaintChanged(result.complaint);
    deps.board.sendReminders();
    return complaintView(result.complaint);
  };

  const actOnComplaint = (id: string, operator: Actor, body: ComplaintDecisionBody, now: Date) => {
    switch (body.action) {
      case "renew":
        return deps.complaints.renew(id, operator, now);
      case "refuseRenewal":
        return deps.complaints.refuseRenewal(id, operator, body.note, now);
      case "satisfy":
        return deps.complaints.decide(id, operator, "satisfied", body.note, now);
      case "refuse":
        return deps.complaints.decide(id, operator, "refused", body.note, now);
    }
  };

  app.get("/desk/complaints/:number", async (request, reply) => {
    const who = await h.caller(request, reply);
    if (!who) return reply;
    const params = await h.parsed(complaintParams, request.params, reply, who.t);
    if (!params) return reply;
    const complaint = await deps.desk.viewComplaint(params.number, who.operator, h.now());
    return complaint ? complaintView(complaint) : h.notFound(reply, who.t);
  });

  app.post("/desk/complaints/:number/decision", async (request, reply) => {
    const who = await h.caller(request, reply);
    if (!who) return reply;
    const params = await h.parsed(complaintParams, request.params, reply, who.t);
    if (!params) return reply;
    const body = await h.parsed(complaintDecisionBody, request.body, reply, who.t);
    if (!body) return reply;
    const complaint = await deps.desk.findComplaint(params.number);
    if (!complaint) return h.notFound(reply, who.t);
    return complaintAnswer(reply, who.t, await actOnComplaint(complaint.id, who.operator, body, h.now()));
  });

  app.get("/desk/threads/:id", async (request, reply) => {
    const who = await h.caller(request, reply);
    if (!who) return reply;
    const params = await h.parsed(threadParams, request.params, reply, who.t);
    if (!params) return reply;
    const view = await deps.support.byId(params.id);
    return view ? threadView(view) : h.notFound(reply, who.t);
  });

  app.post("/desk/threads/:id/reply", async (request, reply) => {
    const who = await h.caller(request, reply);
    if (!who) return reply;
    const params = await h.parsed(threadParams, request.params, reply, who.t);
    if (!params) return reply;
    const body = await h.parsed(threadReplyBody, request.body, reply, who.t);
    if (!body) return reply;
    const view = await deps.support.byId(params.id);
    if (!view) return h.notFound(reply, who.t);
    if (view.thread.status !== "open") {
      return reply.code(409).send({ error: "closed", message: who.t("staff.thread.alreadyClosed") });
    }
    await deps.board.answerThread(view, body.text, who.operator);
    return { delivered: true, message: who.t("staff.thread.delivered") };
  });

  app.post("/desk/threads/:id/close", async (request, reply) => {
    const who = await h.caller(request, reply);
    if (!who) return reply;
    const params = await h.parsed(threadParams, request.params, reply, who.t);
    if (!params) return reply;
    const view = await deps.support.close(params.id, who.operator, h.now());
    if (!view) return reply.code(409).send({ error: "closed", message: who.t("staff.thread.alreadyClosed") });
    await deps.board.threadClosed(view, who.operator);
    return threadView(view);
  });
}

function mountRecordsRoutes(app: FastifyInstance, deps: DeskDependencies, h: Helpers): void {
  app.get("/desk/search", async (request, reply) => {
    const who = await h.caller(request, reply);
    if (!who) return reply;
    const query = await h.parsed(searchQuery, request.query, reply, who.t);
    if (!query) return reply;
    const found = await deps.staffRecords.find(query.q, who.operator, h.now());
    if (!found) return reply.code(400).send({ error: "invalid", message: who.t("desk.search.notAQuery") });
    return {
      applications: found.applications.map(applicationView),
      appeals: found.appeals.map(appealView),
      complaints: found.complaints.map(complaintView),
      notifications: found.notifications,
    };
  });

  app.get("/desk/stats", async (request, reply) => {
    const who = await h.caller(request, reply);
    if (!who) return reply;
    return deps.staffRecords.stats(h.now());
  });

  app.get("/desk/export", async (request, reply) => {
    const who = await h.caller(request, reply);
    if (!who) return reply;
    const query = await h.parsed(exportQuery, request.query, reply, who.t);
    if (!query) return reply;
    // By default the month so far, as the staff chat's /export gave it.
    const today = almatyDate(h.now());
    const from = query.from ?? `${today.slice(0, 8)}01`;
    const to = query.to ?? today;
    const rows = await deps.staffRecords.export(from, to, who.operator, h.now());
    return reply
      .header("content-type", "text/csv; charset=utf-8")
      .header("content-disposition", `attachment; filename="applications-${from}-${to}.csv"`)
      .header("cache-control", "no-store")
      .send(applicationsExportCsv(who.t, rows));
  });
}
