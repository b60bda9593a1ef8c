import { Global, Inject, Logger, Module, type OnModuleInit } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule, type ThrottlerModuleOptions } from '@nestjs/throttler';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { AuthenticationGuard } from './authentication.guard.js';
import { Authenticator } from './authenticator.js';
import { principalOf, type AuthenticatedRequest } from './current-principal.decorator.js';
import { principalKey } from './principal.js';
import { StreamSlots } from './stream-slots.js';

function throttlerOptions(config: AppConfig): ThrottlerModuleOptions {
  const limit = config.auth.rateLimitPerMinute;
  return {
    throttlers: [{ name: 'default', ttl: 60_000, limit: Math.max(1, limit) }],
    // Public routes carry no principal; open mode is development, where the benches and seeds run unthrottled.
    skipIf: (context) => {
      const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
      return limit === 0 || !principal || principal.kind === 'open';
    },
    getTracker: (request) => principalKey(principalOf(request as AuthenticatedRequest)),
    errorMessage: (_context, detail) => `more than ${detail.limit} requests in a minute from this principal; retry in ${detail.timeToBlockExpire} s`,
  };
}

/**
 * Authentication (who), then the per-principal rate limit: the guards run in the order listed, so the
 * throttler counts the principal the first one resolved.
 */
@Global()
@Module({
  imports: [ThrottlerModule.forRootAsync({ inject: [APP_CONFIG], useFactory: throttlerOptions })],
  providers: [
    { provide: Authenticator, inject: [APP_CONFIG], useFactory: (config: AppConfig) => new Authenticator(config.auth) },
    { provide: StreamSlots, inject: [APP_CONFIG], useFactory: (config: AppConfig) => new StreamSlots(config.auth.sseMaxStreams) },
    { provide: APP_GUARD, useClass: AuthenticationGuard },
    { provide: APP_GUARD, useClass: ThrottlerGuard },
  ],
  exports: [Authenticator, StreamSlots],
})
export class AuthModule implements OnModuleInit {
  constructor(@Inject(Authenticator) private readonly authenticator: Authenticator) {}

  onModuleInit(): void {
    const logger = new Logger('Authentication');
    if (this.authenticator.open) {
      logger.warn('authentication is OFF (open mode): anyone who reaches the port reads and starts any user\'s workflows. Set SUPABASE_JWT_SECRET, SUPABASE_JWKS_URL (or SUPABASE_URL) and/or API_KEYS; production refuses to start without one.');
    } else {
      logger.log(`authentication: ${this.authenticator.describe()}`);
    }
  }
}
