import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { timingSafeEqual } from 'node:crypto';
import { appConfigToken } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { ProblemError } from '../http/problem-error.js';
import { principalFor, type Principal } from './principal.js';
import type { Role } from './role.js';
import { publicMetadata, rolesMetadata } from './roles.decorator.js';

// Authorization: Bearer <key>. No or unknown key: 401. A key without a role the route allows: 403.
@Injectable()
export class ApiKeyGuard implements CanActivate {
  private readonly keys: Array<{ key: Buffer; principal: Principal }>;

  constructor(
    private readonly reflector: Reflector,
    @Inject(appConfigToken) config: AppConfig,
  ) {
    this.keys = [...config.apiKeys].map(([key, grant]) => ({
      key: Buffer.from(key),
      principal: principalFor(key, grant),
    }));
  }

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(publicMetadata, targets)) return true;
    const request = context
      .switchToHttp()
      .getRequest<{ headers: Record<string, string | undefined>; principal?: Principal }>();
    const principal = this.authenticate(request.headers.authorization);
    if (!principal) {
      // RFC 9110 section 11.6.1: a 401 names the scheme it wants (RFC 6750 for Bearer).
      context
        .switchToHttp()
        .getResponse<{ setHeader(name: string, value: string): void }>()
        .setHeader('WWW-Authenticate', 'Bearer realm="ledger"');
      throw new ProblemError(
        401,
        'unauthorized',
        'Unauthorized',
        'an API key is required: Authorization: Bearer <key>',
      );
    }
    const allowed = this.reflector.getAllAndOverride<Role[]>(rolesMetadata, targets) ?? [];
    if (!principal.roles.includes('admin') && !principal.roles.some((r) => allowed.includes(r))) {
      throw new ProblemError(
        403,
        'forbidden',
        'Forbidden',
        `this operation needs one of the roles: ${['admin', ...allowed].join(', ')}`,
      );
    }
    request.principal = principal;
    return true;
  }

  private authenticate(header: string | undefined): Principal | undefined {
    // The scheme is case-insensitive (RFC 9110 section 11.1): bearer and BEARER are Bearer.
    const match = /^Bearer +(.+?) *$/i.exec(header ?? '');
    if (!match) return undefined;
    const presented = Buffer.from(match[1]!);
    return this.keys.find(
      ({ key }) => key.length === presented.length && timingSafeEqual(key, presented),
    )?.principal;
  }
}
