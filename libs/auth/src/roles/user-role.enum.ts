export enum UserRole {
  Admin = 'admin',
  Manager = 'manager',
  Analyst = 'analyst',
  Viewer = 'viewer',
}

/** Roles from least to most powerful: each may do at least what the one before it may. */
const ROLE_ORDER: readonly UserRole[] = [
  UserRole.Viewer,
  UserRole.Analyst,
  UserRole.Manager,
  UserRole.Admin,
];

export function roleRank(role: UserRole): number {
  return ROLE_ORDER.indexOf(role);
}

/** The less powerful of two roles (an API key acts with the lower of its own and its owner's). */
export function lowerRole(a: UserRole, b: UserRole): UserRole {
  return roleRank(a) <= roleRank(b) ? a : b;
}
