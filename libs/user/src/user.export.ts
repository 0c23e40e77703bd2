import { exportFields, field } from '@rct/database';
import { UserResponseDto } from './dto/user-response.dto';

/**
 * A user list item as an export writes it (what toUserResponse writes: never
 * the hash or token timestamps), every field in the mapper's order, over the alias `user`.
 */
export const USER_EXPORT_FIELDS = exportFields<UserResponseDto>({
  id: field.token('user.id'),
  email: field.text('user.email'),
  fullName: field.text('user.fullName'),
  role: field.token('user.role'),
  kind: field.token('user.kind'),
  isActive: field.boolean('user.isActive'),
  createdAt: field.timestamp('user.createdAt'),
  updatedAt: field.timestamp('user.updatedAt'),
  version: field.integer('user.version'),
});
