// A stand-in of the SMS gateway on 127.0.0.1 for a bot in its own process:
// takes POST {phone, text} with the bearer token and keeps what it was sent.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export type SmsStandIn = {
  url: string;
  token: string;
  sent: Array<{ phone: string; text: string }>;
  lastCodeFor(phone: string): string | undefined;
  close(): Promise<void>;
};

export async function startSmsStandIn(token = "sms-test-token"): Promise<SmsStandIn> {
  const sent: SmsStandIn["sent"] = [];
  const server: Server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    request.on("end", () => {
      if (request.headers.authorization !== `Bearer ${token}`) {
        response.writeHead(401).end();
        return;
      }
      const { phone, text } = JSON.parse(body) as { phone: string; text: string };
      sent.push({ phone, text });
      response.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/sms`,
    token,
    sent,
    lastCodeFor: (phone) => codeIn(sent.findLast((sms) => sms.phone === phone)?.text),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export function codeIn(text: string | undefined): string | undefined {
  return text === undefined ? undefined : /\b(\d{6})\b/.exec(text)?.[1];
}
