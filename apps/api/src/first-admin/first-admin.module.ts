import { Module } from '@nestjs/common';
import { AuditModule } from '@rct/audit';
import { UserModule } from '@rct/user';
import { FirstAdminService } from './first-admin.service';

/** Creates the first admin at start-up; left out of CLI contexts that manage users themselves. */
@Module({ imports: [UserModule, AuditModule], providers: [FirstAdminService] })
export class FirstAdminModule {}
