import { DomainError } from '@rct/common';
import { EntityHistory } from '@rct/audit';
import type { AuthUser, UserRole } from '@rct/auth';
import type { VersionedEntity } from '@rct/database';

/** The methods every domain repository has (VersionedRepository's, plus its `list`). */
const VERSIONED_METHODS = [
  'findById',
  'findByIdForUpdate',
  'exists',
  'insert',
  'update',
  'remove',
  'list',
] as const;

/**
 * A domain repository for a service's unit spec: reads answer `entity()`, writes answer what
 * the database would (the written values at the next version); `overrides` replace any method
 * or add the repository's own.
 */
export function mockRepository<R, E extends VersionedEntity>(
  entity: (fields?: Partial<E>) => E,
  overrides: Record<string, jest.Mock> = {},
): jest.Mocked<R> {
  const repository: Record<string, jest.Mock> = Object.fromEntries(
    VERSIONED_METHODS.map((method) => [method, jest.fn()]),
  );
  repository.findById.mockImplementation(() => Promise.resolve(entity()));
  repository.findByIdForUpdate.mockImplementation(() => Promise.resolve(entity()));
  repository.exists.mockResolvedValue(true);
  repository.insert.mockImplementation((values: Partial<E>) =>
    Promise.resolve(entity({ ...values, version: 1 })),
  );
  repository.update.mockImplementation((row: E, changes: Partial<E>) =>
    Promise.resolve(entity({ ...row, ...sentFields(changes), version: row.version + 1 })),
  );
  repository.remove.mockResolvedValue(undefined);
  return Object.assign(repository, overrides) as unknown as jest.Mocked<R>;
}

/** The fields a caller sent (undefined means "not sent", as the repositories read it). */
function sentFields<E>(changes: Partial<E>): Partial<E> {
  return Object.fromEntries(
    Object.entries(changes).filter(([, value]) => value !== undefined),
  ) as Partial<E>;
}

/** The signed-in user a service is called for. */
export function signedIn(role: UserRole, id: string): AuthUser {
  return { id, role, email: `${role}@example.com`, fullName: role, sessionId: 'session' };
}

/** The DomainError a call was refused with (the spec fails if it resolves or throws another). */
export async function domainErrorOf(attempt: Promise<unknown>): Promise<DomainError> {
  const error: unknown = await attempt.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

/** The shared history reads over an audit trail these specs never reach (they send no asOf). */
export function historyWithoutTrail(): EntityHistory {
  return new EntityHistory({} as ConstructorParameters<typeof EntityHistory>[0]);
}
