import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UserAccounts } from '@rct/auth';
import { UserEntity } from './entities/user.entity';
import { PasswordHasher } from './password-hasher';
import { ProfileController } from './profile.controller';
import { UserController } from './user.controller';
import { UserRepository } from './user.repository';
import { UserService } from './user.service';

/** Global so that the auth library can resolve `UserAccounts` without importing this one. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([UserEntity])],
  controllers: [UserController, ProfileController],
  providers: [
    UserService,
    UserRepository,
    PasswordHasher,
    { provide: UserAccounts, useExisting: UserService },
  ],
  exports: [UserService, UserAccounts],
})
export class UserModule {}
