import { HttpStatus } from '@nestjs/common';
import { UnauthorizedError } from '@rct/common';
import { UserRole } from '../roles/user-role.enum';
import { SessionUser, UserAccounts } from '../session-user';
import { AccessTokenClaims } from './access-token.service';
import { JwtStrategy } from './jwt.strategy';
import { SigningKey } from './signing-key';
import { VerifiedTokenCache } from './verified-token-cache';

const ISSUED_AT_MS = 1_700_000_000_123;

function claims(overrides: Partial<AccessTokenClaims> = {}): Partial<AccessTokenClaims> {
  return {
    sub: 'user-1',
    role: UserRole.Analyst,
    sid: 'family-1',
    typ: 'access',
    jti: 'jti-1',
    iat: ISSUED_AT_MS / 1000,
    exp: ISSUED_AT_MS / 1000 + 900,
    iss: 'risk-compliance-tracker',
    aud: 'rct-api',
    ...overrides,
  };
}

function withoutClaim(name: keyof AccessTokenClaims): Partial<AccessTokenClaims> {
  const all = claims();
  delete all[name];
  return all;
}

describe(JwtStrategy.name, () => {
  let accounts: jest.Mocked<UserAccounts>;
  let strategy: JwtStrategy;
  let verifiedTokens: VerifiedTokenCache;
  let user: SessionUser;

  beforeEach(() => {
    user = {
      id: 'user-1',
      email: 'dana@example.com',
      fullName: 'Dana Okafor',
      role: UserRole.Analyst,
      isActive: true,
      tokensValidAfter: new Date(ISSUED_AT_MS - 60_000),
    };
    accounts = {
      verifyCredentials: jest.fn(),
      verifyPassword: jest.fn(),
      findSessionUser: jest.fn().mockResolvedValue(user),
      setPassword: jest.fn(),
    };
    verifiedTokens = new VerifiedTokenCache();
    strategy = new JwtStrategy(new SigningKey('x'.repeat(40)), accounts, verifiedTokens);
  });

  describe('sessionUser', () => {
    it('should return the signed-in user with the session of the token', async () => {
      await expect(strategy.sessionUser(claims())).resolves.toEqual({
        id: 'user-1',
        email: 'dana@example.com',
        fullName: 'Dana Okafor',
        role: UserRole.Analyst,
        sessionId: 'family-1',
      });
      expect(accounts.findSessionUser).toHaveBeenCalledWith('user-1');
    });

    it('should take the role from the stored user, not from the token', async () => {
      accounts.findSessionUser.mockResolvedValue({ ...user, role: UserRole.Viewer });

      await expect(strategy.sessionUser(claims({ role: UserRole.Admin }))).resolves.toMatchObject({
        role: UserRole.Viewer,
      });
    });

    it.each<[string, Partial<AccessTokenClaims>]>([
      ['typ is missing', withoutClaim('typ')],
      ['sid is missing', withoutClaim('sid')],
      ['jti is missing', withoutClaim('jti')],
      ['sub is missing', withoutClaim('sub')],
      ['iat is missing', withoutClaim('iat')],
      ['exp is missing', withoutClaim('exp')],
      ['typ is refresh', claims({ typ: 'refresh' as 'access' })],
      ['sid is not a string', claims({ sid: 42 as unknown as string })],
    ])('should throw an UnauthorizedError when %s', async (_label, malformed) => {
      const attempt = strategy.sessionUser(malformed);

      await expect(attempt).rejects.toThrow(UnauthorizedError);
      await expect(attempt).rejects.toMatchObject({ status: HttpStatus.UNAUTHORIZED });
      expect(accounts.findSessionUser).not.toHaveBeenCalled();
    });

    it('should throw an UnauthorizedError for an unknown user', async () => {
      accounts.findSessionUser.mockResolvedValue(undefined);

      await expect(strategy.sessionUser(claims())).rejects.toThrow(UnauthorizedError);
    });

    it('should throw an UnauthorizedError for an inactive user', async () => {
      accounts.findSessionUser.mockResolvedValue({ ...user, isActive: false });

      await expect(strategy.sessionUser(claims())).rejects.toThrow(UnauthorizedError);
    });

    it('should throw an UnauthorizedError for a token issued before tokensValidAfter', async () => {
      accounts.findSessionUser.mockResolvedValue({
        ...user,
        tokensValidAfter: new Date(ISSUED_AT_MS + 1),
      });

      await expect(strategy.sessionUser(claims())).rejects.toThrow(
        'The access token was revoked; sign in again.',
      );
    });

    it('should compare issued-at with millisecond precision', async () => {
      accounts.findSessionUser.mockResolvedValue({
        ...user,
        tokensValidAfter: new Date(ISSUED_AT_MS),
      });

      await expect(strategy.sessionUser(claims())).resolves.toMatchObject({ id: 'user-1' });
    });
  });

  describe('validate', () => {
    const request = { headers: { authorization: 'Bearer the.verified.token' } };
    const unexpired = () => claims({ exp: Math.floor(Date.now() / 1000) + 900 });

    it('should remember the verified token with its claims', async () => {
      const verified = unexpired();

      await expect(strategy.validate(request, verified)).resolves.toMatchObject({ id: 'user-1' });
      expect(verifiedTokens.get('the.verified.token')).toEqual(verified);
    });

    it('should not remember the token of an account that may not use it', async () => {
      accounts.findSessionUser.mockResolvedValue({ ...user, isActive: false });

      await expect(strategy.validate(request, unexpired())).rejects.toThrow(UnauthorizedError);
      expect(verifiedTokens.get('the.verified.token')).toBeUndefined();
    });
  });
});
