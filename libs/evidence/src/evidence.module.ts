import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ControlModule } from '@rct/control';
import { EvidenceFileEntity } from './entities/evidence-file.entity';
import { EvidenceEntity } from './entities/evidence.entity';
import { EvidenceFileService } from './evidence-file.service';
import { EvidenceController } from './evidence.controller';
import { EvidenceService } from './evidence.service';

@Module({
  imports: [TypeOrmModule.forFeature([EvidenceEntity, EvidenceFileEntity]), ControlModule],
  controllers: [EvidenceController],
  providers: [EvidenceService, EvidenceFileService],
  exports: [EvidenceService],
})
export class EvidenceModule {}
