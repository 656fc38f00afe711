import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { CommonErrors, ProblemError } from '../common/problem';
import { Role } from './api-key.entity';
import { Authenticator } from './authenticator';
import { AuthedRequest, PUBLIC_KEY, ROLE_KEY } from './roles.decorator';

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
    const match = /^Bearer ([A-Za-z0-9_\-.~+/=]{1,512})$/.exec(request.headers.authorization ?? '');
    const principal = match ? await this.keys.authenticate(match[1]) : null;
    if (!principal)
      throw new ProblemError(CommonErrors.UNAUTHENTICATED, 'Send Authorization: Bearer <api key>');
    request.principal = principal;
    const needed =
      this.reflector.getAllAndOverride<Role>(ROLE_KEY, targets) ??
      (['GET', 'HEAD'].includes(request.method) ? 'viewer' : 'editor');
    if (RANK[principal.role] < RANK[needed]) {
      throw new ProblemError(
        CommonErrors.FORBIDDEN,
        `This route needs the ${needed} role; this key is ${principal.role}`,
      );
    }
    return true;
  }
}
