import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@rct/audit';
import { RiskModule } from '@rct/risk';
import { UserModule } from '@rct/user';
import { ControlController } from './control.controller';
import { ControlRepository } from './control.repository';
import { ControlService } from './control.service';
import { ControlEntity } from './entities/control.entity';

@Module({
  imports: [TypeOrmModule.forFeature([ControlEntity]), AuditModule, UserModule, RiskModule],
  controllers: [ControlController],
  providers: [ControlService, ControlRepository],
  exports: [ControlService],
})
export class ControlModule {}
