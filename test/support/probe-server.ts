import { Module } from '@nestjs/common';
import { AppModule } from '../../apps/api/src/app.module';
import { startServer } from '../../apps/api/src/server';
import { ProbeModule } from './probe.module';

/** The production server plus the test-only probe routes, run as a child process by tests. */
@Module({ imports: [AppModule, ProbeModule] })
class ProbeServerModule {}

void startServer(ProbeServerModule);
