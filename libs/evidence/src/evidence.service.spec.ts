import { HttpStatus } from '@nestjs/common';
import { AuthUser, UserRole } from '@rct/auth';
import { AuditAction, AuditContext, AuditEntityType, ResourceExporter } from '@rct/audit';
import { ControlService } from '@rct/control';
import { CreateEvidenceDto } from './dto/create-evidence.dto';
import { ListEvidenceQueryDto } from './dto/list-evidence-query.dto';
import { UpdateEvidenceDto } from './dto/update-evidence.dto';
import { EvidenceEntity } from './entities/evidence.entity';
import { EvidenceKind } from './enums/evidence-kind.enum';
import { EvidenceReviewDecision, EvidenceReviewStatus } from './enums/evidence-review-status.enum';
import {
  EvidenceChangeForbiddenError,
  EvidenceNotFoundError,
  EvidenceValidityWindowError,
} from './evidence.errors';
import { EvidenceRepository } from './evidence.repository';
import { EvidenceService } from './evidence.service';
import {
  domainErrorOf,
  historyWithoutTrail,
  mockRepository,
  signedIn,
} from '../../../test/support/service-spec';

const EVIDENCE_ID = '00000000-0000-4000-8000-0000000000aa';
const CONTROL_ID = '00000000-0000-4000-8000-0000000000bb';
const ANALYST_ID = '00000000-0000-4000-8000-000000000001';
const OTHER_ID = '00000000-0000-4000-8000-000000000002';
const COLLECTED_AT = new Date('2024-03-01T00:00:00.000Z');

function evidenceEntity(overrides: Partial<EvidenceEntity> = {}): EvidenceEntity {
  return Object.assign(new EvidenceEntity(), {
    id: EVIDENCE_ID,
    controlId: CONTROL_ID,
    title: 'Access review Q3',
    description: '',
    kind: EvidenceKind.Document,
    url: null,
    collectedAt: COLLECTED_AT,
    validUntil: null,
    reviewStatus: EvidenceReviewStatus.PendingReview,
    reviewedById: null,
    reviewedAt: null,
    reviewComment: null,
    submittedById: ANALYST_ID,
    fileName: null,
    fileSize: null,
    fileContentType: null,
    fileSha256: null,
    createdAt: new Date('2024-03-02T00:00:00.000Z'),
    updatedAt: new Date('2024-03-02T00:00:00.000Z'),
    version: 3,
    ...overrides,
  });
}

const actor = (role: UserRole, id = ANALYST_ID): AuthUser => signedIn(role, id);

function updateDto(fields: Partial<UpdateEvidenceDto>): UpdateEvidenceDto {
  return Object.assign(new UpdateEvidenceDto(), fields);
}

describe(EvidenceService.name, () => {
  let evidence: jest.Mocked<EvidenceRepository>;
  let controls: jest.Mocked<Pick<ControlService, 'assertExists'>>;
  let audit: jest.Mocked<Pick<AuditContext, 'describeChange'>>;
  let service: EvidenceService;

  beforeEach(() => {
    evidence = mockRepository<EvidenceRepository, EvidenceEntity>(evidenceEntity);
    controls = { assertExists: jest.fn().mockResolvedValue(undefined) };
    audit = { describeChange: jest.fn() };
    service = new EvidenceService(
      evidence,
      controls as unknown as ControlService,
      audit as unknown as AuditContext,
      {} as ResourceExporter,
      historyWithoutTrail(),
    );
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  describe('create', () => {
    const dto = (fields: Partial<CreateEvidenceDto> = {}): CreateEvidenceDto =>
      Object.assign(new CreateEvidenceDto(), {
        controlId: CONTROL_ID,
        title: 'Access review Q3',
        kind: EvidenceKind.Document,
        collectedAt: COLLECTED_AT,
        ...fields,
      });

    it('should insert evidence pending review, submitted by the caller, with its defaults', async () => {
      evidence.insert.mockResolvedValue(evidenceEntity({ version: 1 }));

      const created = await service.create(dto(), actor(UserRole.Analyst));

      expect(controls.assertExists).toHaveBeenCalledWith(CONTROL_ID);
      expect(evidence.insert).toHaveBeenCalledWith({
        controlId: CONTROL_ID,
        title: 'Access review Q3',
        kind: EvidenceKind.Document,
        collectedAt: COLLECTED_AT,
        description: '',
        url: null,
        validUntil: null,
        reviewStatus: EvidenceReviewStatus.PendingReview,
        submittedById: ANALYST_ID,
      });
      expect(created).toMatchObject({ id: EVIDENCE_ID, version: 1, file: null });
      expect(audit.describeChange).toHaveBeenCalledWith(
        AuditAction.Create,
        AuditEntityType.Evidence,
        null,
        created,
      );
    });

    it('should refuse a validUntil before collectedAt with 400 and insert nothing', async () => {
      const error = await domainErrorOf(
        service.create(
          dto({ validUntil: new Date('2024-02-01T00:00:00.000Z') }),
          actor(UserRole.Admin),
        ),
      );

      expect(error).toBeInstanceOf(EvidenceValidityWindowError);
      expect(error.status).toBe(HttpStatus.BAD_REQUEST);
      expect(evidence.insert).not.toHaveBeenCalled();
    });
  });

  describe('list', () => {
    const NOW = new Date('2024-06-01T00:00:00.000Z');

    it('should pass filters and page on, and judge expired at the moment the filter used', async () => {
      jest.useFakeTimers({ now: NOW });
      evidence.list.mockResolvedValue({
        items: [evidenceEntity({ validUntil: new Date('2024-05-31T23:59:59.000Z') })],
        total: 7,
      });
      const query = Object.assign(new ListEvidenceQueryDto(), {
        controlId: CONTROL_ID,
        reviewStatus: EvidenceReviewStatus.Approved,
        expired: true,
        limit: 1,
        offset: 6,
      });

      const page = await service.list(query);

      expect(evidence.list).toHaveBeenCalledWith(
        {
          controlId: CONTROL_ID,
          reviewStatus: EvidenceReviewStatus.Approved,
          kind: undefined,
          submittedById: undefined,
          expired: true,
        },
        query,
        NOW,
      );
      expect(page).toMatchObject({ total: 7, limit: 1, offset: 6 });
      expect(page.items).toEqual([expect.objectContaining({ id: EVIDENCE_ID, expired: true })]);
    });

    it('should not call evidence expired before its validUntil', async () => {
      jest.useFakeTimers({ now: NOW });
      evidence.list.mockResolvedValue({
        items: [evidenceEntity({ validUntil: new Date('2024-06-01T00:00:01.000Z') })],
        total: 1,
      });

      const page = await service.list(
        Object.assign(new ListEvidenceQueryDto(), { expired: false }),
      );

      expect(page.items[0]).toMatchObject({ expired: false });
    });
  });

  describe('get', () => {
    it('should throw a 404 EvidenceNotFoundError for an unknown id', async () => {
      evidence.findById.mockResolvedValue(null);

      const error = await domainErrorOf(service.get(EVIDENCE_ID));

      expect(error).toBeInstanceOf(EvidenceNotFoundError);
      expect(error.status).toBe(HttpStatus.NOT_FOUND);
    });

    it('should answer the stored evidence as a response', async () => {
      evidence.findById.mockResolvedValue(evidenceEntity());

      await expect(service.get(EVIDENCE_ID)).resolves.toMatchObject({
        id: EVIDENCE_ID,
        collectedAt: COLLECTED_AT.toISOString(),
        version: 3,
      });
      expect(evidence.findById).toHaveBeenCalledWith(EVIDENCE_ID);
    });
  });

  describe('update', () => {
    it('should throw a 404 for an unknown id and write nothing', async () => {
      evidence.findByIdForUpdate.mockResolvedValue(null);

      const error = await domainErrorOf(
        service.update(EVIDENCE_ID, updateDto({ title: 'X' }), actor(UserRole.Admin)),
      );

      expect(error).toBeInstanceOf(EvidenceNotFoundError);
      expect(evidence.update).not.toHaveBeenCalled();
    });

    it('should forbid an analyst someone else’s evidence with 403, even with a stale If-Match', async () => {
      evidence.findByIdForUpdate.mockResolvedValue(evidenceEntity({ submittedById: OTHER_ID }));

      const error = await domainErrorOf(
        service.update(EVIDENCE_ID, updateDto({ title: 'X' }), actor(UserRole.Analyst), 1),
      );

      expect(error).toBeInstanceOf(EvidenceChangeForbiddenError);
      expect(error.status).toBe(HttpStatus.FORBIDDEN);
      expect(evidence.update).not.toHaveBeenCalled();
    });

    it('should throw a 412 for a stale If-Match and write nothing', async () => {
      const error = await domainErrorOf(
        service.update(EVIDENCE_ID, updateDto({ title: 'X' }), actor(UserRole.Manager), 2),
      );

      expect(error.status).toBe(HttpStatus.PRECONDITION_FAILED);
      expect(evidence.update).not.toHaveBeenCalled();
    });

    it('should let an analyst change their own pending evidence, and describe the change', async () => {
      const stored = evidenceEntity();
      evidence.findByIdForUpdate.mockResolvedValue(stored);
      const dto = updateDto({ title: 'Access review Q4' });

      const after = await service.update(EVIDENCE_ID, dto, actor(UserRole.Analyst), 3);

      expect(evidence.findByIdForUpdate).toHaveBeenCalledWith(EVIDENCE_ID);
      expect(evidence.update).toHaveBeenCalledWith(stored, dto);
      expect(after).toMatchObject({ title: 'Access review Q4', version: 4 });
      expect(audit.describeChange).toHaveBeenCalledWith(
        AuditAction.Update,
        AuditEntityType.Evidence,
        expect.objectContaining({ title: 'Access review Q3', version: 3 }),
        after,
      );
    });

    it('should check a new validUntil against the stored collectedAt', async () => {
      const error = await domainErrorOf(
        service.update(
          EVIDENCE_ID,
          updateDto({ validUntil: new Date('2024-02-01T00:00:00.000Z') }),
          actor(UserRole.Admin),
        ),
      );

      expect(error).toBeInstanceOf(EvidenceValidityWindowError);
      expect(evidence.update).not.toHaveBeenCalled();
    });
  });

  describe('remove', () => {
    it('should delete by id and describe the deletion', async () => {
      await service.remove(EVIDENCE_ID, actor(UserRole.Admin), 3);

      expect(evidence.remove).toHaveBeenCalledWith(EVIDENCE_ID);
      expect(audit.describeChange).toHaveBeenCalledWith(
        AuditAction.Delete,
        AuditEntityType.Evidence,
        expect.objectContaining({ id: EVIDENCE_ID, title: 'Access review Q3' }),
        null,
      );
    });

    it('should forbid an analyst their own evidence once it was reviewed', async () => {
      evidence.findByIdForUpdate.mockResolvedValue(
        evidenceEntity({ reviewStatus: EvidenceReviewStatus.Approved }),
      );

      const error = await domainErrorOf(service.remove(EVIDENCE_ID, actor(UserRole.Analyst), 3));

      expect(error.status).toBe(HttpStatus.FORBIDDEN);
      expect(evidence.remove).not.toHaveBeenCalled();
      expect(audit.describeChange).not.toHaveBeenCalled();
    });

    it('should throw a 404 for an unknown id', async () => {
      evidence.findByIdForUpdate.mockResolvedValue(null);

      const error = await domainErrorOf(service.remove(EVIDENCE_ID, actor(UserRole.Admin)));

      expect(error.status).toBe(HttpStatus.NOT_FOUND);
      expect(evidence.remove).not.toHaveBeenCalled();
    });
  });

  describe('review', () => {
    const REVIEWED_AT = new Date('2024-06-01T12:00:00.000Z');

    it('should record the decision, the reviewer and the moment, and describe it', async () => {
      jest.useFakeTimers({ now: REVIEWED_AT });
      const stored = evidenceEntity();
      evidence.findByIdForUpdate.mockResolvedValue(stored);
      const reviewer = actor(UserRole.Manager, OTHER_ID);

      const after = await service.review(
        EVIDENCE_ID,
        { decision: EvidenceReviewDecision.Rejected, comment: 'Missing two systems' },
        reviewer,
        3,
      );

      expect(evidence.update).toHaveBeenCalledWith(stored, {
        reviewStatus: EvidenceReviewStatus.Rejected,
        reviewedById: OTHER_ID,
        reviewedAt: REVIEWED_AT,
        reviewComment: 'Missing two systems',
      });
      expect(after).toMatchObject({ reviewStatus: 'rejected', reviewedById: OTHER_ID });
      expect(audit.describeChange).toHaveBeenCalledWith(
        AuditAction.Review,
        AuditEntityType.Evidence,
        expect.objectContaining({ reviewStatus: 'pending_review' }),
        after,
      );
    });

    it('should store an empty comment as none', async () => {
      await service.review(
        EVIDENCE_ID,
        { decision: EvidenceReviewDecision.Approved, comment: '' },
        actor(UserRole.Admin),
      );

      expect(evidence.update).toHaveBeenCalledWith(
        expect.anything(),
        expect.objectContaining({
          reviewStatus: EvidenceReviewStatus.Approved,
          reviewComment: null,
        }),
      );
    });

    it('should throw a 412 for a stale If-Match and write nothing', async () => {
      const error = await domainErrorOf(
        service.review(
          EVIDENCE_ID,
          { decision: EvidenceReviewDecision.Approved },
          actor(UserRole.Admin),
          2,
        ),
      );

      expect(error.status).toBe(HttpStatus.PRECONDITION_FAILED);
      expect(evidence.update).not.toHaveBeenCalled();
    });

    it('should throw a 404 for an unknown id', async () => {
      evidence.findByIdForUpdate.mockResolvedValue(null);

      const error = await domainErrorOf(
        service.review(
          EVIDENCE_ID,
          { decision: EvidenceReviewDecision.Approved },
          actor(UserRole.Admin),
        ),
      );

      expect(error).toBeInstanceOf(EvidenceNotFoundError);
    });
  });
});
