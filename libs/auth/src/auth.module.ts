import { DynamicModule, Module, Type } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfigService } from '@rct/config';
import { FallbackThrottlerStorage, SharedCounters } from '@rct/counters';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { RefreshTokenFamilyEntity } from './entities/refresh-token-family.entity';
import { RefreshTokenEntity } from './entities/refresh-token.entity';
import { JwtAuthGuard } from './guards/jwt-auth.guard';
import { RolesGuard } from './guards/roles.guard';
import { AnonymousRateLimitGuard, RateLimitGuard } from './rate-limit/rate-limit.guard';
import { RejectedCredentials } from './rate-limit/rejected-credentials';
import { rateLimitOptions } from './rate-limit/rate-limits';
import { LoginAttemptStore } from './throttling/login-attempt.store';
import { LoginThrottler } from './throttling/login-throttler';
import { PasswordChangeThrottler } from './throttling/password-change-throttler';
import { SharedLoginAttemptStore } from './throttling/shared-login-attempt.store';
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
    ThrottlerModule.forRootAsync({
      inject: [AppConfigService, FallbackThrottlerStorage],
      useFactory: (config: AppConfigService, storage: FallbackThrottlerStorage) => ({
        ...rateLimitOptions(config),
        storage,
      }),
    }),
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
    RateLimitGuard,
    AnonymousRateLimitGuard,
    RejectedCredentials,
    LoginThrottler,
    PasswordChangeThrottler,
    {
      provide: LoginAttemptStore,
      inject: [SharedCounters],
      useFactory: SharedLoginAttemptStore.fromCounters,
    },
  ],
  exports: [JwtAuthGuard, RolesGuard, RateLimitGuard, AnonymousRateLimitGuard, LoginAttemptStore],
})
export class AuthModule {
  /** AuthModule with the modules that provide `UserAccounts` and `SessionAudit`. */
  static register(providers: { imports: (Type | DynamicModule)[] }): DynamicModule {
    return { module: AuthModule, imports: providers.imports };
  }
}
