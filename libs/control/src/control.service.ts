import { Injectable } from '@nestjs/common';
import { AuditAction, AuditContext, AuditEntityType, Page, SqlWhere } from '@rct/common';
import { EntityStore, EntityStores, Listing } from '@rct/database';
import { RiskService } from '@rct/risk';
import { UserService } from '@rct/user';
import { ControlCodeTakenError, ControlNotFoundError, UnknownControlError } from './control.errors';
import { toControlResponse } from './control.mapper';
import { ControlResponseDto } from './dto/control-response.dto';
import { CreateControlDto } from './dto/create-control.dto';
import { ControlSortField, ListControlsQueryDto } from './dto/list-controls-query.dto';
import { UpdateControlDto } from './dto/update-control.dto';
import { ControlEntity } from './entities/control.entity';
import { ControlEffectiveness } from './enums/control-effectiveness.enum';
import { ControlImplementationStatus } from './enums/control-implementation-status.enum';

const SORT_COLUMNS: Record<ControlSortField, string> = {
  code: 'control.code',
  title: 'control.title',
  createdAt: 'control.created_at',
  updatedAt: 'control.updated_at',
  nextTestDueAt: 'control.next_test_due_at',
};

const CONTROL_LISTING: Listing<ControlSortField> = {
  alias: 'control',
  sortColumns: SORT_COLUMNS,
  defaultSort: { field: 'code', direction: 'ASC' },
  cached: true,
};

@Injectable()
export class ControlService {
  private readonly controls: EntityStore<ControlEntity>;

  constructor(
    stores: EntityStores,
    private readonly risks: RiskService,
    private readonly users: UserService,
    private readonly audit: AuditContext,
  ) {
    this.controls = stores.for(ControlEntity, (id) => new ControlNotFoundError(id));
  }

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
    const where = new SqlWhere().equal({
      'control.risk_id': query.riskId,
      'control.implementation_status': query.status,
      'control.effectiveness': query.effectiveness,
      'control.type': query.type,
      'control.owner_id': query.ownerId,
    });
    if (query.frameworkRef) {
      where.and(`${where.param(query.frameworkRef)} = ANY(control.framework_refs)`);
    }
    return this.controls.list(where, query, CONTROL_LISTING, toControlResponse);
  }

  async get(id: string): Promise<ControlResponseDto> {
    return toControlResponse(await this.controls.find(id));
  }

  async update(
    id: string,
    dto: UpdateControlDto,
    expectedVersion?: number,
  ): Promise<ControlResponseDto> {
    const control = await this.controls.lock(id, expectedVersion);
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
    const control = await this.controls.lock(id, expectedVersion);
    await this.controls.remove(control);
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
    const taken = await this.controls.repository
      .createQueryBuilder('control')
      .where('lower(control.code) = lower(:code)', { code })
      .getExists();
    if (taken) throw new ControlCodeTakenError(code);
  }
}
