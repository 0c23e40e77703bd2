import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@rct/audit';
import { ControlModule } from '@rct/control';
import { EvidenceFileEntity } from './entities/evidence-file.entity';
import { EvidenceEntity } from './entities/evidence.entity';
import { EvidenceFileService } from './evidence-file.service';
import { EvidenceController } from './evidence.controller';
import { EvidenceRepository } from './evidence.repository';
import { EvidenceService } from './evidence.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([EvidenceEntity, EvidenceFileEntity]),
    AuditModule,
    ControlModule,
  ],
  controllers: [EvidenceController],
  providers: [EvidenceService, EvidenceFileService, EvidenceRepository],
  exports: [EvidenceService],
})
export class EvidenceModule {}
