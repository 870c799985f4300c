// The HTTP side of an instance (Fastify): /livez and /readyz for the load
// balancer and the orchestrator, /metrics for Prometheus, in webhook mode
// the path Telegram posts updates to, the Mini Apps' API under /app/api/ and
// their pages under /app/<app>/.
import { timingSafeEqual } from "node:crypto";
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import { z } from "zod";
import { describeError, type Logger } from "../logger.ts";
import type { Metrics } from "./metrics.ts";
import { type MiniAppDependencies, miniAppApi } from "./mini-app/api.ts";
import { miniAppPages } from "./mini-app/pages.ts";
import { checkReadiness, type ReadinessSources } from "./readiness.ts";

export type WebhookEndpoint = {
  /** The path of WEBHOOK_URL, e.g. /telegram/updates. */
  path: string;
  secret: string;
  /** grammY's webhookCallback for Fastify. */
  callback(request: FastifyRequest, reply: FastifyReply): Promise<unknown>;
};

export type HttpServerDependencies = {
  logger: Logger;
  metrics: Metrics;
  readiness: ReadinessSources;
  webhook: WebhookEndpoint | undefined;
  /** The citizen's form and the operators' desk as Mini Apps; unset = no /app/api/. */
  miniApp?: MiniAppDependencies;
  /** The built pages of the Mini Apps (dist/web), served under /app/<app>/. */
  webRoot?: string;
};

const SECRET_HEADER = "x-telegram-bot-api-secret-token";
const updateSchema = z.looseObject({ update_id: z.number().int().nonnegative() });

export function createHttpServer(deps: HttpServerDependencies): FastifyInstance {
  const { logger, metrics, readiness } = deps;
  // Fastify's own request log would name every path and address; ours logs failures only.
  const app = Fastify({ logger: false, return503OnClosing: false });

  app.get("/livez", async () => ({ status: "ok" }));

  app.get("/readyz", async (_request, reply) => {
    const result = await checkReadiness(readiness, Date.now());
    return result.ready ? { status: "ready" } : reply.code(503).send({ status: "not ready", reasons: result.reasons });
  });

  app.get("/metrics", async (_request, reply) => {
    const text = await metrics.registry.metrics();
    return reply.type(metrics.registry.contentType).send(text);
  });

  if (deps.webhook) mountWebhook(app, deps.webhook, readiness);
  if (deps.miniApp) void app.register(miniAppApi(deps.miniApp), { prefix: "/app/api" });
  if (deps.webRoot) void app.register(miniAppPages(deps.webRoot), { prefix: "/app" });

  app.setErrorHandler((error: { statusCode?: number; message: string }, request, reply) => {
    // The route, never the body: an update carries what a person wrote.
    logger.warn({ route: request.routeOptions.url, err: describeError(error) }, "HTTP request failed");
    const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
    return reply.code(status).send({ error: status === 500 ? "internal error" : error.message });
  });
  return app;
}

function mountWebhook(app: FastifyInstance, webhook: WebhookEndpoint, readiness: ReadinessSources): void {
  const expected = Buffer.from(webhook.secret);
  app.post(webhook.path, async (request, reply) => {
    if (!sameSecret(request.headers[SECRET_HEADER], expected)) return reply.code(401).send({ error: "unauthorized" });
    // Telegram tries again later, through the load balancer to another instance.
    if (readiness.draining()) return reply.code(503).send({ error: "stopping" });
    if (!updateSchema.safeParse(request.body).success) return reply.code(400).send({ error: "not an update" });
    return webhook.callback(request, reply);
  });
}

/** Constant-time: the time taken says nothing about how much of a guess was right. */
function sameSecret(header: string | string[] | undefined, expected: Buffer): boolean {
  if (typeof header !== "string") return false;
  const given = Buffer.from(header);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
