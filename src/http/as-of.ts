import {
  Inject,
  Injectable,
  SetMetadata,
  applyDecorators,
  createParamDecorator,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiQuery } from '@nestjs/swagger';
import { from, switchMap, type Observable } from 'rxjs';
import { logReaderToken, type LogReader } from '../eventstore/log-reader.port.js';
import { ReadModels } from '../read-models/read-models.module.js';
import type { QueryReads } from '../../projections/query-reads.js';
import { ProblemError, badField } from './problem-error.js';

// Point-in-time reads, one mechanism for every route (API.md 1.1: "Reads that take
// asOfPosition/asOf honour them on every read; a read that cannot answer as of a point refuses it
// with 400 as-of-not-supported, never ignores it"). A route that can answer declares @ReadsAsOf();
// the global AsOfInterceptor refuses asOf/asOfPosition everywhere else, validates them (400
// validation-failed naming the parameter), turns the instant into the last position recorded at or
// before it, and hands the route one position through @AsOfPosition() (undefined: now).

const readsAsOfMetadata = 'ledger:reads-as-of';
/** turning an instant into a position reads the log */
const asOfInstantReads: QueryReads = { now: ['log'] };
const asOfQueryNames = ['asOfPosition', 'asOf'] as const;
const instantPattern =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2}))$/;
/** Positions are bigint in the database; beyond this a query parameter is not a position. */
const positionDigitsMax = 15;

interface AsOfRequest {
  query: Record<string, unknown>;
  asOfPosition?: number;
}

/** The route answers as of `asOfPosition` (a global position) or `asOf` (an RFC 3339 instant). */
export const ReadsAsOf = (): MethodDecorator =>
  applyDecorators(
    SetMetadata(readsAsOfMetadata, true),
    ApiQuery({
      name: 'asOfPosition',
      required: false,
      schema: { type: 'integer', minimum: 0 },
      description: 'answer as the log stood at this global position',
    }),
    ApiQuery({
      name: 'asOf',
      required: false,
      schema: { type: 'string', format: 'date-time' },
      description:
        'answer as the log stood at this instant (RFC 3339); with asOfPosition, the earlier of the two',
    }),
  );

/** The position the route answers as of, resolved by AsOfInterceptor; undefined: the current state. */
export const AsOfPosition = createParamDecorator(
  (_: unknown, context: ExecutionContext): number | undefined =>
    context.switchToHttp().getRequest<AsOfRequest>().asOfPosition,
);

@Injectable()
export class AsOfInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    @Inject(logReaderToken) private readonly log: LogReader,
    private readonly readModels: ReadModels,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<AsOfRequest>();
    const given = asOfQueryNames.filter((name) => request.query?.[name] !== undefined);
    if (given.length === 0) return next.handle();
    if (
      !this.reflector.getAllAndOverride<boolean>(readsAsOfMetadata, [
        context.getHandler(),
        context.getClass(),
      ])
    ) {
      throw new ProblemError(
        400,
        'as-of-not-supported',
        'Bad request',
        `this read cannot answer as of a point; remove ${given.join(' and ')}`,
      );
    }
    const bound = parseAsOfPosition(request.query.asOfPosition);
    const instant = parseAsOfInstant(request.query.asOf);
    return from(this.resolve(instant, bound)).pipe(
      switchMap((position) => {
        request.asOfPosition = position;
        return next.handle();
      }),
    );
  }

  private async resolve(
    instant: string | undefined,
    bound: number | undefined,
  ): Promise<number | undefined> {
    if (instant === undefined) return bound;
    await this.readModels.ready(asOfInstantReads); // the instant is looked up in the PostgreSQL log (its copy, with KurrentDB)
    const at = await this.log.positionAsOf(instant);
    return bound === undefined ? at : Math.min(at, bound);
  }
}

export function parseAsOfPosition(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !new RegExp(`^\\d{1,${positionDigitsMax}}$`).test(value)) {
    throw badField('asOfPosition', 'must be a non-negative integer position, given once');
  }
  return Number(value);
}

/** The `asOf` query parameter: an RFC 3339 instant, or 400 naming it. */
export function parseAsOfInstant(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !isRealInstant(value)) {
    throw badField(
      'asOf',
      'must be an RFC 3339 instant, given once, e.g. 2023-06-01T00:00:00+08:00',
    );
  }
  return value;
}

/** Every field in range (no 30 February, no 24:00): PostgreSQL would refuse such an instant with an error. */
function isRealInstant(value: string): boolean {
  const m = instantPattern.exec(value);
  if (!m) return false;
  const [year, month, day, hour, minute, second = 0, offsetHours = 0, offsetMinutes = 0] = m
    .slice(1)
    .map((part) => (part === undefined ? undefined : Number(part)));
  const daysInMonth = new Date(Date.UTC(year!, month!, 0)).getUTCDate();
  return (
    year! >= 1 &&
    month! >= 1 &&
    month! <= 12 &&
    day! >= 1 &&
    day! <= daysInMonth &&
    hour! < 24 &&
    minute! < 60 &&
    second < 60 &&
    offsetHours < 24 &&
    offsetMinutes < 60
  );
}
