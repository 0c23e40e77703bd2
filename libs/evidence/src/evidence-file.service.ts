import { Injectable, Logger } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { AuthUser } from '@rct/auth';
import { assertVersion, AuditAction, AuditContext, AuditEntityType } from '@rct/common';
import { AppConfigService } from '@rct/config';
import { EntityStore, EntityStores } from '@rct/database';
import { createHash } from 'node:crypto';
import { Repository } from 'typeorm';
import { EvidenceResponseDto } from './dto/evidence-response.dto';
import { EvidenceFileEntity } from './entities/evidence-file.entity';
import { EvidenceEntity } from './entities/evidence.entity';
import { EvidenceReviewStatus } from './enums/evidence-review-status.enum';
import { assertMayChangeEvidence } from './evidence-access';
import {
  EvidenceFileCorruptedError,
  EvidenceFileNotFoundError,
  EvidenceNotFoundError,
} from './evidence.errors';
import { toEvidenceFile, toEvidenceResponse } from './evidence.mapper';
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
  private readonly evidence: EntityStore<EvidenceEntity>;
  private readonly maxBytes: number;

  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    stores: EntityStores,
    private readonly audit: AuditContext,
    config: AppConfigService,
  ) {
    this.evidence = stores.for(EvidenceEntity, (id) => new EvidenceNotFoundError(id));
    this.maxBytes = config.get('EVIDENCE_MAX_FILE_BYTES');
  }

  private get files(): Repository<EvidenceFileEntity> {
    return this.txHost.tx.getRepository(EvidenceFileEntity);
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
    // Refuse before reading the body, and hold no row lock, nor even a connection, while the
    // client sends it: a few slow uploads would otherwise take the whole pool.
    this.assertMayUpload(await this.evidence.findCommitted(id), user, expectedVersion);
    const received = await upload.receive(this.maxBytes);

    const evidence = await this.evidence.lock(id);
    this.assertMayUpload(evidence, user, expectedVersion);
    const before = toEvidenceResponse(evidence);
    await this.files.upsert({ evidenceId: id, content: received.content }, ['evidenceId']);
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
  }

  /** The bytes, after checking them against the sha256 recorded at upload. */
  async download(id: string): Promise<EvidenceFileContent> {
    // One statement, so metadata and bytes come from the same snapshot even mid-upload.
    const { entities, raw } = await this.evidence.repository
      .createQueryBuilder('evidence')
      .leftJoin(EvidenceFileEntity, 'stored', 'stored.evidence_id = evidence.id')
      .addSelect('stored.content', 'stored_content')
      .where('evidence.id = :id', { id })
      .getRawAndEntities<{ stored_content: Buffer | null }>();
    const evidence = entities[0];
    if (!evidence) throw new EvidenceNotFoundError(id);
    const file = toEvidenceFile(evidence);
    if (!file) throw new EvidenceFileNotFoundError(id);

    const content = raw[0]?.stored_content ?? null;
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

  private assertMayUpload(
    evidence: EvidenceEntity,
    user: AuthUser,
    expectedVersion: number | undefined,
  ): void {
    assertMayChangeEvidence(user, evidence);
    assertVersion(expectedVersion, evidence.version);
  }
}
