import { ExecutionContext, HttpStatus } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService, JwtSignOptions } from '@nestjs/jwt';
import { ConflictError, DomainError, TooManyRequestsError, UnauthorizedError } from '@rct/common';
import { Public } from '../decorators/public.decorator';
import { RejectedCredentials } from '../rate-limit/rejected-credentials';
import { UserRole } from '../roles/user-role.enum';
import { ApiKeyAuthenticator, AuthUser, UserAccounts } from '../session-user';
import { JwtStrategy } from '../tokens/jwt.strategy';
import { JWT_ALGORITHM, JWT_AUDIENCE, JWT_ISSUER, SigningKey } from '../tokens/signing-key';
import { VerifiedTokenCache } from '../tokens/verified-token-cache';
import { JwtAuthGuard } from './jwt-auth.guard';

const SECRET = 's'.repeat(40);

class PrivateController {
  read(): void {}

  @Public()
  login(): void {}
}

@Public()
class PublicController {
  health(): void {}
}

type TestRequest = { headers: Record<string, string>; user?: unknown };

function contextFor(
  controller: object,
  handler: (...args: never[]) => unknown,
  request: TestRequest = { headers: {} },
): ExecutionContext {
  return {
    getHandler: () => handler,
    getClass: () => controller,
    switchToHttp: () => ({ getRequest: () => request, getResponse: () => ({}) }),
  } as unknown as ExecutionContext;
}

/** The passport-backed `canActivate` of `AuthGuard('jwt')`, which JwtAuthGuard extends. */
const passportGuard = Object.getPrototypeOf(JwtAuthGuard.prototype) as {
  canActivate: (context: ExecutionContext) => Promise<boolean>;
};

describe(JwtAuthGuard.name, () => {
  const user = {
    id: 'user-1',
    email: 'dana@example.com',
    fullName: 'Dana Okafor',
    role: UserRole.Manager,
    isActive: true,
    tokensValidAfter: new Date(0),
  };
  let accounts: jest.Mocked<UserAccounts>;
  let apiKeys: jest.Mocked<ApiKeyAuthenticator>;
  let rejected: { charge: jest.Mock };
  let guard: JwtAuthGuard;

  beforeEach(() => {
    accounts = {
      verifyCredentials: jest.fn(),
      verifyPassword: jest.fn(),
      findSessionUser: jest.fn().mockResolvedValue(user),
      setPassword: jest.fn(),
    };
    const verifiedTokens = new VerifiedTokenCache();
    // Constructing the strategy registers it with passport under 'jwt'.
    const strategy = new JwtStrategy(new SigningKey(SECRET), accounts, verifiedTokens);
    apiKeys = { authenticate: jest.fn().mockResolvedValue(undefined) };
    rejected = { charge: jest.fn().mockResolvedValue(undefined) };
    guard = new JwtAuthGuard(
      new Reflector(),
      strategy,
      verifiedTokens,
      apiKeys,
      rejected as unknown as RejectedCredentials,
    );
  });

  afterEach(() => {
    jest.restoreAllMocks();
  });

  describe('canActivate with an X-API-Key', () => {
    const keyUser: AuthUser = {
      id: 'user-1',
      email: 'dana@example.com',
      fullName: 'Dana Okafor',
      role: UserRole.Viewer,
      sessionId: null,
      apiKeyId: 'key-1',
    };

    it('should attach the user the authenticator answers, without calling passport', async () => {
      const passport = jest.spyOn(passportGuard, 'canActivate');
      apiKeys.authenticate.mockResolvedValue(keyUser);
      const request: TestRequest = { headers: { 'x-api-key': 'rct_abcdefgh_secret' } };

      await expect(
        guard.canActivate(contextFor(PrivateController, PrivateController.prototype.read, request)),
      ).resolves.toBe(true);
      expect(request.user).toEqual(keyUser);
      expect(apiKeys.authenticate).toHaveBeenCalledWith('rct_abcdefgh_secret');
      expect(passport).not.toHaveBeenCalled();
    });

    it('should answer 401 for a key the authenticator refuses', async () => {
      const request: TestRequest = { headers: { 'x-api-key': 'rct_abcdefgh_wrong' } };

      await expect(
        guard.canActivate(contextFor(PrivateController, PrivateController.prototype.read, request)),
      ).rejects.toBeInstanceOf(UnauthorizedError);
      expect(request.user).toBeUndefined();
    });

    it("should spend the address's anonymous budget on a refused key, and not on an accepted one", async () => {
      const refused: TestRequest = { headers: { 'x-api-key': 'rct_abcdefgh_wrong' } };
      await expect(
        guard.canActivate(contextFor(PrivateController, PrivateController.prototype.read, refused)),
      ).rejects.toBeInstanceOf(UnauthorizedError);
      expect(rejected.charge).toHaveBeenCalledWith(refused);

      rejected.charge.mockClear();
      apiKeys.authenticate.mockResolvedValue(keyUser);
      const accepted: TestRequest = { headers: { 'x-api-key': 'rct_abcdefgh_secret' } };
      await guard.canActivate(
        contextFor(PrivateController, PrivateController.prototype.read, accepted),
      );
      expect(rejected.charge).not.toHaveBeenCalled();
    });

    it('should answer the 429 instead of the 401 once the budget is spent', async () => {
      rejected.charge.mockRejectedValue(new TooManyRequestsError('Too many requests.', 30));
      const request: TestRequest = { headers: { 'x-api-key': 'rct_abcdefgh_wrong' } };

      await expect(
        guard.canActivate(contextFor(PrivateController, PrivateController.prototype.read, request)),
      ).rejects.toBeInstanceOf(TooManyRequestsError);
    });

    it('should take one API key sent in both headers as that key', async () => {
      apiKeys.authenticate.mockResolvedValue(keyUser);
      const request: TestRequest = {
        headers: {
          'x-api-key': 'rct_abcdefgh_secret',
          authorization: 'Bearer rct_abcdefgh_secret',
        },
      };

      await expect(
        guard.canActivate(contextFor(PrivateController, PrivateController.prototype.read, request)),
      ).resolves.toBe(true);
      expect(apiKeys.authenticate).toHaveBeenCalledWith('rct_abcdefgh_secret');
    });

    it('should take one access token sent in both headers the bearer way', async () => {
      const passport = jest.spyOn(passportGuard, 'canActivate').mockResolvedValue(true);
      const request: TestRequest = {
        headers: { 'x-api-key': 'eyJ.token', authorization: 'Bearer eyJ.token' },
      };

      await guard.canActivate(
        contextFor(PrivateController, PrivateController.prototype.read, request),
      );
      expect(passport).toHaveBeenCalled();
      expect(apiKeys.authenticate).not.toHaveBeenCalled();
    });

    it('should answer 401 when both a bearer token and a key are sent', async () => {
      apiKeys.authenticate.mockResolvedValue(keyUser);
      const request: TestRequest = {
        headers: { 'x-api-key': 'rct_abcdefgh_secret', authorization: 'Bearer x' },
      };

      await expect(
        guard.canActivate(contextFor(PrivateController, PrivateController.prototype.read, request)),
      ).rejects.toBeInstanceOf(UnauthorizedError);
      expect(apiKeys.authenticate).not.toHaveBeenCalled();
    });
  });

  describe('canActivate', () => {
    it('should pass a @Public() handler without calling passport', async () => {
      const passport = jest.spyOn(passportGuard, 'canActivate');

      await expect(
        Promise.resolve(
          guard.canActivate(contextFor(PrivateController, PrivateController.prototype.login)),
        ),
      ).resolves.toBe(true);
      expect(passport).not.toHaveBeenCalled();
    });

    it('should pass every handler of a @Public() class without calling passport', async () => {
      const passport = jest.spyOn(passportGuard, 'canActivate');

      await expect(
        Promise.resolve(
          guard.canActivate(contextFor(PublicController, PublicController.prototype.health)),
        ),
      ).resolves.toBe(true);
      expect(passport).not.toHaveBeenCalled();
    });

    it('should delegate a route without @Public() to passport', async () => {
      const passport = jest.spyOn(passportGuard, 'canActivate').mockResolvedValue(true);
      const context = contextFor(PrivateController, PrivateController.prototype.read);

      await expect(Promise.resolve(guard.canActivate(context))).resolves.toBe(true);
      expect(passport).toHaveBeenCalledWith(context);
    });

    describe('with the JWT strategy registered', () => {
      let jwt: JwtService;

      beforeEach(() => {
        jwt = new JwtService({
          secret: SECRET,
          signOptions: {
            algorithm: JWT_ALGORITHM,
            issuer: JWT_ISSUER,
            audience: JWT_AUDIENCE,
            expiresIn: 900,
          },
        });
      });

      const bearer = (token: string): TestRequest => ({
        headers: { authorization: `Bearer ${token}` },
      });
      const accessToken = () =>
        jwt.signAsync({
          sub: user.id,
          role: user.role,
          sid: 'family-1',
          typ: 'access',
          jti: 'jti-1',
          iat: Date.now() / 1000,
        });

      it('should attach the user of a valid bearer token to the request', async () => {
        const request = bearer(await accessToken());

        await expect(
          guard.canActivate(
            contextFor(PrivateController, PrivateController.prototype.read, request),
          ),
        ).resolves.toBe(true);
        expect(request.user).toEqual<AuthUser>({
          id: user.id,
          email: user.email,
          fullName: user.fullName,
          role: user.role,
          sessionId: 'family-1',
        });
      });

      it('should answer 401 when there is no bearer token', async () => {
        const context = contextFor(PrivateController, PrivateController.prototype.read);

        await expect(guard.canActivate(context)).rejects.toThrow(UnauthorizedError);
        expect(accounts.findSessionUser).not.toHaveBeenCalled();
        // Counted before authentication already, by the anonymous rate-limit guard.
        expect(rejected.charge).not.toHaveBeenCalled();
      });

      it('should answer 401 for a token signed with another key', async () => {
        const forged = await new JwtService({ secret: 'o'.repeat(40) }).signAsync(
          { sub: user.id, sid: 'family-1', typ: 'access', jti: 'jti-1' },
          { algorithm: JWT_ALGORITHM, issuer: JWT_ISSUER, audience: JWT_AUDIENCE, expiresIn: 900 },
        );
        const context = contextFor(
          PrivateController,
          PrivateController.prototype.read,
          bearer(forged),
        );

        await expect(guard.canActivate(context)).rejects.toThrow(UnauthorizedError);
        expect(accounts.findSessionUser).not.toHaveBeenCalled();
        expect(rejected.charge).toHaveBeenCalledTimes(1);
      });

      const claims = { sub: 'user-1', sid: 'family-1', typ: 'access', jti: 'jti-1' };
      const signed = (options: JwtSignOptions) =>
        new JwtService({ secret: SECRET }).sign(claims, {
          algorithm: JWT_ALGORITHM,
          issuer: JWT_ISSUER,
          audience: JWT_AUDIENCE,
          expiresIn: 900,
          ...options,
        });
      const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

      it.each<[string, () => string]>([
        ['it has expired', () => `Bearer ${signed({ expiresIn: -10 })}`],
        ['it names another audience', () => `Bearer ${signed({ audience: 'someone-else' })}`],
        ['it names another issuer', () => `Bearer ${signed({ issuer: 'someone-else' })}`],
        ['it uses another algorithm', () => `Bearer ${signed({ algorithm: 'HS512' })}`],
        [
          'it is unsigned (alg none)',
          () => `Bearer ${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(claims)}.`,
        ],
        ['the scheme is not Bearer', () => `Basic ${signed({})}`],
        ['the token is not a JWT', () => 'Bearer not-a-token'],
      ])('should answer 401 without a user lookup when %s', async (_label, header) => {
        const request: TestRequest = { headers: { authorization: header() } };
        const context = contextFor(PrivateController, PrivateController.prototype.read, request);

        await expect(guard.canActivate(context)).rejects.toThrow(UnauthorizedError);
        expect(accounts.findSessionUser).not.toHaveBeenCalled();
        expect(request.user).toBeUndefined();
      });

      it("should keep the strategy's own error for an inactive account", async () => {
        accounts.findSessionUser.mockResolvedValue({ ...user, isActive: false });
        const request = bearer(await accessToken());
        const context = contextFor(PrivateController, PrivateController.prototype.read, request);

        await expect(guard.canActivate(context)).rejects.toThrow('The account is not active.');
        expect(request.user).toBeUndefined();
      });

      describe('a token passport verified before', () => {
        const readWith = (token: string) => {
          const request = bearer(token);
          const context = contextFor(PrivateController, PrivateController.prototype.read, request);
          return { request, attempt: () => guard.canActivate(context) };
        };

        afterEach(() => {
          jest.useRealTimers();
        });

        it('should skip passport but still load the user on every request', async () => {
          const token = await accessToken();
          const passport = jest.spyOn(passportGuard, 'canActivate');
          const first = readWith(token);
          const second = readWith(token);

          await expect(first.attempt()).resolves.toBe(true);
          await expect(second.attempt()).resolves.toBe(true);
          expect(passport).toHaveBeenCalledTimes(1);
          expect(accounts.findSessionUser).toHaveBeenCalledTimes(2);
          expect(second.request.user).toEqual(first.request.user);
          expect(second.request.user).toMatchObject({ id: user.id, sessionId: 'family-1' });
        });

        it('should refuse it as soon as the account is deactivated', async () => {
          const token = await accessToken();
          await readWith(token).attempt();
          accounts.findSessionUser.mockResolvedValue({ ...user, isActive: false });
          const again = readWith(token);

          await expect(again.attempt()).rejects.toThrow('The account is not active.');
          expect(again.request.user).toBeUndefined();
        });

        it('should refuse it once it has expired', async () => {
          jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate'] });
          const token = await accessToken();
          await expect(readWith(token).attempt()).resolves.toBe(true);

          jest.setSystemTime(Date.now() + 901_000);

          await expect(readWith(token).attempt()).rejects.toThrow(UnauthorizedError);
        });

        it('should not accept a token that differs from the verified one', async () => {
          const token = await accessToken();
          await readWith(token).attempt();
          const [header, payload, signature] = token.split('.');
          const altered = `${header}.${payload}.${signature.slice(0, -2)}AA`;

          await expect(readWith(altered).attempt()).rejects.toThrow(UnauthorizedError);
        });
      });
    });
  });

  describe('handleRequest', () => {
    const user: AuthUser = {
      id: 'user-1',
      email: 'dana@example.com',
      fullName: 'Dana Okafor',
      role: UserRole.Viewer,
      sessionId: 'family-1',
    };

    it('should return the user when there is no error', () => {
      expect(guard.handleRequest(null, user)).toBe(user);
    });

    it('should rethrow a DomainError as it is', () => {
      const error = new ConflictError('domain failure');

      expect(() => guard.handleRequest(error, user)).toThrow(error);
    });

    it('should rethrow a DomainError even when there is no user', () => {
      const error = new UnauthorizedError('The account is not active.');

      let thrown: unknown;
      try {
        guard.handleRequest(error, false);
      } catch (caught) {
        thrown = caught;
      }
      expect(thrown).toBe(error);
    });

    it('should turn any other error into a 401 UnauthorizedError', () => {
      let thrown: unknown;
      try {
        guard.handleRequest(new Error('jwt malformed'), user);
      } catch (caught) {
        thrown = caught;
      }
      expect(thrown).toBeInstanceOf(UnauthorizedError);
      expect((thrown as DomainError).status).toBe(HttpStatus.UNAUTHORIZED);
      expect((thrown as DomainError).message).not.toContain('jwt malformed');
    });

    it.each([
      ['false', false],
      ['null', null],
      ['undefined', undefined],
    ])('should throw an UnauthorizedError when the user is %s', (_label, missing) => {
      expect(() => guard.handleRequest(null, missing as false)).toThrow(UnauthorizedError);
    });
  });
});
