export enum UserRole {
  Admin = 'admin',
  Manager = 'manager',
  Analyst = 'analyst',
  Viewer = 'viewer',
}
