import { Injectable, StreamableFile } from '@nestjs/common';
import { assertVersion, mapOnce, orNotFound, Page, toPage } from '@rct/common';
import {
  AuditAction,
  AuditContext,
  AuditEntityType,
  RequestFacts,
  ResourceExporter,
  EntityHistory,
  HistoryKind,
  HistoryPageDto,
  HistoryQueryDto,
} from '@rct/audit';
import { RiskService } from '@rct/risk';
import { UserService } from '@rct/user';
import { ControlCodeTakenError, ControlNotFoundError, UnknownControlError } from './control.errors';
import { CONTROL_EXPORT_FIELDS } from './control.export';
import { toControlResponse } from './control.mapper';
import { ControlFilter, ControlRepository } from './control.repository';
import { ControlResponseDto } from './dto/control-response.dto';
import { CreateControlDto } from './dto/create-control.dto';
import { ExportControlsQueryDto } from './dto/export-controls-query.dto';
import { ListControlsQueryDto } from './dto/list-controls-query.dto';
import { UpdateControlDto } from './dto/update-control.dto';
import { ControlEntity } from './entities/control.entity';
import { ControlEffectiveness } from './enums/control-effectiveness.enum';
import { ControlImplementationStatus } from './enums/control-implementation-status.enum';

/** Cached list pages hold the same frozen rows: each is mapped once, not per request. */
const controlListItem = mapOnce(toControlResponse);

/** How the audit trail knows controls: their `/history` and `?asOf=`. */
const CONTROL_HISTORY: HistoryKind<ControlResponseDto> = {
  entityType: AuditEntityType.Control,
  notFound: (id) => new ControlNotFoundError(id),
};

@Injectable()
export class ControlService {
  constructor(
    private readonly controls: ControlRepository,
    private readonly risks: RiskService,
    private readonly users: UserService,
    private readonly audit: AuditContext,
    private readonly exporter: ResourceExporter,
    private readonly trail: EntityHistory,
  ) {}

  async create(dto: CreateControlDto): Promise<ControlResponseDto> {
    await this.risks.assertExists(dto.riskId);
    await this.users.assertActiveUser(dto.ownerId, 'ownerId');
    await this.assertCodeFree(dto.code);
    const control = await this.controls.insert({
      ...dto,
      description: dto.description ?? '',
      implementationStatus: dto.implementationStatus ?? ControlImplementationStatus.Planned,
      effectiveness: dto.effectiveness ?? ControlEffectiveness.NotTested,
      frameworkRefs: dto.frameworkRefs ?? [],
      lastTestedAt: dto.lastTestedAt ?? null,
      nextTestDueAt: dto.nextTestDueAt ?? null,
    });
    const created = toControlResponse(control);
    this.audit.describeChange(AuditAction.Create, AuditEntityType.Control, null, created);
    return created;
  }

  async list(query: ListControlsQueryDto): Promise<Page<ControlResponseDto>> {
    const page = await this.controls.list(controlFilter(query), query);
    return toPage(page.items.map(controlListItem), page.total, query);
  }

  /** Every control the list's filters select, in its order, as CSV or NDJSON list items. */
  export(query: ExportControlsQueryDto, facts: RequestFacts): Promise<StreamableFile> {
    const filter = controlFilter(query);
    return this.exporter.export(
      {
        resource: 'controls',
        entityType: AuditEntityType.Control,
        format: query.format,
        filters: { ...filter, q: query.q, sort: query.sort },
        fields: CONTROL_EXPORT_FIELDS,
        query: (values) => this.controls.exportQuery(filter, query, values),
      },
      facts,
    );
  }

  /** Now, or as it stood at `asOf` (rebuilt from the audit trail; 404 if not there then). */
  async get(id: string, asOf?: Date): Promise<ControlResponseDto> {
    const current = await this.controls.findById(id);
    return this.trail.currentOrAsOf(
      CONTROL_HISTORY,
      id,
      asOf,
      current && toControlResponse(current),
    );
  }

  /** Its audit events, oldest first; also for a deleted one (404 if it never existed). */
  history(id: string, query: HistoryQueryDto): Promise<HistoryPageDto> {
    return this.trail.page(CONTROL_HISTORY, id, query);
  }

  async update(
    id: string,
    dto: UpdateControlDto,
    expectedVersion?: number,
  ): Promise<ControlResponseDto> {
    const control = await this.lock(id, expectedVersion);
    const before = toControlResponse(control);
    if (dto.ownerId !== undefined && dto.ownerId !== control.ownerId) {
      await this.users.assertActiveUser(dto.ownerId, 'ownerId');
    }
    if (dto.code !== undefined && dto.code.toLowerCase() !== control.code.toLowerCase()) {
      await this.assertCodeFree(dto.code);
    }
    const after = toControlResponse(await this.controls.update(control, dto));
    this.audit.describeChange(AuditAction.Update, AuditEntityType.Control, before, after);
    return after;
  }

  /** Refused with 409 while evidence still belongs to the control (foreign key). */
  async remove(id: string, expectedVersion?: number): Promise<void> {
    const control = await this.lock(id, expectedVersion);
    await this.controls.remove(control.id);
    this.audit.describeChange(
      AuditAction.Delete,
      AuditEntityType.Control,
      toControlResponse(control),
      null,
    );
  }

  /** For evidence: the control must exist (422 naming the field otherwise). */
  async assertExists(id: string, field = 'controlId'): Promise<void> {
    if (!(await this.controls.exists(id))) throw new UnknownControlError(field);
  }

  private async assertCodeFree(code: string): Promise<void> {
    if (await this.controls.isCodeTaken(code)) throw new ControlCodeTakenError(code);
  }

  /**
   * Locks the row for the rest of the transaction and checks the client's If-Match version, so
   * of two concurrent writers with the same version exactly one succeeds.
   */
  private async lock(id: string, expectedVersion?: number): Promise<ControlEntity> {
    const control = orNotFound(
      await this.controls.findByIdForUpdate(id),
      () => new ControlNotFoundError(id),
    );
    assertVersion(expectedVersion, control.version);
    return control;
  }
}

function controlFilter(query: ListControlsQueryDto | ExportControlsQueryDto): ControlFilter {
  const { riskId, status, effectiveness, type, ownerId, frameworkRef } = query;
  return { riskId, implementationStatus: status, effectiveness, type, ownerId, frameworkRef };
}
