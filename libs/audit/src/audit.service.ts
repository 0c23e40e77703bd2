import { Injectable } from '@nestjs/common';
import { NotFoundError } from '@rct/common';
import { GENESIS_HASH, hashAuditEvent } from './audit-hash';
import { toAuditEventResponse } from './audit.mapper';
import { AuditRepository } from './audit.repository';
import {
  AuditChainVerificationDto,
  AuditEventPageDto,
  AuditEventResponseDto,
} from './dto/audit-event-response.dto';
import { ListAuditEventsQueryDto } from './dto/list-audit-events-query.dto';

const VERIFY_BATCH = 1_000;

/** Reads the audit trail and checks its hash chain; nothing here writes. */
@Injectable()
export class AuditService {
  constructor(private readonly events: AuditRepository) {}

  /** Newest first, paged by keyset on `seq` (nextCursor). */
  async list(query: ListAuditEventsQueryDto): Promise<AuditEventPageDto> {
    const { limit, ...filter } = query;
    const events = await this.events.list(filter, limit);
    const nextCursor = events.length === limit ? events[events.length - 1].seq : null;
    return { items: events.map(toAuditEventResponse), nextCursor, limit };
  }

  async get(id: string): Promise<AuditEventResponseDto> {
    const event = await this.events.findById(id);
    if (!event) throw new NotFoundError(`No audit event with id ${id}.`);
    return toAuditEventResponse(event);
  }

  /**
   * Recomputes every hash in chain order, in batches so memory stays flat however long the
   * trail is, and names the first event whose hash or link does not check out.
   */
  async verify(): Promise<AuditChainVerificationDto> {
    let previousHash = GENESIS_HASH;
    let afterSeq = '0';
    let checked = 0;
    for (;;) {
      const batch = await this.events.chainAfter(afterSeq, VERIFY_BATCH);
      for (const event of batch) {
        checked += 1;
        if (event.prevHash !== previousHash || hashAuditEvent(event) !== event.hash) {
          return { valid: false, checked, firstBrokenId: event.id };
        }
        previousHash = event.hash;
      }
      if (batch.length < VERIFY_BATCH) return { valid: true, checked, firstBrokenId: null };
      afterSeq = batch[batch.length - 1].seq;
    }
  }
}
