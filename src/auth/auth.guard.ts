import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { CommonErrors, ProblemError } from '../common/problem';
import { Role } from './api-key.entity';
import { sentCredentials } from './bearer';
import { unauthenticated } from './early-auth';
import { AuthedRequest, leastRole, PUBLIC_KEY, ROLE_KEY } from './roles.decorator';

const RANK: Record<Role, number> = { viewer: 0, editor: 1, admin: 2 };

/** Global guard: the principal early authentication found, then the route's least role. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthedRequest>();
    // The key was looked up before the body was read (early-auth.ts, for every keyed path); a
    // route that needs a key outside those paths is refused rather than authenticated here.
    const principal = request.principal;
    if (!principal) throw unauthenticated(sentCredentials(request.headers.authorization));
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
