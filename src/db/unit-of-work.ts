// The one way services reach storage: repositories on the shared pool for a
// single read or write, and a transaction that hands the same repositories
// bound to it, so a change that writes several rows writes all or none.
import type { FieldCipher } from "./field-cipher.ts";
import type { PrismaClient } from "./generated/client.ts";
import { type Repositories, repositoriesOn } from "./repositories.ts";

export type UnitOfWork = {
  /** Each call its own statement. */
  repos: Repositories;
  transaction<T>(work: (repos: Repositories) => Promise<T>): Promise<T>;
};

export function createUnitOfWork(prisma: PrismaClient, cipher: FieldCipher): UnitOfWork {
  return {
    repos: repositoriesOn(prisma, cipher),
    transaction: (work) => prisma.$transaction((tx) => work(repositoriesOn(tx, cipher))),
  };
}
