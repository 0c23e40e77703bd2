import { Injectable } from '@nestjs/common';
import { NotFoundError } from '@rct/common';
import { toAuditEventResponse } from './audit.mapper';
import { AuditRepository } from './audit.repository';
import { AuditEventPageDto, AuditEventResponseDto } from './dto/audit-event-response.dto';
import { ListAuditEventsQueryDto } from './dto/list-audit-events-query.dto';

/** Reads the audit trail; nothing here writes (verification: AuditVerificationService). */
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
}
