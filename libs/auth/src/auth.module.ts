import { DynamicModule, Module, Type } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfigService } from '@rct/config';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { RefreshTokenFamilyEntity } from './entities/refresh-token-family.entity';
import { RefreshTokenEntity } from './entities/refresh-token.entity';
import { JwtAuthGuard } from './guards/jwt-auth.guard';
import { RolesGuard } from './guards/roles.guard';
import { InMemoryLoginAttemptStore, LoginAttemptStore } from './throttling/login-attempt.store';
import { LoginThrottler } from './throttling/login-throttler';
import { PasswordChangeThrottler } from './throttling/password-change-throttler';
import { AccessTokenService } from './tokens/access-token.service';
import { JwtStrategy } from './tokens/jwt.strategy';
import { RefreshTokenRepository } from './tokens/refresh-token.repository';
import { RefreshTokenService } from './tokens/refresh-token.service';
import { JWT_ALGORITHM, JWT_AUDIENCE, JWT_ISSUER, SigningKey } from './tokens/signing-key';
import { VerifiedTokenCache } from './tokens/verified-token-cache';

@Module({
  providers: [
    { provide: SigningKey, inject: [AppConfigService], useFactory: SigningKey.fromConfig },
  ],
  exports: [SigningKey],
})
class SigningKeyModule {}

/**
 * Sign-in, tokens and the global guards. Needs `UserAccounts` and `SessionAudit` providers,
 * from modules this library may not import (UserModule, AuditModule): see register().
 */
@Module({
  imports: [
    PassportModule,
    SigningKeyModule,
    TypeOrmModule.forFeature([RefreshTokenFamilyEntity, RefreshTokenEntity]),
    JwtModule.registerAsync({
      imports: [SigningKeyModule],
      inject: [SigningKey, AppConfigService],
      useFactory: (key: SigningKey, config: AppConfigService) => ({
        secret: key.secret,
        signOptions: {
          algorithm: JWT_ALGORITHM,
          issuer: JWT_ISSUER,
          audience: JWT_AUDIENCE,
          expiresIn: config.get('JWT_ACCESS_TTL'),
        },
        verifyOptions: { algorithms: [JWT_ALGORITHM], issuer: JWT_ISSUER, audience: JWT_AUDIENCE },
      }),
    }),
  ],
  controllers: [AuthController],
  providers: [
    AuthService,
    AccessTokenService,
    RefreshTokenService,
    RefreshTokenRepository,
    JwtStrategy,
    VerifiedTokenCache,
    JwtAuthGuard,
    RolesGuard,
    LoginThrottler,
    PasswordChangeThrottler,
    { provide: LoginAttemptStore, useFactory: () => new InMemoryLoginAttemptStore() },
  ],
  exports: [JwtAuthGuard, RolesGuard, LoginAttemptStore],
})
export class AuthModule {
  /** AuthModule with the modules that provide `UserAccounts` and `SessionAudit`. */
  static register(providers: { imports: (Type | DynamicModule)[] }): DynamicModule {
    return { module: AuthModule, imports: providers.imports };
  }
}
