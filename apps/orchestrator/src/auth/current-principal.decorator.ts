import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { Principal } from './principal.js';

export type AuthenticatedRequest = Request & { principal?: Principal };

export function principalOf(request: AuthenticatedRequest): Principal {
  // The guard runs before every non-public route; a controller reaching here without one is a wiring bug.
  if (!request.principal) throw new Error('no principal on an authenticated route: is AuthenticationGuard installed?');
  return request.principal;
}

/** The principal the request was authenticated as. */
export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal =>
  principalOf(context.switchToHttp().getRequest<AuthenticatedRequest>()),
);
