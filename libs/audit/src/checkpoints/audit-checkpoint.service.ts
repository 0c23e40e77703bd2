import { Injectable } from '@nestjs/common';
import { Page, PageQueryDto, toPage } from '@rct/common';
import { AuditCheckpointRepository } from './audit-checkpoint.repository';
import { toAuditCheckpointResponse, toAuditPublicKeyResponse } from './checkpoint.mapper';
import { AuditCheckpointResponseDto } from './dto/audit-checkpoint-response.dto';
import { AuditPublicKeyListDto } from './dto/audit-public-key-response.dto';

/** Reads the signed checkpoints and the keys that verify them. */
@Injectable()
export class AuditCheckpointService {
  constructor(private readonly checkpoints: AuditCheckpointRepository) {}

  async list(query: PageQueryDto): Promise<Page<AuditCheckpointResponseDto>> {
    const [items, total] = await this.checkpoints.page(query.limit, query.offset);
    return toPage(items.map(toAuditCheckpointResponse), total, query);
  }

  async publicKeys(): Promise<AuditPublicKeyListDto> {
    const keys = await this.checkpoints.keys();
    return { items: keys.map(toAuditPublicKeyResponse) };
  }
}
