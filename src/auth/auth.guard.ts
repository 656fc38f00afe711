import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { CommonErrors, ProblemError } from '../common/problem';
import { Role } from './api-key.entity';
import { Authenticator } from './authenticator';
import { presentedKey, sentCredentials } from './bearer';
import { unauthenticated } from './early-auth';
import { AuthedRequest, leastRole, PUBLIC_KEY, ROLE_KEY } from './roles.decorator';

const RANK: Record<Role, number> = { viewer: 0, editor: 1, admin: 2 };

/** Global guard: Bearer API key → principal; then the route's least role. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: Authenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthedRequest>();
    // /v1 requests were authenticated before their body was read (early-auth.ts).
    const key = presentedKey(request.headers.authorization);
    const principal = request.principal ?? (key ? await this.keys.authenticate(key) : null);
    if (!principal) throw unauthenticated(sentCredentials(request.headers.authorization));
    request.principal = principal;
    const needed = leastRole(request.method, this.reflector.getAllAndOverride<Role>(ROLE_KEY, targets));
    if (RANK[principal.role] < RANK[needed]) {
      throw new ProblemError(
        CommonErrors.FORBIDDEN,
        `This route needs the ${needed} role; this key is ${principal.role}`,
      );
    }
    return true;
  }
}
