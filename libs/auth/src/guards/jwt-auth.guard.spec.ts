import { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { UnauthorizedError } from '@rct/common';
import { Public } from '../decorators/public.decorator';
import { UserRole } from '../roles/user-role.enum';
import { AuthUser } from '../session-user';
import { AccessTokenVerifier } from '../tokens/access-token.verifier';
import { JwtAuthGuard } from './jwt-auth.guard';

class PrivateController {
  read(): void {}

  @Public()
  login(): void {}
}

@Public()
class PublicController {
  health(): void {}
}

type TestRequest = { headers: { authorization?: string }; user?: unknown };

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

const user: AuthUser = {
  id: 'user-1',
  email: 'dana@example.com',
  fullName: 'Dana Okafor',
  role: UserRole.Manager,
  sessionId: 'family-1',
};

describe(JwtAuthGuard.name, () => {
  let tokens: { authenticate: jest.Mock };
  let guard: JwtAuthGuard;

  beforeEach(() => {
    tokens = { authenticate: jest.fn().mockResolvedValue(user) };
    guard = new JwtAuthGuard(new Reflector(), tokens as unknown as AccessTokenVerifier);
  });

  it('should pass a @Public() handler without reading a token', async () => {
    await expect(
      guard.canActivate(contextFor(PrivateController, PrivateController.prototype.login)),
    ).resolves.toBe(true);
    expect(tokens.authenticate).not.toHaveBeenCalled();
  });

  it('should pass every handler of a @Public() class without reading a token', async () => {
    await expect(
      guard.canActivate(contextFor(PublicController, PublicController.prototype.health)),
    ).resolves.toBe(true);
    expect(tokens.authenticate).not.toHaveBeenCalled();
  });

  it('should attach the user of the Authorization header to the request', async () => {
    const request: TestRequest = { headers: { authorization: 'Bearer abc' } };

    await expect(
      guard.canActivate(contextFor(PrivateController, PrivateController.prototype.read, request)),
    ).resolves.toBe(true);
    expect(tokens.authenticate).toHaveBeenCalledWith('Bearer abc');
    expect(request.user).toBe(user);
  });

  it("should keep the verifier's error and attach no user", async () => {
    tokens.authenticate.mockRejectedValue(new UnauthorizedError('The account is not active.'));
    const request: TestRequest = { headers: {} };

    await expect(
      guard.canActivate(contextFor(PrivateController, PrivateController.prototype.read, request)),
    ).rejects.toThrow('The account is not active.');
    expect(request.user).toBeUndefined();
  });
});
