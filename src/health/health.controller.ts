import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type pg from 'pg';
import { Public } from '../auth/roles.decorator.js';
import { pgPoolToken } from '../eventstore/event-store.module.js';

export const healthQueryTimeoutMs = 2000;

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@Inject(pgPoolToken) private readonly pool: pg.Pool) {}

  @Get()
  @Public()
  @ApiOperation({ summary: '200 when the database answers, else 503' })
  async health(@Res({ passthrough: true }) res: Response) {
    try {
      const { rows } = await Promise.race([
        this.pool.query<{ head: string | null }>('SELECT max(position)::text AS head FROM events'),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('database timeout')), healthQueryTimeoutMs)),
      ]);
      return { status: 'ok', database: 'up', headPosition: Number(rows[0]?.head ?? 0) };
    } catch (error) {
      res.status(503);
      return { status: 'unavailable', database: 'down', detail: (error as Error).message };
    }
  }
}
