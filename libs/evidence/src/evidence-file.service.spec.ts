import { HttpStatus, Logger } from '@nestjs/common';
import { AuditedWrites } from '@rct/audit';
import { AuthUser, UserRole } from '@rct/auth';
import { AuditAction, AuditContext, AuditEntityType } from '@rct/audit';
import { AppConfigService } from '@rct/config';
import { createHash } from 'node:crypto';
import { EvidenceEntity } from './entities/evidence.entity';
import { EvidenceKind } from './enums/evidence-kind.enum';
import { EvidenceReviewStatus } from './enums/evidence-review-status.enum';
import { EvidenceFileService } from './evidence-file.service';
import {
  EvidenceChangeForbiddenError,
  EvidenceFileCorruptedError,
  EvidenceFileNotFoundError,
  EvidenceFileTooLargeError,
  EvidenceNotFoundError,
} from './evidence.errors';
import { EvidenceRepository } from './evidence.repository';
import { FileUpload, ReceivedFile } from './file-upload.reader';
import { domainErrorOf, mockRepository, signedIn } from '../../../test/support/service-spec';

const EVIDENCE_ID = '00000000-0000-4000-8000-0000000000aa';
const ANALYST_ID = '00000000-0000-4000-8000-000000000001';
const OTHER_ID = '00000000-0000-4000-8000-000000000002';
const MAX_BYTES = 4096;
const BYTES = Buffer.from('quarterly access review, signed');
const SHA256 = createHash('sha256').update(BYTES).digest('hex');

function evidenceEntity(overrides: Partial<EvidenceEntity> = {}): EvidenceEntity {
  return Object.assign(new EvidenceEntity(), {
    id: EVIDENCE_ID,
    controlId: '00000000-0000-4000-8000-0000000000bb',
    title: 'Access review Q3',
    description: '',
    kind: EvidenceKind.Document,
    url: null,
    collectedAt: new Date('2024-03-01T00:00:00.000Z'),
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

const withFile = (overrides: Partial<EvidenceEntity> = {}): EvidenceEntity =>
  evidenceEntity({
    fileName: 'review.pdf',
    fileSize: BYTES.length,
    fileContentType: 'application/pdf',
    fileSha256: SHA256,
    ...overrides,
  });

const actor = (role: UserRole, id = ANALYST_ID): AuthUser => signedIn(role, id);

describe(EvidenceFileService.name, () => {
  let evidence: jest.Mocked<EvidenceRepository>;
  let writes: jest.Mocked<Pick<AuditedWrites, 'run'>>;
  let audit: jest.Mocked<Pick<AuditContext, 'describeChange'>>;
  let service: EvidenceFileService;

  beforeEach(() => {
    evidence = mockRepository<EvidenceRepository, EvidenceEntity>(evidenceEntity, {
      findWithContent: jest.fn(),
      saveContent: jest.fn().mockResolvedValue(undefined),
    });
    writes = { run: jest.fn().mockImplementation((work: () => Promise<unknown>) => work()) };
    audit = { describeChange: jest.fn() };
    const config = { get: jest.fn().mockReturnValue(MAX_BYTES) };
    service = new EvidenceFileService(
      evidence,
      writes as unknown as AuditedWrites,
      audit as unknown as AuditContext,
      config as unknown as AppConfigService,
    );
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });

  afterEach(() => {
    jest.restoreAllMocks();
  });

  describe('upload', () => {
    const received: ReceivedFile = {
      name: 'review.pdf',
      contentType: 'application/pdf',
      size: BYTES.length,
      sha256: SHA256,
      content: BYTES,
    };
    let upload: jest.Mocked<FileUpload>;

    beforeEach(() => {
      upload = { receive: jest.fn().mockResolvedValue(received) };
    });

    it('should check, then read the body, and only then open the transaction and lock', async () => {
      await service.upload(EVIDENCE_ID, upload, actor(UserRole.Analyst), 3);

      expect(upload.receive).toHaveBeenCalledWith(MAX_BYTES);
      const [checked] = evidence.findById.mock.invocationCallOrder;
      const [receivedAt] = upload.receive.mock.invocationCallOrder;
      const [opened] = writes.run.mock.invocationCallOrder;
      const [locked] = evidence.findByIdForUpdate.mock.invocationCallOrder;
      expect(checked).toBeLessThan(receivedAt);
      expect(receivedAt).toBeLessThan(opened);
      expect(opened).toBeLessThan(locked);
    });

    it('should store the bytes, describe the file and send the evidence back to review', async () => {
      const reviewed = evidenceEntity({
        reviewStatus: EvidenceReviewStatus.Approved,
        reviewedById: OTHER_ID,
        reviewedAt: new Date('2024-04-01T00:00:00.000Z'),
        reviewComment: 'Fine',
      });
      evidence.findById.mockResolvedValue(reviewed);
      evidence.findByIdForUpdate.mockResolvedValue(reviewed);

      const after = await service.upload(EVIDENCE_ID, upload, actor(UserRole.Manager, OTHER_ID));

      expect(evidence.saveContent).toHaveBeenCalledWith(EVIDENCE_ID, BYTES);
      expect(evidence.update).toHaveBeenCalledWith(reviewed, {
        fileName: 'review.pdf',
        fileSize: BYTES.length,
        fileContentType: 'application/pdf',
        fileSha256: SHA256,
        reviewStatus: EvidenceReviewStatus.PendingReview,
        reviewedById: null,
        reviewedAt: null,
        reviewComment: null,
      });
      expect(after).toMatchObject({
        reviewStatus: 'pending_review',
        file: { name: 'review.pdf', size: BYTES.length, sha256: SHA256 },
        version: 4,
      });
      expect(audit.describeChange).toHaveBeenCalledWith(
        AuditAction.Upload,
        AuditEntityType.Evidence,
        expect.objectContaining({ file: null, reviewStatus: 'approved' }),
        after,
      );
    });

    it('should throw a 404 for unknown evidence without reading the body', async () => {
      evidence.findById.mockResolvedValue(null);

      const error = await domainErrorOf(service.upload(EVIDENCE_ID, upload, actor(UserRole.Admin)));

      expect(error).toBeInstanceOf(EvidenceNotFoundError);
      expect(upload.receive).not.toHaveBeenCalled();
      expect(writes.run).not.toHaveBeenCalled();
    });

    it('should forbid an analyst someone else’s evidence with 403 without reading the body', async () => {
      evidence.findById.mockResolvedValue(evidenceEntity({ submittedById: OTHER_ID }));

      const error = await domainErrorOf(
        service.upload(EVIDENCE_ID, upload, actor(UserRole.Analyst), 1),
      );

      expect(error).toBeInstanceOf(EvidenceChangeForbiddenError);
      expect(error.status).toBe(HttpStatus.FORBIDDEN);
      expect(upload.receive).not.toHaveBeenCalled();
    });

    it('should throw a 412 for a stale If-Match without reading the body', async () => {
      const error = await domainErrorOf(
        service.upload(EVIDENCE_ID, upload, actor(UserRole.Admin), 2),
      );

      expect(error.status).toBe(HttpStatus.PRECONDITION_FAILED);
      expect(upload.receive).not.toHaveBeenCalled();
    });

    it('should store nothing when the body is over the cap', async () => {
      upload.receive.mockRejectedValue(new EvidenceFileTooLargeError(MAX_BYTES));

      const error = await domainErrorOf(service.upload(EVIDENCE_ID, upload, actor(UserRole.Admin)));

      expect(error.status).toBe(HttpStatus.PAYLOAD_TOO_LARGE);
      expect(writes.run).not.toHaveBeenCalled();
      expect(evidence.saveContent).not.toHaveBeenCalled();
    });

    it('should check again under the lock: reviewed meanwhile, an analyst is refused', async () => {
      evidence.findByIdForUpdate.mockResolvedValue(
        evidenceEntity({ reviewStatus: EvidenceReviewStatus.Approved, version: 4 }),
      );

      const error = await domainErrorOf(
        service.upload(EVIDENCE_ID, upload, actor(UserRole.Analyst)),
      );

      expect(error.status).toBe(HttpStatus.FORBIDDEN);
      expect(evidence.saveContent).not.toHaveBeenCalled();
      expect(evidence.update).not.toHaveBeenCalled();
    });

    it('should throw a 412 if the version moved while the body arrived', async () => {
      evidence.findByIdForUpdate.mockResolvedValue(evidenceEntity({ version: 4 }));

      const error = await domainErrorOf(
        service.upload(EVIDENCE_ID, upload, actor(UserRole.Admin), 3),
      );

      expect(error.status).toBe(HttpStatus.PRECONDITION_FAILED);
      expect(evidence.saveContent).not.toHaveBeenCalled();
    });

    it('should throw a 404 if the evidence was deleted while the body arrived', async () => {
      evidence.findByIdForUpdate.mockResolvedValue(null);

      const error = await domainErrorOf(service.upload(EVIDENCE_ID, upload, actor(UserRole.Admin)));

      expect(error).toBeInstanceOf(EvidenceNotFoundError);
      expect(evidence.saveContent).not.toHaveBeenCalled();
    });
  });

  describe('download', () => {
    it('should answer the bytes with their recorded name and type when the sha256 matches', async () => {
      evidence.findWithContent.mockResolvedValue({ evidence: withFile(), content: BYTES });

      await expect(service.download(EVIDENCE_ID)).resolves.toEqual({
        name: 'review.pdf',
        contentType: 'application/pdf',
        size: BYTES.length,
        content: BYTES,
      });
      expect(evidence.findWithContent).toHaveBeenCalledWith(EVIDENCE_ID);
    });

    it('should throw a 404 for unknown evidence', async () => {
      evidence.findWithContent.mockResolvedValue(null);

      const error = await domainErrorOf(service.download(EVIDENCE_ID));

      expect(error).toBeInstanceOf(EvidenceNotFoundError);
    });

    it('should throw a 404 for evidence without a file', async () => {
      evidence.findWithContent.mockResolvedValue({ evidence: evidenceEntity(), content: null });

      const error = await domainErrorOf(service.download(EVIDENCE_ID));

      expect(error).toBeInstanceOf(EvidenceFileNotFoundError);
      expect(error.status).toBe(HttpStatus.NOT_FOUND);
    });

    it.each([
      ['bytes that hash differently', Buffer.from('quarterly access review, forged')],
      ['no stored bytes', null],
    ])('should refuse %s with 500 evidence-file-corrupted', async (_label, content) => {
      evidence.findWithContent.mockResolvedValue({ evidence: withFile(), content });

      const error = await domainErrorOf(service.download(EVIDENCE_ID));

      expect(error).toBeInstanceOf(EvidenceFileCorruptedError);
      expect(error.status).toBe(HttpStatus.INTERNAL_SERVER_ERROR);
    });

    it('should refuse bytes whose size differs from the recorded one', async () => {
      evidence.findWithContent.mockResolvedValue({
        evidence: withFile({ fileSize: BYTES.length + 1 }),
        content: BYTES,
      });

      const error = await domainErrorOf(service.download(EVIDENCE_ID));

      expect(error).toBeInstanceOf(EvidenceFileCorruptedError);
    });
  });
});
