import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RiskModule } from '@rct/risk';
import { ControlController } from './control.controller';
import { ControlRepository } from './control.repository';
import { ControlService } from './control.service';
import { ControlEntity } from './entities/control.entity';

@Module({
  imports: [TypeOrmModule.forFeature([ControlEntity]), RiskModule],
  controllers: [ControlController],
  providers: [ControlService, ControlRepository],
  exports: [ControlService],
})
export class ControlModule {}
