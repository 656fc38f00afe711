import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApiKey } from './api-key.entity';
import { AuthGuard } from './auth.guard';
import { Authenticator } from './authenticator';

/** Who is calling: the global guard that turns a Bearer key into a principal and checks its role. */
@Module({
  imports: [TypeOrmModule.forFeature([ApiKey])],
  providers: [Authenticator, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [Authenticator],
})
export class AuthModule {}
