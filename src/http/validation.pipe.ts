import {
  ValidationPipe,
  type ArgumentMetadata,
  type PipeTransform,
  type ValidationError,
} from '@nestjs/common';
import type { ValidatorOptions } from 'class-validator';
import { dropNullOptionals } from './null-as-absent.js';
import { idLengthMax, textFault, textLengthMax } from './input-rules.js';
import { badField, validationFailed, type FieldError } from './problem-error.js';

/** The global pipes, in order: path and query parameters first (they see the raw values), then the DTOs. */
export function ledgerPipes(): PipeTransform[] {
  return [new ParameterPipe(), ledgerValidationPipe()];
}

// DTO validation: unknown fields are refused, every bad field is named in the 400's `errors`, an
// optional field sent as null is absent (null-as-absent.ts) in every DTO, the ones a route
// validates itself with this pipe included.
export function ledgerValidationPipe(): ValidationPipe {
  return new LedgerValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors: ValidationError[]) => validationFailed(flatten(errors, '')),
  });
}

class LedgerValidationPipe extends ValidationPipe {
  // class-transformer has built the DTO, the validators have not run yet
  protected override validate(object: object, validatorOptions?: ValidatorOptions) {
    dropNullOptionals(object);
    return super.validate(object, validatorOptions);
  }
}

/**
 * Path and query parameters are text too (API.md 1.1): given once (a repeated or bracketed query
 * parameter parses into an array or object), no control characters, path ids at most 64
 * characters, query values at most 200. The 400 names the parameter. Each route then checks the
 * parameter's own shape.
 */
export class ParameterPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (
      (metadata.type !== 'param' && metadata.type !== 'query') ||
      !metadata.data ||
      value === undefined
    )
      return value;
    const fault =
      typeof value === 'string'
        ? textFault(value, metadata.type === 'param' ? idLengthMax : textLengthMax)
        : 'must be given once, as text';
    if (fault) throw badField(metadata.data, fault);
    return value;
  }
}

function flatten(errors: ValidationError[], prefix: string): FieldError[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}
