import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { AppConfigService } from '@rct/config';

/** What every domain repository is built with: the request's transaction and the settings. */
@Injectable()
export class RepositoryContext {
  /** Pages each cached list keeps (ListPageCache); 0 caches none. */
  readonly listCacheEntries: number;

  constructor(
    readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    config: AppConfigService,
  ) {
    this.listCacheEntries = config.get('LIST_CACHE_ENTRIES');
  }
}
