import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { AuditModule, SystemWriteRunner } from '@rct/audit';
import { UserRole } from '@rct/auth';
import { flattenValidationErrors } from '@rct/common';
import { AppConfigModule, checkEnvironmentOrExit } from '@rct/config';
import { claimEmbeddedDataDirOrExit, DatabaseModule } from '@rct/database';
import { CreateUserDto, UserModule, UserService } from '@rct/user';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';

/**
 * `npm run create-admin [email]`: creates an admin on the configured database. The e-mail comes
 * from ADMIN_EMAIL or the first argument; the password from ADMIN_PASSWORD or standard input,
 * never from the command line (it would land in shell history and `ps`).
 */
@Module({
  imports: [AppConfigModule, DatabaseModule, EventEmitterModule.forRoot(), AuditModule, UserModule],
})
class CreateAdminModule {}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('Password (12-128 characters): ');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

function fail(message: string): never {
  process.stderr.write(`create-admin: ${message}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  const env = checkEnvironmentOrExit();
  claimEmbeddedDataDirOrExit(env);
  const email = env.ADMIN_EMAIL ?? process.argv[2];
  if (!email) fail('give the e-mail as ADMIN_EMAIL or as the first argument');
  const password = env.ADMIN_PASSWORD ?? (await readStdin());
  const dto = plainToInstance(CreateUserDto, {
    email,
    password,
    fullName: process.env.ADMIN_FULL_NAME ?? 'Administrator',
    role: UserRole.Admin,
  });
  const errors = flattenValidationErrors(await validate(dto));
  if (errors.length > 0) fail(errors.map((error) => error.message).join('; '));

  const app = await NestFactory.createApplicationContext(CreateAdminModule, {
    logger: ['error', 'warn'],
  });
  try {
    const user = await app
      .get(SystemWriteRunner)
      .run('create-admin', () => app.get(UserService).create(dto));
    process.stdout.write(`Created admin ${user.email} (${user.id})\n`);
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  } finally {
    await app.close();
  }
}

void main();
