import { csvColumns } from '@rct/common';
import { UserResponseDto } from './dto/user-response.dto';

/** The columns of an user export: every field of a list item, in the mapper's order. */
export const USER_EXPORT_COLUMNS = csvColumns<UserResponseDto>({
  id: true,
  email: true,
  fullName: true,
  role: true,
  kind: true,
  isActive: true,
  createdAt: true,
  updatedAt: true,
  version: true,
});
