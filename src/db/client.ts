import type { Prisma } from "./generated/client.ts";

/** The Prisma client, or a transaction of it: every repository works on either. */
export type DbClient = Prisma.TransactionClient;
