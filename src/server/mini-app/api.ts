// The Mini Apps' API under /app/api/: the citizen's draft (the same one the
// chat fills in) and the operators' desk. Each request is authenticated by
// its initData (authenticate.ts); texts come from locales/ in the person's
// chosen language.
import type { FastifyInstance, FastifyPluginAsync } from "fastify";
import { z } from "zod";
import type { Translator } from "../../bot/i18n.ts";
import type { Application } from "../../domain/application.ts";
import { type Language, suggestedLanguage } from "../../domain/language.ts";
import type { DeskService } from "../../services/desk.ts";
import type { LanguagePreference } from "../../services/language-preference.ts";
import type { StaffQueue } from "../../services/staff-records.ts";
import { type WebDraftView, type WebFormService, webFormChangesSchema } from "../../services/web-form.ts";
import { type Authenticator, authenticate, authenticateOperator, type OperatorCheck } from "./authenticate.ts";
import { describeFormIssues } from "./form-errors.ts";
import type { InitDataUser } from "./init-data.ts";

export type MiniAppDependencies = Authenticator & {
  webForm: WebFormService;
  languagePreference: LanguagePreference;
  desk: DeskService;
  translator: Translator;
  /** Operators: OPERATOR_IDS, and members of the staff chat as the chat checks them. */
  isOperator: OperatorCheck;
  /** Told after a web save: the chat goes on from there (the bot says so; src/server never imports src/bot). */
  onWebFormSaved?(userId: number, draft: WebDraftView): Promise<void>;
};

/** Texts the web form shows beside the person's answers, in their language. */
const formTextKeys = ["registration.summary", "education", "languageLevel", "workingHours"] as const;

const numberParams = z.object({ number: z.string().regex(/^\d{4}-\d{6}$/) });

export function miniAppApi(deps: MiniAppDependencies): FastifyPluginAsync {
  return async (app) => {
    mountCitizenRoutes(app, deps);
    mountDeskRoutes(app, deps);
  };
}

function mountCitizenRoutes(app: FastifyInstance, deps: MiniAppDependencies): void {
  const languageOf = async (user: InitDataUser): Promise<Language> =>
    (await deps.languagePreference.chosenLanguage(user.id)) ?? suggestedLanguage(user.languageCode);

  app.get("/me", async (request, reply) => {
    const user = await authenticate(request, reply, deps);
    if (!user) return reply;
    const language = await languageOf(user);
    const t = deps.translator.t(language);
    const texts = Object.fromEntries(formTextKeys.map((key) => [key, t(key, { returnObjects: true })]));
    return { userId: user.id, language, texts: { ...texts, consent: t("registration.consent.text") } };
  });

  app.get("/draft", async (request, reply) => {
    const user = await authenticate(request, reply, deps);
    if (!user) return reply;
    const draft = await deps.webForm.draft(user.id);
    if (!draft) return reply.code(404).send({ error: "no draft", message: await noDraftText(user) });
    return draft;
  });

  // A whole form (20 entries in each list, 200 characters a field) is well under this.
  app.put("/draft", { bodyLimit: 64 * 1024 }, async (request, reply) => {
    const user = await authenticate(request, reply, deps);
    if (!user) return reply;
    const t = deps.translator.t(await languageOf(user));
    if (typeof request.body !== "object" || request.body === null || Array.isArray(request.body)) {
      return reply
        .code(400)
        .send({ error: "invalid", errors: [{ field: "", message: t("miniApp.errors.invalidBody") }] });
    }
    const changes = webFormChangesSchema.safeParse(request.body);
    if (!changes.success) {
      return reply.code(400).send({ error: "invalid", errors: describeFormIssues(changes.error.issues, t) });
    }
    const saved = await deps.webForm.save(user.id, changes.data);
    if (!saved) return reply.code(404).send({ error: "no draft", message: t("registration.errors.noDraft") });
    // The save stands whether or not the chat could be told (the next message there resumes it anyway);
    // the callback logs its own failures.
    await deps.onWebFormSaved?.(user.id, saved).catch(() => undefined);
    return saved;
  });

  async function noDraftText(user: InitDataUser): Promise<string> {
    return deps.translator.t(await languageOf(user))("registration.errors.noDraft");
  }
}

function mountDeskRoutes(app: FastifyInstance, deps: MiniAppDependencies): void {
  app.get("/desk/queue", async (request, reply) => {
    const operator = await authenticateOperator(request, reply, deps, deps.isOperator);
    if (!operator) return reply;
    return queueView(await deps.desk.queue());
  });

  app.get("/desk/applications/:number", async (request, reply) => {
    const operator = await authenticateOperator(request, reply, deps, deps.isOperator);
    if (!operator) return reply;
    const params = numberParams.safeParse(request.params);
    if (!params.success) return reply.code(400).send({ error: "not an application number" });
    const application = await deps.desk.viewApplication(
      params.data.number,
      { id: operator.id, name: operator.name },
      deps.now(),
    );
    if (!application) return reply.code(404).send({ error: "no such application" });
    return applicationView(application);
  });
}

/** The queue as /queue shows it: numbers, dates, statuses and who took it; nobody's personal data. */
function queueView(queue: StaffQueue) {
  return {
    applications: queue.applications.map((a) => ({
      number: a.number,
      status: a.status,
      receivedAt: a.submittedAt,
      dueDate: a.dueDate,
      assignee: a.assignee?.name ?? null,
    })),
    appeals: queue.appeals.map((a) => ({
      number: a.number,
      status: a.status,
      receivedAt: a.receivedAt,
      dueDate: a.extendedTo ?? a.dueDate,
    })),
    complaints: queue.complaints.map((c) => ({
      number: c.number,
      status: c.status,
      receivedAt: c.receivedAt,
      dueDate: c.dueDate,
    })),
    threads: queue.threads.map((thread) => ({ id: thread.id, openedAt: thread.openedAt })),
  };
}

function applicationView(application: Application) {
  return {
    number: application.number,
    status: application.status,
    form: application.form,
    receivedAt: application.submittedAt,
    dueDate: application.dueDate,
    assignee: application.assignee?.name ?? null,
    decidedBy: application.decidedBy?.name ?? null,
    decidedAt: application.decidedAt,
    refusalGround: application.refusalGround,
  };
}
