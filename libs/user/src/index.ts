export { CreateUserDto } from './dto/create-user.dto';
export { UserResponseDto } from './dto/user-response.dto';
export { FirstAdminModule } from './first-admin.module';
export { UserModule } from './user.module';
export { UserService } from './user.service';
