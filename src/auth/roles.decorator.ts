import { createParamDecorator, ExecutionContext, RequestMethod, SetMetadata } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Role } from './api-key.entity';

export const ROLE_KEY = 'pledgewatch:role';
export const PUBLIC_KEY = 'pledgewatch:public';

/** The least role a route needs. Without it: GET/HEAD need viewer, any other method editor. */
export const RequireRole = (role: Role) => SetMetadata(ROLE_KEY, role);
/** Open route: no API key needed (health, docs). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** The role a route needs: its declared one, else viewer to read (GET/HEAD) and editor to write. */
export function leastRole(method: RequestMethod | string, declared: Role | undefined): Role {
  if (declared) return declared;
  const reads: (RequestMethod | string)[] = [RequestMethod.GET, RequestMethod.HEAD, 'GET', 'HEAD'];
  return reads.includes(method) ? 'viewer' : 'editor';
}

export interface Principal {
  keyId: string;
  name: string;
  role: Role;
}

export type AuthedRequest = FastifyRequest & { principal?: Principal };

/** The caller; `recordedBy`/`createdBy` take its name. */
export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  return ctx.switchToHttp().getRequest<AuthedRequest>().principal as Principal;
});
