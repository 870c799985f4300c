// The Mini Apps' API under /app/api/: the citizen's draft (the same one the
// chat fills in) and the operators' desk. Each request is authenticated by
// its initData (authenticate.ts); texts come from locales/ in the person's
// chosen language.
import type { FastifyInstance, FastifyPluginAsync } from "fastify";
import type { Translator } from "../../bot/i18n.ts";
import { type Language, suggestedLanguage } from "../../domain/language.ts";
import type { LanguagePreference } from "../../services/language-preference.ts";
import type { WebDraftView, WebFormService } from "../../services/web-form.ts";
import { webFormChangesSchema } from "../../services/web-form.ts";
import { type Authenticator, authenticate, type OperatorCheck } from "./authenticate.ts";
import { type DeskDependencies, mountDeskRoutes } from "./desk-api.ts";
import { describeFormIssues } from "./form-errors.ts";
import type { InitDataUser } from "./init-data.ts";

export type MiniAppDependencies = Authenticator &
  DeskDependencies & {
    webForm: WebFormService;
    languagePreference: LanguagePreference;
    translator: Translator;
    /** Operators: OPERATOR_IDS, and members of the staff chat as the chat checks them. */
    isOperator: OperatorCheck;
    /**
     * Told after a web save: the chat goes on from there (the bot says so; src/server never imports src/bot).
     * Logs its own failures and never rejects: the save has stood by then.
     */
    onWebFormSaved?(userId: number, draft: WebDraftView): Promise<void>;
  };

/** Texts the web form shows beside the person's answers, in their language. */
const formTextKeys = ["registration.summary", "education", "languageLevel", "workingHours"] as const;

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
    // The save stands whether or not the chat could be told (the next message there resumes it anyway):
    // the callback logs its own failures and does not reject.
    await deps.onWebFormSaved?.(user.id, saved);
    return saved;
  });

  async function noDraftText(user: InitDataUser): Promise<string> {
    return deps.translator.t(await languageOf(user))("registration.errors.noDraft");
  }
}
