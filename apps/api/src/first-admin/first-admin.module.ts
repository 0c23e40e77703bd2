import { Module } from '@nestjs/common';
import { FirstAdminService } from './first-admin.service';

/** Creates the first admin at start-up; left out of CLI contexts that manage users themselves. */
@Module({ providers: [FirstAdminService] })
export class FirstAdminModule {}
