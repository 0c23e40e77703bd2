import { HttpStatus } from '@nestjs/common';
import { PreconditionFailedError, UnprocessableError } from '@rct/common';
import { AuditAction, AuditContext, AuditEntityType, ResourceExporter } from '@rct/audit';
import { RiskService } from '@rct/risk';
import { UserService } from '@rct/user';
import { ControlCodeTakenError, ControlNotFoundError, UnknownControlError } from './control.errors';
import { toControlResponse } from './control.mapper';
import { ControlRepository } from './control.repository';
import { ControlService } from './control.service';
import { CreateControlDto } from './dto/create-control.dto';
import { ListControlsQueryDto } from './dto/list-controls-query.dto';
import { UpdateControlDto } from './dto/update-control.dto';
import { ControlEntity } from './entities/control.entity';
import { ControlEffectiveness } from './enums/control-effectiveness.enum';
import { ControlImplementationStatus } from './enums/control-implementation-status.enum';
import { ControlType } from './enums/control-type.enum';
import {
  domainErrorOf,
  historyWithoutTrail,
  mockRepository,
} from '../../../test/support/service-spec';

const CONTROL_ID = '00000000-0000-4000-8000-0000000000cc';
const RISK_ID = '00000000-0000-4000-8000-0000000000bb';
const OWNER_ID = '00000000-0000-4000-8000-000000000001';
const OTHER_ID = '00000000-0000-4000-8000-000000000002';

function controlEntity(overrides: Partial<ControlEntity> = {}): ControlEntity {
  return Object.assign(new ControlEntity(), {
    id: CONTROL_ID,
    riskId: RISK_ID,
    code: 'AC-01',
    title: 'Multi-factor authentication',
    description: '',
    type: ControlType.Preventive,
    implementationStatus: ControlImplementationStatus.Planned,
    effectiveness: ControlEffectiveness.NotTested,
    frameworkRefs: ['SOC2:CC6.1'],
    ownerId: OWNER_ID,
    lastTestedAt: null,
    nextTestDueAt: null,
    createdAt: new Date('2024-01-01T00:00:00.000Z'),
    updatedAt: new Date('2024-01-01T00:00:00.000Z'),
    version: 3,
    ...overrides,
  });
}

function createDto(fields: Partial<CreateControlDto> = {}): CreateControlDto {
  return Object.assign(new CreateControlDto(), {
    riskId: RISK_ID,
    code: 'AC-02',
    title: 'Quarterly access review',
    type: ControlType.Detective,
    ownerId: OWNER_ID,
    ...fields,
  });
}

function updateDto(fields: Partial<UpdateControlDto>): UpdateControlDto {
  return Object.assign(new UpdateControlDto(), fields);
}

describe(ControlService.name, () => {
  let controls: jest.Mocked<ControlRepository>;
  let risks: jest.Mocked<Pick<RiskService, 'assertExists'>>;
  let users: jest.Mocked<Pick<UserService, 'assertActiveUser'>>;
  let audit: jest.Mocked<Pick<AuditContext, 'describeChange'>>;
  let service: ControlService;

  beforeEach(() => {
    controls = mockRepository<ControlRepository, ControlEntity>(controlEntity, {
      isCodeTaken: jest.fn().mockResolvedValue(false),
    });
    risks = { assertExists: jest.fn().mockResolvedValue(undefined) };
    users = { assertActiveUser: jest.fn().mockResolvedValue(undefined) };
    audit = { describeChange: jest.fn() };
    service = new ControlService(
      controls,
      risks as unknown as RiskService,
      users as unknown as UserService,
      audit as unknown as AuditContext,
      {} as ResourceExporter,
      historyWithoutTrail(),
    );
  });

  describe('create', () => {
    it('should insert the control with the defaults', async () => {
      await service.create(createDto());

      expect(controls.insert).toHaveBeenCalledWith({
        riskId: RISK_ID,
        code: 'AC-02',
        title: 'Quarterly access review',
        type: ControlType.Detective,
        ownerId: OWNER_ID,
        description: '',
        implementationStatus: ControlImplementationStatus.Planned,
        effectiveness: ControlEffectiveness.NotTested,
        frameworkRefs: [],
        lastTestedAt: null,
        nextTestDueAt: null,
      });
    });

    it('should check the risk, the owner and the code', async () => {
      await service.create(createDto());

      expect(risks.assertExists).toHaveBeenCalledWith(RISK_ID);
      expect(users.assertActiveUser).toHaveBeenCalledWith(OWNER_ID, 'ownerId');
      expect(controls.isCodeTaken).toHaveBeenCalledWith('AC-02');
    });

    it('should refuse a taken code with 409 and insert nothing', async () => {
      controls.isCodeTaken.mockResolvedValue(true);

      const error = await domainErrorOf(service.create(createDto()));

      expect(error).toBeInstanceOf(ControlCodeTakenError);
      expect(error.status).toBe(HttpStatus.CONFLICT);
      expect(controls.insert).not.toHaveBeenCalled();
    });

    it('should refuse an unknown risk with 422 and insert nothing', async () => {
      risks.assertExists.mockRejectedValue(new UnprocessableError('riskId is unknown.'));

      const error = await domainErrorOf(service.create(createDto()));

      expect(error.status).toBe(HttpStatus.UNPROCESSABLE_ENTITY);
      expect(controls.insert).not.toHaveBeenCalled();
    });

    it('should describe the creation for the audit trail', async () => {
      const created = await service.create(createDto());

      expect(audit.describeChange).toHaveBeenCalledWith(
        AuditAction.Create,
        AuditEntityType.Control,
        null,
        created,
      );
    });
  });

  describe('list', () => {
    it('should pass the filters to the repository and page the responses', async () => {
      const control = controlEntity();
      controls.list.mockResolvedValue({ items: [control], total: 9 });
      const query = Object.assign(new ListControlsQueryDto(), {
        status: ControlImplementationStatus.Implemented,
        frameworkRef: 'SOC2:CC6.1',
        limit: 1,
        offset: 2,
      });

      const page = await service.list(query);

      expect(controls.list).toHaveBeenCalledWith(
        {
          riskId: undefined,
          implementationStatus: ControlImplementationStatus.Implemented,
          effectiveness: undefined,
          type: undefined,
          ownerId: undefined,
          frameworkRef: 'SOC2:CC6.1',
        },
        query,
      );
      expect(page).toEqual({ items: [toControlResponse(control)], total: 9, limit: 1, offset: 2 });
    });
  });

  describe('get', () => {
    it('should answer the control', async () => {
      await expect(service.get(CONTROL_ID)).resolves.toEqual(toControlResponse(controlEntity()));
    });

    it('should throw a 404 ControlNotFoundError for an unknown id', async () => {
      controls.findById.mockResolvedValue(null);

      const error = await domainErrorOf(service.get(CONTROL_ID));

      expect(error).toBeInstanceOf(ControlNotFoundError);
      expect(error.status).toBe(HttpStatus.NOT_FOUND);
    });
  });

  describe('update', () => {
    it('should save the sent fields on the locked row and describe the change', async () => {
      const after = await service.update(CONTROL_ID, updateDto({ title: 'MFA everywhere' }), 3);

      expect(controls.findByIdForUpdate).toHaveBeenCalledWith(CONTROL_ID);
      expect(controls.update).toHaveBeenCalledWith(controlEntity(), { title: 'MFA everywhere' });
      expect(after).toMatchObject({ title: 'MFA everywhere', version: 4 });
      expect(audit.describeChange).toHaveBeenCalledWith(
        AuditAction.Update,
        AuditEntityType.Control,
        toControlResponse(controlEntity()),
        after,
      );
    });

    it('should throw a 404 ControlNotFoundError for an unknown id', async () => {
      controls.findByIdForUpdate.mockResolvedValue(null);

      const error = await domainErrorOf(service.update(CONTROL_ID, updateDto({ title: 'X' })));

      expect(error).toBeInstanceOf(ControlNotFoundError);
    });

    it('should throw a 412 for a stale If-Match and not save', async () => {
      const error = await domainErrorOf(service.update(CONTROL_ID, updateDto({ title: 'X' }), 2));

      expect(error).toBeInstanceOf(PreconditionFailedError);
      expect(error.status).toBe(HttpStatus.PRECONDITION_FAILED);
      expect(controls.update).not.toHaveBeenCalled();
    });

    it('should not check the code when only its case changes', async () => {
      await service.update(CONTROL_ID, updateDto({ code: 'ac-01' }));

      expect(controls.isCodeTaken).not.toHaveBeenCalled();
      expect(controls.update).toHaveBeenCalledWith(expect.anything(), { code: 'ac-01' });
    });

    it('should refuse a new code that is taken with 409 and not save', async () => {
      controls.isCodeTaken.mockResolvedValue(true);

      const error = await domainErrorOf(service.update(CONTROL_ID, updateDto({ code: 'AC-09' })));

      expect(error).toBeInstanceOf(ControlCodeTakenError);
      expect(controls.isCodeTaken).toHaveBeenCalledWith('AC-09');
      expect(controls.update).not.toHaveBeenCalled();
    });

    it('should check a new owner but not an unchanged one', async () => {
      await service.update(CONTROL_ID, updateDto({ ownerId: OWNER_ID }));
      expect(users.assertActiveUser).not.toHaveBeenCalled();

      await service.update(CONTROL_ID, updateDto({ ownerId: OTHER_ID }));
      expect(users.assertActiveUser).toHaveBeenCalledWith(OTHER_ID, 'ownerId');
    });
  });

  describe('remove', () => {
    it('should remove the locked control and describe the deletion', async () => {
      await service.remove(CONTROL_ID, 3);

      expect(controls.remove).toHaveBeenCalledWith(CONTROL_ID);
      expect(audit.describeChange).toHaveBeenCalledWith(
        AuditAction.Delete,
        AuditEntityType.Control,
        toControlResponse(controlEntity()),
        null,
      );
    });

    it('should throw a 404 ControlNotFoundError for an unknown id', async () => {
      controls.findByIdForUpdate.mockResolvedValue(null);

      const error = await domainErrorOf(service.remove(CONTROL_ID));

      expect(error).toBeInstanceOf(ControlNotFoundError);
      expect(controls.remove).not.toHaveBeenCalled();
    });

    it('should throw a 412 for a stale If-Match and not remove', async () => {
      const error = await domainErrorOf(service.remove(CONTROL_ID, 2));

      expect(error).toBeInstanceOf(PreconditionFailedError);
      expect(controls.remove).not.toHaveBeenCalled();
      expect(audit.describeChange).not.toHaveBeenCalled();
    });
  });

  describe('assertExists', () => {
    it('should pass for an existing control', async () => {
      await expect(service.assertExists(CONTROL_ID)).resolves.toBeUndefined();
      expect(controls.exists).toHaveBeenCalledWith(CONTROL_ID);
    });

    it('should throw a 422 naming the field for an unknown control', async () => {
      controls.exists.mockResolvedValue(false);

      const error = await domainErrorOf(service.assertExists(CONTROL_ID, 'evidence.controlId'));

      expect(error).toBeInstanceOf(UnknownControlError);
      expect(error.status).toBe(HttpStatus.UNPROCESSABLE_ENTITY);
      expect(error.errors).toEqual([expect.objectContaining({ field: 'evidence.controlId' })]);
    });
  });
});
