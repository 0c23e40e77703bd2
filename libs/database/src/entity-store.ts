import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { assertVersion } from '@rct/common';
import { DeepPartial, EntityTarget, FindOptionsWhere, ObjectLiteral, Repository } from 'typeorm';

/** What every mutable resource has: a uuid and an optimistic-concurrency version. */
export interface VersionedEntity extends ObjectLiteral {
  id: string;
  version: number;
}

/**
 * The read-lock-change-reload steps every domain service repeats, over the request's
 * transaction. Rows are reloaded after writes so database-computed columns (scores, severity)
 * come back as stored.
 */
export class EntityStore<E extends VersionedEntity> {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly target: EntityTarget<E>,
    private readonly notFound: (id: string) => Error,
  ) {}

  get repository(): Repository<E> {
    return this.txHost.tx.getRepository(this.target);
  }

  async find(id: string): Promise<E> {
    const entity = await this.repository.findOneBy({ id } as FindOptionsWhere<E>);
    if (!entity) throw this.notFound(id);
    return entity;
  }

  async exists(id: string): Promise<boolean> {
    return this.repository.existsBy({ id } as FindOptionsWhere<E>);
  }

  /**
   * Locks the row for the rest of the transaction and checks the client's If-Match version, so
   * of two concurrent writers with the same version exactly one succeeds.
   */
  async lock(id: string, expectedVersion?: number): Promise<E> {
    const entity = await this.repository.findOne({
      where: { id } as FindOptionsWhere<E>,
      lock: { mode: 'pessimistic_write' },
    });
    if (!entity) throw this.notFound(id);
    assertVersion(expectedVersion, entity.version);
    return entity;
  }

  async insert(values: DeepPartial<E>): Promise<E> {
    const saved = await this.repository.save(this.repository.create(values));
    return this.find(saved.id);
  }

  /** Applies the fields that are present (undefined means "not sent") and saves. */
  async update(entity: E, changes: Partial<E>): Promise<E> {
    for (const [field, value] of Object.entries(changes)) {
      if (value !== undefined) (entity as Record<string, unknown>)[field] = value;
    }
    await this.repository.save(entity);
    return this.find(entity.id);
  }

  async remove(entity: E): Promise<void> {
    await this.repository.delete({ id: entity.id } as FindOptionsWhere<E>);
  }
}
