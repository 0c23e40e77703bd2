import { Injectable, Logger } from '@nestjs/common';
import { AuditedWrites, AuditAction, AuditContext, AuditEntityType } from '@rct/audit';
import { AuthUser } from '@rct/auth';
import { assertVersion, orNotFound } from '@rct/common';
import { AppConfigService } from '@rct/config';
import { createHash } from 'node:crypto';
import { EvidenceResponseDto } from './dto/evidence-response.dto';
import { EvidenceEntity } from './entities/evidence.entity';
import { EvidenceReviewStatus } from './enums/evidence-review-status.enum';
import { assertMayChangeEvidence } from './evidence-access';
import {
  EvidenceFileCorruptedError,
  EvidenceFileNotFoundError,
  EvidenceNotFoundError,
} from './evidence.errors';
import { toEvidenceFile, toEvidenceResponse } from './evidence.mapper';
import { EvidenceRepository } from './evidence.repository';
import { FileUpload } from './file-upload.reader';

/** A stored file whose bytes were just checked against their recorded sha256. */
export interface EvidenceFileContent {
  name: string;
  contentType: string;
  size: number;
  content: Buffer;
}

/** Uploading and downloading the one file a piece of evidence may have. */
@Injectable()
export class EvidenceFileService {
  private readonly logger = new Logger(EvidenceFileService.name);
  private readonly maxBytes: number;

  constructor(
    private readonly evidence: EvidenceRepository,
    private readonly writes: AuditedWrites,
    private readonly audit: AuditContext,
    config: AppConfigService,
  ) {
    this.maxBytes = config.get('EVIDENCE_MAX_FILE_BYTES');
  }

  /**
   * Replaces the file and sends the evidence back to pending review: a reviewer's verdict was
   * about the old bytes. Nothing is written unless the whole file arrived within the cap.
   */
  async upload(
    id: string,
    upload: FileUpload,
    user: AuthUser,
    expectedVersion?: number,
  ): Promise<EvidenceResponseDto> {
    // Refuse before reading the body, and hold no row lock, no transaction, nor even a
    // connection while the client sends it (the handler is a @DeferredTransaction): a few slow
    // uploads would otherwise take the whole pool.
    this.assertMayUpload(await this.find(id), user, expectedVersion);
    const received = await upload.receive(this.maxBytes);

    return this.writes.run(async () => {
      // The row may have changed while the body arrived: check again, under the lock.
      const evidence = orNotFound(
        await this.evidence.findByIdForUpdate(id),
        () => new EvidenceNotFoundError(id),
      );
      this.assertMayUpload(evidence, user, expectedVersion);
      const before = toEvidenceResponse(evidence);
      await this.evidence.saveContent(id, received.content);
      const updated = await this.evidence.update(evidence, {
        fileName: received.name,
        fileSize: received.size,
        fileContentType: received.contentType,
        fileSha256: received.sha256,
        reviewStatus: EvidenceReviewStatus.PendingReview,
        reviewedById: null,
        reviewedAt: null,
        reviewComment: null,
      });
      const after = toEvidenceResponse(updated);
      this.audit.describeChange(AuditAction.Upload, AuditEntityType.Evidence, before, after);
      return after;
    });
  }

  /** The bytes, after checking them against the sha256 recorded at upload. */
  async download(id: string): Promise<EvidenceFileContent> {
    const { evidence, content } = orNotFound(
      await this.evidence.findWithContent(id),
      () => new EvidenceNotFoundError(id),
    );
    const file = toEvidenceFile(evidence);
    if (!file) throw new EvidenceFileNotFoundError(id);

    const actual = content ? createHash('sha256').update(content).digest('hex') : null;
    if (content === null || actual !== file.sha256 || content.length !== file.size) {
      this.logger.error(
        {
          evidenceId: id,
          expectedSha256: file.sha256,
          actualSha256: actual,
          expectedSize: file.size,
          actualSize: content?.length ?? null,
        },
        'Stored evidence file failed its integrity check; download refused',
      );
      throw new EvidenceFileCorruptedError(id);
    }
    return { name: file.name, contentType: file.contentType, size: file.size, content };
  }

  /** Read on the pool, outside any transaction: none is open yet. */
  private async find(id: string): Promise<EvidenceEntity> {
    return orNotFound(await this.evidence.findById(id), () => new EvidenceNotFoundError(id));
  }

  private assertMayUpload(
    evidence: EvidenceEntity,
    user: AuthUser,
    expectedVersion: number | undefined,
  ): void {
    assertMayChangeEvidence(user, evidence);
    assertVersion(expectedVersion, evidence.version);
  }
}
