// The Mini Apps' pages under /app/<app>/: the files scripts/build-web.ts
// wrote into dist/web/<app>/ (index.html, main.js, main.css), served from our
// own server. Nothing is loaded from elsewhere at run time (closed networks).
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";

const contentTypes: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
};

// The page talks to its own server only; Telegram shows it in a frame (Telegram Web).
const securityHeaders = {
  "content-security-policy":
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors https://web.telegram.org https://*.telegram.org",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
};

/** Serves each app built into `webRoot` (dist/web); an app not built is simply not there (404). */
export function miniAppPages(webRoot: string): FastifyPluginAsync {
  return async (app) => {
    const apps = await readdir(webRoot).catch(() => [] as string[]);
    const files = new Map<string, { type: string; body: Buffer }>();
    for (const name of apps) {
      const dir = path.join(webRoot, name);
      for (const file of await readdir(dir).catch(() => [] as string[])) {
        const type = contentTypes[path.extname(file)];
        if (type) files.set(`${name}/${file}`, { type, body: await readFile(path.join(dir, file)) });
      }
    }

    app.get<{ Params: { app: string } }>("/:app", async (request, reply) => {
      if (!files.has(`${request.params.app}/index.html`)) return reply.code(404).send({ error: "not found" });
      // Relative paths in the page (main.js) need the trailing slash; the hash stays with the browser.
      return reply.redirect(`/app/${request.params.app}/`, 301);
    });

    const serve = async (request: FastifyRequest<{ Params: { app: string; file?: string } }>, reply: FastifyReply) => {
      const found = files.get(`${request.params.app}/${request.params.file || "index.html"}`);
      if (!found) return reply.code(404).send({ error: "not found" });
      return reply
        .headers(securityHeaders)
        .header("cache-control", found.type.startsWith("text/html") ? "no-cache" : "public, max-age=300")
        .type(found.type)
        .send(found.body);
    };
    app.get("/:app/", serve);
    app.get("/:app/:file", serve);
  };
}
