// A port nobody listens on now, for a server whose URL must be known before
// it starts (WEBHOOK_URL names the bot's own port).
import { createServer } from "node:net";

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** The webhook settings of a bot served on this port. */
export const WEBHOOK_TEST_SECRET = "webhook-test-secret-0123456789-abcdef";

export function webhookEnv(port: number): Record<string, string> {
  return {
    HOST: "127.0.0.1",
    PORT: String(port),
    WEBHOOK_URL: `http://127.0.0.1:${port}/telegram/updates`,
    WEBHOOK_SECRET: WEBHOOK_TEST_SECRET,
  };
}
