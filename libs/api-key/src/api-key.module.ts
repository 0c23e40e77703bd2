import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@rct/audit';
import { ApiKeyAuthenticator } from '@rct/auth';
import { UserModule } from '@rct/user';
import { ApiKeyVerifier } from './api-key-authenticator';
import { ApiKeyController } from './api-key.controller';
import { ApiKeyRepository } from './api-key.repository';
import { ApiKeyService } from './api-key.service';
import { ApiKeyEntity } from './entities/api-key.entity';

/** API keys; also provides `ApiKeyAuthenticator` to AuthModule.register(). */
@Module({
  imports: [TypeOrmModule.forFeature([ApiKeyEntity]), AuditModule, UserModule],
  controllers: [ApiKeyController],
  providers: [
    ApiKeyService,
    ApiKeyRepository,
    ApiKeyVerifier,
    { provide: ApiKeyAuthenticator, useExisting: ApiKeyVerifier },
  ],
  exports: [ApiKeyService, ApiKeyAuthenticator],
})
export class ApiKeyModule {}
