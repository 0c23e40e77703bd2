import { UserResponseDto } from './dto/user-response.dto';
import { UserEntity } from './entities/user.entity';

/** The only way a user leaves this library: never with its hash or token timestamps. */
export function toUserResponse(user: UserEntity): UserResponseDto {
  return {
    id: user.id,
    email: user.email,
    fullName: user.fullName,
    role: user.role,
    kind: user.kind,
    isActive: user.isActive,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
    version: user.version,
  };
}
