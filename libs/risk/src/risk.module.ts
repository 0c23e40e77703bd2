import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@rct/audit';
import { UserModule } from '@rct/user';
import { RiskEntity } from './entities/risk.entity';
import { RiskController } from './risk.controller';
import { RiskRepository } from './risk.repository';
import { RiskService } from './risk.service';

@Module({
  imports: [TypeOrmModule.forFeature([RiskEntity]), AuditModule, UserModule],
  controllers: [RiskController],
  providers: [RiskService, RiskRepository],
  exports: [RiskService],
})
export class RiskModule {}
