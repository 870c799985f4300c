// The one way services reach storage: repositories on the shared pool for a
// single read or write, and a transaction that hands the same repositories
// bound to it, so a change that writes several rows writes all or none.
//
// Two kinds of transaction. `transaction` is Prisma's interactive one: every
// repository, the hot path's raw statements sent through its client so they
// join it. `turnTransaction` is the driver's own (BEGIN … COMMIT on one pg
// connection, or PGlite's), for a turn that writes only its state and its
// draft: no query compiler on the way (BENCHMARKS.md, "Levers"), and the type
// of its repositories keeps Prisma ones out of it.
//
// Both wait for one of a bounded number of slots first. Prisma starts its
// `maxWait` timer when it asks the pool for a connection: with more
// transactions than connections, the ones queued behind failed with P2028
// under load. Queued here, a transaction waits without a timer and Prisma
// finds a connection free.
import type { FieldCipher } from "./field-cipher.ts";
import type { PrismaClient } from "./generated/client.ts";
import { type Repositories, repositoriesOn, type TurnRepositories, turnRepositoriesOn } from "./repositories.ts";
import { prismaSql, type SqlDriver } from "./sql-client.ts";

export type UnitOfWork = {
  /** Each call its own statement. */
  repos: Repositories;
  transaction<T>(work: (repos: Repositories) => Promise<T>): Promise<T>;
  /** A transaction of a turn's own repositories, on the driver. */
  turnTransaction<T>(work: (repos: TurnRepositories) => Promise<T>): Promise<T>;
};

export type UnitOfWorkOptions = {
  /** Transactions open at once; fewer than the pool's connections, so single statements still find one. */
  transactionSlots: number;
};

/** How long Prisma may wait for a connection once a slot is taken: the pool's own connection timeout. */
const CONNECTION_WAIT_MS = 5_000;
/** The longest a Prisma transaction may stay open (its default, 5 s, was reached on a loaded machine). */
const TRANSACTION_TIMEOUT_MS = 15_000;

export function createUnitOfWork(
  prisma: PrismaClient,
  driver: SqlDriver,
  cipher: FieldCipher,
  options: UnitOfWorkOptions,
): UnitOfWork {
  const inSlot = slots(options.transactionSlots);
  return {
    repos: repositoriesOn(prisma, cipher, driver),
    transaction: (work) =>
      inSlot(() =>
        prisma.$transaction((tx) => work(repositoriesOn(tx, cipher, prismaSql(tx))), {
          maxWait: CONNECTION_WAIT_MS,
          timeout: TRANSACTION_TIMEOUT_MS,
        }),
      ),
    turnTransaction: (work) => inSlot(() => driver.transaction((sql) => work(turnRepositoriesOn(sql, cipher)))),
  };
}

/** At most `count` of the works run at once; the others wait in order of arrival. */
function slots(count: number) {
  let free = count;
  const waiting: Array<() => void> = [];
  return async <T>(work: () => Promise<T>): Promise<T> => {
    if (free > 0) free--;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await work();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else free++;
    }
  };
}
