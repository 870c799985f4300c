// A load balancer in front of several instances of the bot, as the agency
// runs them: each request goes to the next instance in turn (one that does
// not answer is skipped), or, in mirror mode, to every instance at once, as
// when a retry and the first delivery arrive together.
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export type LoadBalancer = {
  port: number;
  backends: number[];
  mirror: boolean;
  /** How many requests each backend port was sent. */
  sent: Map<number, number>;
  close(): Promise<void>;
};

type Answer = { status: number; body: Buffer; contentType: string | undefined };

export async function startLoadBalancer(): Promise<LoadBalancer> {
  let next = 0;
  const balancer: LoadBalancer = {
    port: 0,
    backends: [],
    mirror: false,
    sent: new Map(),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };

  const forward = (port: number, method: string, path: string, headers: Record<string, string>, body: Buffer) =>
    new Promise<Answer>((resolve, reject) => {
      balancer.sent.set(port, (balancer.sent.get(port) ?? 0) + 1);
      const outgoing = request({ host: "127.0.0.1", port, method, path, headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 502,
            body: Buffer.concat(chunks),
            contentType: response.headers["content-type"],
          }),
        );
      });
      outgoing.on("error", reject);
      outgoing.end(body);
    });

  const server: Server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
    incoming.on("end", async () => {
      const body = Buffer.concat(chunks);
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(incoming.headers)) {
        if (typeof value === "string" && name !== "host" && name !== "connection") headers[name] = value;
      }
      const send = (port: number) => forward(port, incoming.method ?? "GET", incoming.url ?? "/", headers, body);
      let answer: Answer = { status: 502, body: Buffer.from("no backend"), contentType: "text/plain" };
      if (balancer.mirror) {
        const answers = await Promise.allSettled(balancer.backends.map(send));
        const ok = answers.flatMap((a) => (a.status === "fulfilled" ? [a.value] : []));
        answer = ok.find((a) => a.status < 300) ?? ok[0] ?? answer;
      } else {
        for (let tried = 0; tried < balancer.backends.length; tried++) {
          const port = balancer.backends[next++ % balancer.backends.length]!;
          const got = await send(port).catch(() => undefined);
          if (got) {
            answer = got;
            break;
          }
        }
      }
      outgoing.writeHead(answer.status, answer.contentType ? { "content-type": answer.contentType } : {});
      outgoing.end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  balancer.port = (server.address() as AddressInfo).port;
  return balancer;
}
