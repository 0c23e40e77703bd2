import { HttpStatus } from '@nestjs/common';
import {
  ExportFormat,
  PreconditionFailedError,
  UnprocessableError,
  ValidationFailedError,
} from '@rct/common';
import {
  AuditAction,
  AuditContext,
  AuditEntityType,
  RequestFacts,
  ResourceExporter,
} from '@rct/audit';
import { UserService } from '@rct/user';
import { CreateRiskDto } from './dto/create-risk.dto';
import { ListRisksQueryDto } from './dto/list-risks-query.dto';
import { UpdateRiskDto } from './dto/update-risk.dto';
import { RiskEntity } from './entities/risk.entity';
import { RiskSeverity } from './enums/risk-severity.enum';
import { RiskStatus } from './enums/risk-status.enum';
import { RiskTreatment } from './enums/risk-treatment.enum';
import { RiskNotFoundError, UnknownRiskError } from './risk.errors';
import { toRiskResponse } from './risk.mapper';
import { RiskRepository } from './risk.repository';
import { RiskService } from './risk.service';
import {
  domainErrorOf,
  historyWithoutTrail,
  mockRepository,
} from '../../../test/support/service-spec';

const RISK_ID = '00000000-0000-4000-8000-0000000000bb';
const OWNER_ID = '00000000-0000-4000-8000-000000000001';
const OTHER_ID = '00000000-0000-4000-8000-000000000002';

function riskEntity(overrides: Partial<RiskEntity> = {}): RiskEntity {
  return Object.assign(new RiskEntity(), {
    id: RISK_ID,
    title: 'Ransomware encrypts the file servers',
    description: '',
    category: 'Security',
    ownerId: OWNER_ID,
    likelihood: 4,
    impact: 5,
    inherentScore: 20,
    severity: RiskSeverity.Critical,
    residualLikelihood: null,
    residualImpact: null,
    residualScore: null,
    residualSeverity: null,
    status: RiskStatus.Open,
    treatment: RiskTreatment.Untreated,
    nextReviewAt: null,
    createdAt: new Date('2024-01-01T00:00:00.000Z'),
    updatedAt: new Date('2024-01-01T00:00:00.000Z'),
    version: 3,
    ...overrides,
  });
}

function createDto(fields: Partial<CreateRiskDto> = {}): CreateRiskDto {
  return Object.assign(new CreateRiskDto(), {
    title: 'Vendor outage',
    category: 'Vendor',
    ownerId: OWNER_ID,
    likelihood: 2,
    impact: 3,
    ...fields,
  });
}

function updateDto(fields: Partial<UpdateRiskDto>): UpdateRiskDto {
  return Object.assign(new UpdateRiskDto(), fields);
}

describe(RiskService.name, () => {
  let risks: jest.Mocked<RiskRepository>;
  let users: jest.Mocked<Pick<UserService, 'assertActiveUser'>>;
  let audit: jest.Mocked<Pick<AuditContext, 'describeChange'>>;
  let exporter: jest.Mocked<Pick<ResourceExporter, 'export'>>;
  let service: RiskService;

  beforeEach(() => {
    exporter = { export: jest.fn() };
    risks = mockRepository<RiskRepository, RiskEntity>(riskEntity);
    users = { assertActiveUser: jest.fn().mockResolvedValue(undefined) };
    audit = { describeChange: jest.fn() };
    service = new RiskService(
      risks,
      users as unknown as UserService,
      audit as unknown as AuditContext,
      exporter as unknown as ResourceExporter,
      historyWithoutTrail(),
    );
  });

  describe('export', () => {
    it('should export the list filters, search and sort, with a field for each list item field', async () => {
      const facts = {} as RequestFacts;
      await service.export(
        { status: RiskStatus.Open, q: 'vendor', sort: 'title', format: ExportFormat.Csv },
        facts,
      );

      const [plan, passedFacts] = exporter.export.mock.calls[0];
      expect(passedFacts).toBe(facts);
      expect(plan).toMatchObject({
        resource: 'risks',
        entityType: AuditEntityType.Risk,
        format: ExportFormat.Csv,
        filters: { status: RiskStatus.Open, q: 'vendor', sort: 'title' },
      });
      const entity = riskEntity();
      expect(Object.keys(plan.fields)).toEqual(Object.keys(toRiskResponse(entity)));
    });
  });

  describe('create', () => {
    it('should insert the risk with the defaults', async () => {
      await service.create(createDto());

      expect(risks.insert).toHaveBeenCalledWith({
        title: 'Vendor outage',
        category: 'Vendor',
        ownerId: OWNER_ID,
        likelihood: 2,
        impact: 3,
        description: '',
        status: RiskStatus.Open,
        treatment: RiskTreatment.Untreated,
        residualLikelihood: null,
        residualImpact: null,
        // Left to the database: both default from severity and the creation time.
        nextReviewAt: undefined,
        reviewIntervalDays: undefined,
      });
    });

    it('should check the owner and refuse an inactive one with 422', async () => {
      users.assertActiveUser.mockRejectedValue(new UnprocessableError('ownerId is inactive.'));

      const error = await domainErrorOf(service.create(createDto()));

      expect(users.assertActiveUser).toHaveBeenCalledWith(OWNER_ID, 'ownerId');
      expect(error.status).toBe(HttpStatus.UNPROCESSABLE_ENTITY);
      expect(risks.insert).not.toHaveBeenCalled();
    });

    it.each<[string, Partial<CreateRiskDto>]>([
      ['residualImpact', { residualLikelihood: 2 }],
      ['residualLikelihood', { residualImpact: 2 }],
    ])('should refuse a residual pair without %s with 400', async (missing, fields) => {
      const error = await domainErrorOf(service.create(createDto(fields)));

      expect(error).toBeInstanceOf(ValidationFailedError);
      expect(error.status).toBe(HttpStatus.BAD_REQUEST);
      expect(error.errors).toEqual([expect.objectContaining({ field: missing })]);
      expect(risks.insert).not.toHaveBeenCalled();
    });

    it('should describe the creation for the audit trail', async () => {
      const created = await service.create(createDto());

      expect(audit.describeChange).toHaveBeenCalledWith(
        AuditAction.Create,
        AuditEntityType.Risk,
        null,
        created,
      );
    });
  });

  describe('list', () => {
    it('should pass the filters to the repository and page the responses', async () => {
      const risk = riskEntity();
      risks.list.mockResolvedValue({ items: [risk], total: 4 });
      const query = Object.assign(new ListRisksQueryDto(), {
        severity: RiskSeverity.Critical,
        category: 'Security',
        q: 'ransomware',
        limit: 1,
        offset: 1,
      });

      const page = await service.list(query);

      expect(risks.list).toHaveBeenCalledWith(
        {
          status: undefined,
          severity: RiskSeverity.Critical,
          treatment: undefined,
          ownerId: undefined,
          category: 'Security',
          reviewDue: undefined,
        },
        query,
        expect.any(Date),
      );
      expect(page).toEqual({ items: [toRiskResponse(risk)], total: 4, limit: 1, offset: 1 });
    });
  });

  describe('get', () => {
    it('should answer the risk', async () => {
      await expect(service.get(RISK_ID)).resolves.toEqual(toRiskResponse(riskEntity()));
    });

    it('should throw a 404 RiskNotFoundError for an unknown id', async () => {
      risks.findById.mockResolvedValue(null);

      const error = await domainErrorOf(service.get(RISK_ID));

      expect(error).toBeInstanceOf(RiskNotFoundError);
      expect(error.status).toBe(HttpStatus.NOT_FOUND);
    });
  });

  describe('update', () => {
    it('should save the sent fields on the locked row and describe the change', async () => {
      const after = await service.update(RISK_ID, updateDto({ title: 'Renamed' }), 3);

      expect(risks.findByIdForUpdate).toHaveBeenCalledWith(RISK_ID);
      expect(risks.update).toHaveBeenCalledWith(riskEntity(), { title: 'Renamed' });
      expect(after).toMatchObject({ title: 'Renamed', version: 4 });
      expect(audit.describeChange).toHaveBeenCalledWith(
        AuditAction.Update,
        AuditEntityType.Risk,
        toRiskResponse(riskEntity()),
        after,
      );
    });

    it('should throw a 404 RiskNotFoundError for an unknown id', async () => {
      risks.findByIdForUpdate.mockResolvedValue(null);

      const error = await domainErrorOf(service.update(RISK_ID, updateDto({ title: 'X' })));

      expect(error).toBeInstanceOf(RiskNotFoundError);
    });

    it('should throw a 412 for a stale If-Match and not save', async () => {
      const error = await domainErrorOf(service.update(RISK_ID, updateDto({ title: 'X' }), 2));

      expect(error).toBeInstanceOf(PreconditionFailedError);
      expect(error.status).toBe(HttpStatus.PRECONDITION_FAILED);
      expect(risks.update).not.toHaveBeenCalled();
    });

    it('should judge the residual pair against the stored half', async () => {
      risks.findByIdForUpdate.mockResolvedValue(
        riskEntity({ residualLikelihood: 2, residualImpact: 3 }),
      );

      await service.update(RISK_ID, updateDto({ residualImpact: 1 }));
      const error = await domainErrorOf(
        service.update(RISK_ID, updateDto({ residualLikelihood: null })),
      );

      expect(error).toBeInstanceOf(ValidationFailedError);
      expect(error.errors).toEqual([expect.objectContaining({ field: 'residualLikelihood' })]);
      expect(risks.update).toHaveBeenCalledTimes(1);
    });

    it('should check a new owner but not an unchanged one', async () => {
      await service.update(RISK_ID, updateDto({ ownerId: OWNER_ID }));
      expect(users.assertActiveUser).not.toHaveBeenCalled();

      await service.update(RISK_ID, updateDto({ ownerId: OTHER_ID }));
      expect(users.assertActiveUser).toHaveBeenCalledWith(OTHER_ID, 'ownerId');
    });
  });

  describe('remove', () => {
    it('should remove the locked risk and describe the deletion', async () => {
      await service.remove(RISK_ID, 3);

      expect(risks.remove).toHaveBeenCalledWith(RISK_ID);
      expect(audit.describeChange).toHaveBeenCalledWith(
        AuditAction.Delete,
        AuditEntityType.Risk,
        toRiskResponse(riskEntity()),
        null,
      );
    });

    it('should throw a 404 RiskNotFoundError for an unknown id', async () => {
      risks.findByIdForUpdate.mockResolvedValue(null);

      const error = await domainErrorOf(service.remove(RISK_ID));

      expect(error).toBeInstanceOf(RiskNotFoundError);
      expect(risks.remove).not.toHaveBeenCalled();
    });

    it('should throw a 412 for a stale If-Match and not remove', async () => {
      const error = await domainErrorOf(service.remove(RISK_ID, 2));

      expect(error).toBeInstanceOf(PreconditionFailedError);
      expect(risks.remove).not.toHaveBeenCalled();
      expect(audit.describeChange).not.toHaveBeenCalled();
    });
  });

  describe('assertExists', () => {
    it('should pass for an existing risk', async () => {
      await expect(service.assertExists(RISK_ID)).resolves.toBeUndefined();
      expect(risks.exists).toHaveBeenCalledWith(RISK_ID);
    });

    it('should throw a 422 naming the field for an unknown risk', async () => {
      risks.exists.mockResolvedValue(false);

      const error = await domainErrorOf(service.assertExists(RISK_ID, 'task.riskId'));

      expect(error).toBeInstanceOf(UnknownRiskError);
      expect(error.status).toBe(HttpStatus.UNPROCESSABLE_ENTITY);
      expect(error.errors).toEqual([expect.objectContaining({ field: 'task.riskId' })]);
    });
  });
});
