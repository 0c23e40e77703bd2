import { AppConfigService } from '@rct/config';
import { keepsWrites } from '@rct/common';
import { InvalidRefreshTokenError, RefreshTokenReuseError } from '../auth.errors';
import { PresentedToken, RefreshTokenRepository } from './refresh-token.repository';
import { hashRefreshToken, RefreshTokenService } from './refresh-token.service';

const NOW_MS = 1_800_000_000_000;
const USER_ID = '00000000-0000-4000-8000-000000000001';
const FAMILY_ID = '00000000-0000-4000-8000-0000000000f1';
const TOKEN_ID = '00000000-0000-4000-8000-0000000000a1';
const ABSOLUTE_TTL_SECONDS = 30 * 24 * 3600;
const IDLE_TTL_SECONDS = 7 * 24 * 3600;

function presented(overrides: Partial<PresentedToken> = {}): PresentedToken {
  return {
    tokenId: TOKEN_ID,
    familyId: FAMILY_ID,
    userId: USER_ID,
    tokenExpiresAt: new Date(NOW_MS + 60_000),
    spentAt: null,
    familyExpiresAt: new Date(NOW_MS + 3_600_000),
    familyRevokedAt: null,
    ...overrides,
  };
}

describe(RefreshTokenService.name, () => {
  let tokens: jest.Mocked<RefreshTokenRepository>;
  let service: RefreshTokenService;

  beforeEach(() => {
    jest.useFakeTimers({ now: NOW_MS });
    tokens = {
      insertFamily: jest.fn().mockResolvedValue(FAMILY_ID),
      insertToken: jest.fn().mockResolvedValue(undefined),
      lockByHash: jest.fn().mockResolvedValue(null),
      markSpent: jest.fn().mockResolvedValue(undefined),
      touchFamily: jest.fn().mockResolvedValue(undefined),
      revokeFamily: jest.fn().mockResolvedValue(undefined),
      revokeFamiliesOfUser: jest.fn().mockResolvedValue(undefined),
    } as unknown as jest.Mocked<RefreshTokenRepository>;
    const settings: Record<string, number> = {
      REFRESH_TOKEN_ABSOLUTE_TTL: ABSOLUTE_TTL_SECONDS,
      REFRESH_TOKEN_IDLE_TTL: IDLE_TTL_SECONDS,
    };
    const config = { get: (key: string) => settings[key] } as unknown as AppConfigService;
    service = new RefreshTokenService(tokens, config);
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  describe('issue', () => {
    it('should start a family that expires after the absolute lifetime', async () => {
      const issued = await service.issue(USER_ID);

      expect(tokens.insertFamily).toHaveBeenCalledWith({
        userId: USER_ID,
        lastUsedAt: new Date(NOW_MS),
        expiresAt: new Date(NOW_MS + ABSOLUTE_TTL_SECONDS * 1000),
      });
      expect(issued).toEqual({ token: expect.any(String), familyId: FAMILY_ID, userId: USER_ID });
    });

    it('should store only the hash of the token, with the idle expiry', async () => {
      const issued = await service.issue(USER_ID);

      expect(issued.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(tokens.insertToken).toHaveBeenCalledWith({
        familyId: FAMILY_ID,
        tokenHash: hashRefreshToken(issued.token),
        expiresAt: new Date(NOW_MS + IDLE_TTL_SECONDS * 1000),
      });
      expect(JSON.stringify(tokens.insertToken.mock.calls)).not.toContain(issued.token);
    });
  });

  describe('rotate', () => {
    it('should look the presented token up by its hash, locked', async () => {
      await service.rotate('presented-token').catch(() => undefined);

      expect(tokens.lockByHash).toHaveBeenCalledWith(hashRefreshToken('presented-token'));
    });

    it('should throw an InvalidRefreshTokenError for an unknown token', async () => {
      await expect(service.rotate('unknown')).rejects.toThrow(InvalidRefreshTokenError);
      expect(tokens.insertToken).not.toHaveBeenCalled();
    });

    it.each<[string, Partial<PresentedToken>]>([
      ['a revoked family', { familyRevokedAt: new Date(NOW_MS - 1) }],
      ['an expired family', { familyExpiresAt: new Date(NOW_MS) }],
      ['an expired token', { tokenExpiresAt: new Date(NOW_MS) }],
    ])('should throw an InvalidRefreshTokenError for %s and spend nothing', async (_, row) => {
      tokens.lockByHash.mockResolvedValue(presented(row));

      const attempt = service.rotate('presented-token');

      await expect(attempt).rejects.toThrow(InvalidRefreshTokenError);
      await expect(attempt).rejects.not.toBeInstanceOf(RefreshTokenReuseError);
      expect(tokens.markSpent).not.toHaveBeenCalled();
      expect(tokens.revokeFamily).not.toHaveBeenCalled();
      expect(tokens.insertToken).not.toHaveBeenCalled();
    });

    it('should spend the token, touch its family and issue the next one in the family', async () => {
      tokens.lockByHash.mockResolvedValue(presented());

      const next = await service.rotate('presented-token');

      expect(tokens.markSpent).toHaveBeenCalledWith(TOKEN_ID, new Date(NOW_MS));
      expect(tokens.touchFamily).toHaveBeenCalledWith(FAMILY_ID, new Date(NOW_MS));
      expect(next).toEqual({ token: expect.any(String), familyId: FAMILY_ID, userId: USER_ID });
      expect(next.token).not.toBe('presented-token');
      expect(tokens.insertToken).toHaveBeenCalledWith(
        expect.objectContaining({ familyId: FAMILY_ID, tokenHash: hashRefreshToken(next.token) }),
      );
      expect(tokens.revokeFamily).not.toHaveBeenCalled();
    });

    it("should never let the next token outlive its family's absolute expiry", async () => {
      const familyExpiresAt = new Date(NOW_MS + 60_000);
      tokens.lockByHash.mockResolvedValue(presented({ familyExpiresAt }));

      await service.rotate('presented-token');

      expect(tokens.insertToken.mock.calls[0][0].expiresAt).toEqual(familyExpiresAt);
    });

    describe('reuse of a spent token (RFC 9700)', () => {
      beforeEach(() => {
        tokens.lockByHash.mockResolvedValue(presented({ spentAt: new Date(NOW_MS - 1000) }));
      });

      it('should revoke the whole family with reason reuse', async () => {
        await service.rotate('presented-token').catch(() => undefined);

        expect(tokens.revokeFamily).toHaveBeenCalledWith(FAMILY_ID, 'reuse', new Date(NOW_MS));
        expect(tokens.markSpent).not.toHaveBeenCalled();
        expect(tokens.insertToken).not.toHaveBeenCalled();
      });

      it('should throw a RefreshTokenReuseError that keeps the revocation', async () => {
        const error: unknown = await service.rotate('presented-token').catch((e: unknown) => e);

        expect(error).toBeInstanceOf(RefreshTokenReuseError);
        expect(keepsWrites(error)).toBe(true);
      });

      it('should report the family before revoking it', async () => {
        const onReuse = jest.fn();

        await service.rotate('presented-token', onReuse).catch(() => undefined);

        expect(onReuse).toHaveBeenCalledWith(FAMILY_ID);
        expect(onReuse.mock.invocationCallOrder[0]).toBeLessThan(
          tokens.revokeFamily.mock.invocationCallOrder[0],
        );
      });
    });
  });

  describe('revokeByToken', () => {
    it("should revoke the family of the user's own token and answer its id", async () => {
      tokens.lockByHash.mockResolvedValue(presented());

      await expect(service.revokeByToken('presented-token', USER_ID, 'logout')).resolves.toBe(
        FAMILY_ID,
      );
      expect(tokens.revokeFamily).toHaveBeenCalledWith(FAMILY_ID, 'logout', new Date(NOW_MS));
    });

    it("should answer null and revoke nothing for another user's token", async () => {
      tokens.lockByHash.mockResolvedValue(presented({ userId: 'someone-else' }));

      await expect(service.revokeByToken('presented-token', USER_ID, 'logout')).resolves.toBeNull();
      expect(tokens.revokeFamily).not.toHaveBeenCalled();
    });

    it('should answer null for an unknown token', async () => {
      await expect(service.revokeByToken('unknown', USER_ID, 'logout')).resolves.toBeNull();
      expect(tokens.revokeFamily).not.toHaveBeenCalled();
    });
  });

  describe('revokeAllForUser', () => {
    it('should revoke every live family of the user', async () => {
      await service.revokeAllForUser(USER_ID, 'deactivated');

      expect(tokens.revokeFamiliesOfUser).toHaveBeenCalledWith(
        USER_ID,
        'deactivated',
        new Date(NOW_MS),
        undefined,
      );
    });

    it('should spare the family it is told to keep', async () => {
      await service.revokeAllForUser(USER_ID, 'password_change', FAMILY_ID);

      expect(tokens.revokeFamiliesOfUser).toHaveBeenCalledWith(
        USER_ID,
        'password_change',
        new Date(NOW_MS),
        FAMILY_ID,
      );
    });
  });
});
