import { ExecutionContext, HttpStatus } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ForbiddenError } from '@rct/common';
import { ROLES, Roles } from '../decorators/roles.decorator';
import { UserRole } from '../roles/user-role.enum';
import { AuthUser } from '../session-user';
import { RolesGuard } from './roles.guard';

class OpenController {
  list(): void {}
}

@Roles(UserRole.Admin)
class AdminController {
  @Roles(UserRole.Admin, UserRole.Manager)
  update(): void {}

  @Roles(UserRole.Viewer)
  read(): void {}

  remove(): void {}
}

class EmptyRolesController {
  @Roles()
  list(): void {}
}

function userWith(role: UserRole): AuthUser {
  return { id: 'u-1', email: 'dana@example.com', fullName: 'Dana', role, sessionId: 's-1' };
}

function contextFor(
  controller: object,
  handler: (...args: never[]) => unknown,
  user?: AuthUser,
): ExecutionContext {
  const request = user ? { user } : {};
  return {
    getHandler: () => handler,
    getClass: () => controller,
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
}

function forbiddenErrorOf(action: () => unknown): ForbiddenError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(ForbiddenError);
    return error as ForbiddenError;
  }
  throw new Error('expected a ForbiddenError, but nothing was thrown');
}

describe(RolesGuard.name, () => {
  let guard: RolesGuard;

  beforeEach(() => {
    guard = new RolesGuard(new Reflector());
  });

  describe('canActivate', () => {
    it('should set the roles metadata through the Roles decorator', () => {
      expect(Reflect.getMetadata(ROLES, AdminController.prototype.update)).toEqual([
        UserRole.Admin,
        UserRole.Manager,
      ]);
    });

    it('should allow a route without @Roles metadata', () => {
      const context = contextFor(
        OpenController,
        OpenController.prototype.list,
        userWith(UserRole.Viewer),
      );

      expect(guard.canActivate(context)).toBe(true);
    });

    it('should allow a route without @Roles metadata even with no user on the request', () => {
      expect(guard.canActivate(contextFor(OpenController, OpenController.prototype.list))).toBe(
        true,
      );
    });

    it('should allow a route whose @Roles list is empty', () => {
      const context = contextFor(
        EmptyRolesController,
        EmptyRolesController.prototype.list,
        userWith(UserRole.Viewer),
      );

      expect(guard.canActivate(context)).toBe(true);
    });

    it.each([UserRole.Admin, UserRole.Manager])(
      'should allow a %s on a route for admin and manager',
      (role) => {
        const context = contextFor(
          AdminController,
          AdminController.prototype.update,
          userWith(role),
        );

        expect(guard.canActivate(context)).toBe(true);
      },
    );

    it.each([UserRole.Analyst, UserRole.Viewer])(
      'should throw a 403 ForbiddenError for a %s on a route for admin and manager',
      (role) => {
        const context = contextFor(
          AdminController,
          AdminController.prototype.update,
          userWith(role),
        );

        const error = forbiddenErrorOf(() => guard.canActivate(context));

        expect(error.status).toBe(HttpStatus.FORBIDDEN);
        expect(error.message).toContain('admin, manager');
      },
    );

    it('should throw a ForbiddenError when no user is on the request', () => {
      const context = contextFor(AdminController, AdminController.prototype.update);

      const error = forbiddenErrorOf(() => guard.canActivate(context));

      expect(error.status).toBe(HttpStatus.FORBIDDEN);
    });

    it('should apply the class roles to a handler without its own', () => {
      const remove = AdminController.prototype.remove;

      expect(guard.canActivate(contextFor(AdminController, remove, userWith(UserRole.Admin)))).toBe(
        true,
      );
      expect(() =>
        guard.canActivate(contextFor(AdminController, remove, userWith(UserRole.Manager))),
      ).toThrow(ForbiddenError);
    });

    it('should let the handler roles override the class roles', () => {
      const read = AdminController.prototype.read;

      expect(guard.canActivate(contextFor(AdminController, read, userWith(UserRole.Viewer)))).toBe(
        true,
      );
      expect(() =>
        guard.canActivate(contextFor(AdminController, read, userWith(UserRole.Admin))),
      ).toThrow(ForbiddenError);
    });
  });
});
