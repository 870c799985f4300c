// A stand-in of the citizens' mobile database on 127.0.0.1, speaking the
// contract of issue 10: POST /check {iin, phone} with a bearer token →
// 200 {"registered": boolean}. Tests decide which pairs are registered and
// how it fails.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export type RegistryMode = "answering" | "error" | "malformed" | "silent";

export type RegistryStandIn = {
  url: string;
  token: string;
  /** Every check received, in order. */
  checks: Array<{ iin: string; phone: string; authorization: string | undefined }>;
  register(iin: string, phone: string): void;
  /** How it answers from now on. */
  mode: RegistryMode;
  close(): Promise<void>;
};

export async function startRegistryStandIn(token = "mdb-test-token"): Promise<RegistryStandIn> {
  const registered = new Set<string>();
  const hanging = new Set<() => void>();
  const standIn: Omit<RegistryStandIn, "url" | "close"> = {
    token,
    checks: [],
    register: (iin, phone) => registered.add(`${iin}:${phone}`),
    mode: "answering",
  };
  const server: Server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    request.on("end", () => {
      const { iin, phone } = JSON.parse(body) as { iin: string; phone: string };
      standIn.checks.push({ iin, phone, authorization: request.headers.authorization });
      if (request.url !== "/check" || request.headers.authorization !== `Bearer ${token}`) {
        response.writeHead(request.url === "/check" ? 401 : 404).end();
        return;
      }
      if (standIn.mode === "silent") {
        hanging.add(() => response.destroy());
        return;
      }
      if (standIn.mode === "error") return void response.writeHead(503).end();
      const answer =
        standIn.mode === "malformed" ? '{"ok":1}' : JSON.stringify({ registered: registered.has(`${iin}:${phone}`) });
      response.writeHead(200, { "content-type": "application/json" }).end(answer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(standIn, {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      for (const end of hanging) end();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  });
}
