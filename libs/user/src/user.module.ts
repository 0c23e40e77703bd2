import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@rct/audit';
import { UserAccounts } from '@rct/auth';
import { UserEntity } from './entities/user.entity';
import { PasswordHasher } from './password-hasher';
import { ProfileController } from './profile.controller';
import { UserController } from './user.controller';
import { UserRepository } from './user.repository';
import { UserService } from './user.service';

/** Users and profiles; also provides `UserAccounts` to AuthModule.register(). */
@Module({
  imports: [TypeOrmModule.forFeature([UserEntity]), AuditModule],
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
