// Who is calling: every Mini App request carries Telegram's initData in
// `Authorization: tma <initData>` (the contract outside tests rely on). A
// missing, forged, altered or stale one is answered 401 with the reason; the
// desk then also wants an operator (403 otherwise).
import type { FastifyReply, FastifyRequest } from "fastify";
import { checkInitData, type InitDataUser } from "./init-data.ts";

export type Authenticator = {
  botToken: string;
  now(): Date;
};

export type OperatorCheck = (userId: number) => Promise<boolean>;

/** The caller, or undefined once the 401 is sent. */
export async function authenticate(
  request: FastifyRequest,
  reply: FastifyReply,
  auth: Authenticator,
): Promise<InitDataUser | undefined> {
  const initData = initDataOf(request.headers.authorization);
  if (initData === undefined) {
    await reply.code(401).send({ error: "unauthorized", reason: "missing" });
    return undefined;
  }
  const check = checkInitData(initData, auth.botToken, auth.now());
  if (!check.ok) {
    await reply.code(401).send({ error: "unauthorized", reason: check.reason });
    return undefined;
  }
  return check.user;
}

/** The caller if they are an operator; 401 or 403 sent otherwise. */
export async function authenticateOperator(
  request: FastifyRequest,
  reply: FastifyReply,
  auth: Authenticator,
  isOperator: OperatorCheck,
): Promise<InitDataUser | undefined> {
  const user = await authenticate(request, reply, auth);
  if (!user) return undefined;
  if (await isOperator(user.id)) return user;
  await reply.code(403).send({ error: "forbidden", reason: "not_an_operator" });
  return undefined;
}

function initDataOf(header: string | undefined): string | undefined {
  const match = header === undefined ? null : /^tma (.+)$/s.exec(header);
  return match?.[1];
}
