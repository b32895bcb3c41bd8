import { ValidationTypes, getMetadataStorage } from 'class-validator';

// The API's rule: an optional body field sent as null is absent, in every request body. A client
// that writes `"applicationRef": null` means "no application", as one that leaves it out; before
// this rule the null went on to the event, whose schema has no null there (a 500, found by the
// OpenAPI fuzz). No request field takes null as a value of its own (API.md documents null only in
// answers); the one free-form object, a policy simulation's `changes`, where null replaces a
// value, is no DTO and is left as it is. A required field sent as null stays, and its validator
// refuses it (400 validation-failed naming it).

/**
 * Drops, in place, every property of a DTO instance (as class-transformer built it from the body)
 * whose value is null and which its class validates only under a condition (@IsOptional, or
 * @ValidateIf: the condition then sees the field absent, as if it had not been sent), then does
 * the same in the nested DTOs, also in arrays. Plain objects (no DTO) are left as they are.
 */
export function dropNullOptionals(value: unknown): void {
  if (Array.isArray(value)) {
    for (const item of value) dropNullOptionals(item);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  const dto = (value as { constructor?: unknown }).constructor;
  if (typeof dto !== 'function' || dto === Object) return;
  const optional = optionalProperties(dto as DtoClass);
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (key === 'constructor') continue;
    if (record[key] === null && optional.has(key)) delete record[key];
    else dropNullOptionals(record[key]);
  }
}

type DtoClass = abstract new (...args: never[]) => unknown;

// per class, read once: the decorators registered them when the class was defined
const optionalByDto = new WeakMap<DtoClass, ReadonlySet<string>>();

function optionalProperties(dto: DtoClass): ReadonlySet<string> {
  let optional = optionalByDto.get(dto);
  if (!optional) {
    optional = new Set(
      getMetadataStorage()
        .getTargetValidationMetadatas(dto, '', false, false)
        .filter((m) => m.type === ValidationTypes.CONDITIONAL_VALIDATION)
        .map((m) => m.propertyName),
    );
    optionalByDto.set(dto, optional);
  }
  return optional;
}

/**
 * A parsed JSON body as the request hash of an idempotent write sees it: without the properties
 * whose value is null, at any depth (array items stay). `{"x": null}` and `{}` are one request: a
 * body the DTO accepts has a null only where dropNullOptionals drops it, and a body with a
 * required field or an unknown one as null is refused before anything is recorded. A value with
 * no null property comes back as it is (the same object: nothing is copied).
 */
export function withoutNullProperties(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    const items = value.map(withoutNullProperties);
    return items.every((item, i) => item === value[i]) ? value : items;
  }
  let changed = false;
  const kept: Array<[string, unknown]> = [];
  for (const [key, v] of Object.entries(value)) {
    if (v === null) {
      changed = true;
      continue;
    }
    const w = withoutNullProperties(v);
    changed ||= w !== v;
    kept.push([key, w]);
  }
  return changed ? Object.fromEntries(kept) : value;
}
