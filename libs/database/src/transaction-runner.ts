import { Injectable } from '@nestjs/common';
import { Propagation, TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { keepsWrites } from '@rct/common';

type Outcome<T> = { value: T } | { error: unknown };

/**
 * Runs work in one database transaction reachable through `TransactionHost.tx`. A thrown
 * error rolls everything back, except errors that keep their writes (a revoked token family):
 * those commit first and are rethrown after.
 */
@Injectable()
export class TransactionRunner {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  /** Joins the transaction already open, if any. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    const outcome = await this.txHost.withTransaction(
      Propagation.Required,
      async (): Promise<Outcome<T>> => {
        try {
          return { value: await work() };
        } catch (error) {
          if (keepsWrites(error)) return { error };
          throw error;
        }
      },
    );
    if ('error' in outcome) throw outcome.error;
    return outcome.value;
  }
}
