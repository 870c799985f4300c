import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { afterEach, beforeEach, expect, it } from "vitest";
import { createLogger } from "../../src/logger.ts";
import { httpSmsGateway, SmsDeliveryError } from "../../src/services/sms-gateway.ts";

let logLines: string[];
beforeEach(() => {
  logLines = [];
});
const logger = () =>
  createLogger(
    "info",
    new Writable({
      write(chunk, _encoding, done) {
        logLines.push(String(chunk));
        done();
      },
    }),
  );

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

async function gatewayAnswering(status: number) {
  const received: Array<{ headers: IncomingMessage["headers"]; body: unknown }> = [];
  server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      received.push({ headers: request.headers, body: JSON.parse(body) });
      response.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`, received };
}

it("posts {phone, text} as JSON with the bearer token", async () => {
  const gateway = await gatewayAnswering(202);
  await httpSmsGateway(gateway.url, "secret", logger()).send("+77011234567", "Код: 123456");
  expect(gateway.received).toEqual([
    {
      headers: expect.objectContaining({ authorization: "Bearer secret", "content-type": "application/json" }),
      body: { phone: "+77011234567", text: "Код: 123456" },
    },
  ]);
});

it("fails when the gateway refuses", async () => {
  const gateway = await gatewayAnswering(503);
  await expect(httpSmsGateway(gateway.url, "secret", logger()).send("+77011234567", "x")).rejects.toThrow(
    SmsDeliveryError,
  );
});

it("fails when the gateway cannot be reached", async () => {
  await expect(httpSmsGateway("http://127.0.0.1:9/sms", undefined, logger()).send("+77011234567", "x")).rejects.toThrow(
    /unreachable/,
  );
});

it("logs each failure with the phone masked: the person is only asked to try again later", async () => {
  const gateway = await gatewayAnswering(503);
  await expect(httpSmsGateway(gateway.url, "secret", logger()).send("+77011234567", "Код: 123456")).rejects.toThrow(
    SmsDeliveryError,
  );
  expect(logLines).toHaveLength(1);
  expect(logLines[0]).toContain("SMS not sent");
  expect(logLines[0]).toContain("503");
  expect(logLines[0]).not.toContain("77011234567");
  expect(logLines[0]).not.toContain("123456");
});
