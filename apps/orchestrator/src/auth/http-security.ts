import type { INestApplication } from '@nestjs/common';
import type { DocumentBuilder } from '@nestjs/swagger';
import helmet from 'helmet';
import type { AuthConfig } from './auth.config.js';

export const BEARER_SCHEME = 'supabase-jwt';
export const API_KEY_SCHEME = 'api-key';

/** Security headers on every response; CORS answered only for the origins CORS_ORIGINS lists. */
export function applyHttpSecurity(app: INestApplication, auth: AuthConfig, environment: string): void {
  // The client address the failed-authentication limit counts: the connection's unless TRUST_PROXY names proxies.
  (app.getHttpAdapter().getInstance() as { set(name: string, value: unknown): void }).set('trust proxy', auth.trustProxy);
  // Over plain http (development), upgrade-insecure-requests would send Swagger UI's own assets to https.
  const directives: Record<string, null> = environment === 'production' ? {} : { upgradeInsecureRequests: null };
  app.use(helmet({ contentSecurityPolicy: { directives } }));
  if (auth.corsOrigins.length > 0) {
    app.enableCors({
      origin: auth.corsOrigins,
      allowedHeaders: ['Authorization', 'X-API-Key', 'Content-Type', 'Idempotency-Key', 'Last-Event-ID'],
      exposedHeaders: ['Retry-After', 'X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset', 'Idempotency-Replayed', 'WWW-Authenticate'],
      maxAge: 600,
    });
  }
}

/** Both schemes in the OpenAPI document, each enough on its own, so Swagger UI's Authorize button offers both. */
export function documentSecurity(builder: DocumentBuilder): DocumentBuilder {
  return builder
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'A Supabase access token (a signed-in user).' }, BEARER_SCHEME)
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'A service key listed (as its SHA-256) in API_KEYS.' }, API_KEY_SCHEME)
    .addSecurityRequirements(BEARER_SCHEME)
    .addSecurityRequirements(API_KEY_SCHEME);
}
