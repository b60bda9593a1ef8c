import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { AuthenticationRefused, Authenticator } from './authenticator.js';
import type { AuthenticatedRequest } from './current-principal.decorator.js';
import { IS_PUBLIC } from './public.decorator.js';

/** Global: every route but the @Public ones resolves a principal before its controller runs, or is refused. */
@Injectable()
export class AuthenticationGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: Authenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    try {
      request.principal = await this.authenticator.authenticate(request.headers, request.ip ?? request.socket.remoteAddress ?? 'unknown');
    } catch (error) {
      if (error instanceof AuthenticationRefused) {
        const response = context.switchToHttp().getResponse<Response>();
        for (const [name, value] of Object.entries(error.headers)) response.setHeader(name, value);
      }
      throw error;
    }
    return true;
  }
}
