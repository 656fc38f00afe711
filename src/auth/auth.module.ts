import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthGuard } from './auth.guard';
import { Authenticator } from './authenticator';

/**
 * Who is calling: the global guard that turns a Bearer key into a principal and checks its role.
 * Keys are read through IssuedApiKeys, which AppModule binds to the api-keys feature's repository.
 */
@Module({
  providers: [Authenticator, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [Authenticator],
})
export class AuthModule {}
