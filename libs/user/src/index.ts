export { CreateUserDto } from './dto/create-user.dto';
export { UserResponseDto } from './dto/user-response.dto';
export { UserModule } from './user.module';
export { UserService } from './user.service';
