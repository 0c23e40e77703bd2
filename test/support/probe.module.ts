import {
  Body,
  Controller,
  Get,
  Injectable,
  Module,
  OnModuleInit,
  Post,
  Query,
} from '@nestjs/common';
import { RouterModule } from '@nestjs/core';
import { AuditModule, auditWrites } from '@rct/audit';
import { Public } from '@rct/auth';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';

/**
 * Test-only feature: writes rows through the transaction host so tests can watch commits,
 * rollbacks and error mapping through the real HTTP pipeline.
 */
export class CreateProbeItemDto {
  @IsString()
  @Length(1, 50)
  name: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  rank?: number;
}

export class SlowQueryDto {
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(30_000)
  ms: number;
}

export interface ProbeItem {
  id: number;
  name: string;
}

@Injectable()
export class ProbeService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
  ) {}

  async onModuleInit(): Promise<void> {
    // Two servers starting together on one database would both create it: IF NOT EXISTS does
    // not stop the second, so they take turns under a transaction-scoped advisory lock.
    await this.dataSource.transaction(async (manager) => {
      await manager.query("SELECT pg_advisory_xact_lock(hashtext('probe_items'))");
      await manager.query(
        'CREATE TABLE IF NOT EXISTS probe_items (id serial PRIMARY KEY, name text NOT NULL UNIQUE)',
      );
    });
  }

  async insert(name: string): Promise<ProbeItem> {
    const rows: ProbeItem[] = await this.txHost.tx.query(
      'INSERT INTO probe_items (name) VALUES ($1) RETURNING id, name',
      [name],
    );
    return rows[0];
  }

  list(): Promise<ProbeItem[]> {
    return this.txHost.tx.query('SELECT id, name FROM probe_items ORDER BY id');
  }
}

@Public()
@Controller('probe-items')
export class ProbeController {
  constructor(private readonly probes: ProbeService) {}

  @Post()
  create(@Body() dto: CreateProbeItemDto): Promise<ProbeItem> {
    return this.probes.insert(dto.name);
  }

  /** Two writes, the second of which fails: neither may survive. */
  @Post('two-then-fail')
  async twoThenFail(@Body() dto: CreateProbeItemDto): Promise<never> {
    await this.probes.insert(`${dto.name}-first`);
    await this.probes.insert(`${dto.name}-second`);
    throw new Error('probe failure after write: connection string postgres://secret@db');
  }

  /** Second insert of the same name violates the unique constraint. */
  @Post('duplicate')
  async duplicate(@Body() dto: CreateProbeItemDto): Promise<ProbeItem> {
    await this.probes.insert(dto.name);
    return this.probes.insert(dto.name);
  }

  @Get()
  list(): Promise<ProbeItem[]> {
    return this.probes.list();
  }

  @Get('slow')
  async slow(@Query() query: SlowQueryDto): Promise<{ sleptMs: number }> {
    await sleep(query.ms);
    return { sleptMs: query.ms };
  }
}

@Module({ imports: [AuditModule], controllers: [ProbeController], providers: [ProbeService] })
export class ProbeFeatureModule {}

// Its writes run in a transaction with an audit event, as the app's own do.
auditWrites([ProbeFeatureModule]);

@Module({
  imports: [
    ProbeFeatureModule,
    RouterModule.register([{ path: 'api/v1/__probe', module: ProbeFeatureModule }]),
  ],
})
export class ProbeModule {}
