import { Global, Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { AppConfigService } from './app-config.service';
import { validateEnvironment } from './environment';

@Global()
@Module({
  // ConfigModule loads `.env` into process.env (real environment variables win) and validates.
  imports: [ConfigModule.forRoot({ cache: true, validate: validateEnvironment })],
  providers: [
    {
      provide: AppConfigService,
      inject: [ConfigService],
      useFactory: () => new AppConfigService(validateEnvironment(process.env)),
    },
  ],
  exports: [AppConfigService],
})
export class AppConfigModule {}
