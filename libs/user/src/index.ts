export { CreateUserDto } from './dto/create-user.dto';
export { UserKind } from './enums/user-kind.enum';
export { UserResponseDto } from './dto/user-response.dto';
export { UserModule } from './user.module';
export { UserService } from './user.service';
