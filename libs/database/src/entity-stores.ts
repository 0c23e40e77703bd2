import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { AppConfigService } from '@rct/config';
import type { EntityTarget } from 'typeorm';
import { EntityStore, EntityStoreOptions, VersionedEntity } from './entity-store';

/** Makes each domain service's EntityStore over the request's transaction, with the app's settings. */
@Injectable()
export class EntityStores {
  private readonly options: EntityStoreOptions;

  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    config: AppConfigService,
  ) {
    this.options = { listCacheEntries: config.get('LIST_CACHE_ENTRIES') };
  }

  for<E extends VersionedEntity>(
    target: EntityTarget<E>,
    notFound: (id: string) => Error,
  ): EntityStore<E> {
    return new EntityStore(this.txHost, target, notFound, this.options);
  }
}
