import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SystemWriteRunner } from '@rct/audit';
import { UserRole } from '@rct/auth';
import { AppConfigService } from '@rct/config';
import { UserService } from '@rct/user';
import { randomBytes } from 'node:crypto';

const DEFAULT_DEV_ADMIN_EMAIL = 'admin@example.com';

/**
 * Makes sure a fresh installation can be signed into: when no user exists, creates the first
 * admin from ADMIN_EMAIL/ADMIN_PASSWORD, or on the embedded development database generates a
 * password and prints it once.
 */
@Injectable()
export class FirstAdminService implements OnApplicationBootstrap {
  private readonly logger = new Logger('FirstAdmin');

  constructor(
    private readonly users: UserService,
    private readonly config: AppConfigService,
    private readonly systemWrites: SystemWriteRunner,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if ((await this.users.count()) > 0) return;
    const email = this.config.get('ADMIN_EMAIL');
    const password = this.config.get('ADMIN_PASSWORD');
    if (email && password) {
      await this.createAdmin(email, password);
      this.logger.log(`Created the first admin ${email} from ADMIN_EMAIL/ADMIN_PASSWORD`);
      return;
    }
    if (this.config.usesEmbeddedDatabase && !this.config.isProduction) {
      const generated = randomBytes(18).toString('base64url');
      const adminEmail = email ?? DEFAULT_DEV_ADMIN_EMAIL;
      await this.createAdmin(adminEmail, generated);
      // Printed once, to stdout only: it is not stored anywhere else in clear.
      process.stdout.write(
        `\n  First admin created for this development database:\n` +
          `    e-mail:   ${adminEmail}\n    password: ${generated}\n` +
          `  Change it after signing in (POST /api/v1/auth/change-password).\n\n`,
      );
      return;
    }
    this.logger.warn(
      'No user exists yet. Set ADMIN_EMAIL and ADMIN_PASSWORD and restart, or run `npm run create-admin`.',
    );
  }

  private async createAdmin(email: string, password: string): Promise<void> {
    await this.systemWrites.run('first-admin', () =>
      this.users.create({ email, password, fullName: 'Administrator', role: UserRole.Admin }),
    );
  }
}
