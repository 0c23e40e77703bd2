export { CreateEvidenceDto } from './dto/create-evidence.dto';
export { EvidenceFileDto, EvidenceResponseDto } from './dto/evidence-response.dto';
export { EvidenceKind } from './enums/evidence-kind.enum';
export { EvidenceReviewDecision, EvidenceReviewStatus } from './enums/evidence-review-status.enum';
export { EvidenceModule } from './evidence.module';
export { EvidenceService } from './evidence.service';
