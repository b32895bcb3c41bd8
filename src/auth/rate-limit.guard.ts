import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Response } from 'express';
import { appConfigToken } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { ProblemError } from '../http/problem-error.js';
import type { Principal } from './principal.js';
import { countRequest, type RateLimit, type RateWindow } from './rate-window.js';

// A request rate limit per API key (LEDGER_RATE_LIMIT), so that one misbehaving client system
// cannot starve the others: over the limit, 429 rate-limited with Retry-After. Runs after
// ApiKeyGuard and counts by the key's fingerprint (never the key), over all routes together.
// Requests without a valid key were refused 401 before any work; the routes that need no key
// (health, docs) are not counted, so a probe is never throttled. Counts are per process: N
// instances behind a balancer allow N times the limit. The map holds one entry per configured
// key at most, so it cannot grow without bound.
// Not @nestjs/throttler: 6.7.1 accepts NestJS 12 but is CommonJS requiring the ESM-only
// @nestjs/common, which Jest's ESM mode can only load on Node 24.9+, not on our Node 20 floor.

@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly windows = new Map<string, RateWindow>();
  private readonly limit: RateLimit;

  constructor(@Inject(appConfigToken) config: AppConfig) {
    this.limit = config.rateLimit;
  }

  canActivate(context: ExecutionContext): boolean {
    const http = context.switchToHttp();
    const principal = http.getRequest<{ principal?: Principal }>().principal;
    if (!principal) return true;
    const verdict = countRequest(this.windows.get(principal.actor), this.limit, Date.now());
    this.windows.set(principal.actor, verdict.window);
    const response = http.getResponse<Response>();
    response.setHeader('X-RateLimit-Limit', this.limit.requests);
    if (verdict.allowed) {
      response.setHeader('X-RateLimit-Remaining', verdict.remaining);
      return true;
    }
    response.setHeader('Retry-After', verdict.retryAfterSeconds);
    throw new ProblemError(
      429,
      'rate-limited',
      'Too many requests',
      `this API key sent ${this.limit.requests} requests in less than ${this.limit.windowSeconds} s; retry after ${verdict.retryAfterSeconds} s`,
    );
  }
}
