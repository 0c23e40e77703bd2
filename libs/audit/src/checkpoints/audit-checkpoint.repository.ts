import { Injectable } from '@nestjs/common';
import { RepositoryContext } from '@rct/database';
import { EntityManager } from 'typeorm';
import { AuditCheckpointEntity } from '../entities/audit-checkpoint.entity';
import { AuditSigningKeyEntity } from '../entities/audit-signing-key.entity';

/** Checkpoints and the keys that signed them; both tables are append-only. */
@Injectable()
export class AuditCheckpointRepository {
  constructor(private readonly context: RepositoryContext) {}

  private get manager(): EntityManager {
    return this.context.txHost.tx;
  }

  async latestSeq(): Promise<string | null> {
    const row = await this.manager
      .getRepository(AuditCheckpointEntity)
      .createQueryBuilder('checkpoint')
      .select('MAX(checkpoint.seq)', 'seq')
      .getRawOne<{ seq: string | null }>();
    return row?.seq ?? null;
  }

  /** Lists a key once, whichever instance using it signs first. */
  async registerKey(key: Omit<AuditSigningKeyEntity, 'createdAt'>): Promise<void> {
    await this.manager
      .getRepository(AuditSigningKeyEntity)
      .createQueryBuilder()
      .insert()
      .values(key)
      .orIgnore()
      .updateEntity(false)
      .execute();
  }

  /** False when another instance already checkpointed this seq (unique seq, DO NOTHING). */
  async insert(checkpoint: AuditCheckpointEntity): Promise<boolean> {
    const result = await this.manager
      .getRepository(AuditCheckpointEntity)
      .createQueryBuilder()
      .insert()
      .values(checkpoint)
      .orIgnore()
      .returning('id')
      .updateEntity(false)
      .execute();
    return (result.raw as unknown[]).length > 0;
  }

  /** Newest first. */
  page(limit: number, offset: number): Promise<[AuditCheckpointEntity[], number]> {
    return this.manager.getRepository(AuditCheckpointEntity).findAndCount({
      order: { seq: 'DESC' },
      take: limit,
      skip: offset,
    });
  }

  /** Oldest first, so a rotated-out key leads the list. */
  keys(manager: EntityManager = this.manager): Promise<AuditSigningKeyEntity[]> {
    return manager
      .getRepository(AuditSigningKeyEntity)
      .find({ order: { createdAt: 'ASC', keyId: 'ASC' } });
  }

  /** Checkpoints at or after `fromSeq`, oldest first (all of them without it). */
  from(manager: EntityManager, fromSeq?: string): Promise<AuditCheckpointEntity[]> {
    const builder = manager
      .getRepository(AuditCheckpointEntity)
      .createQueryBuilder('checkpoint')
      .orderBy('checkpoint.seq', 'ASC');
    if (fromSeq !== undefined) builder.where('checkpoint.seq >= :fromSeq', { fromSeq });
    return builder.getMany();
  }
}
