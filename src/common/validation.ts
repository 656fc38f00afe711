import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { CommonErrors, FieldError, ProblemError } from './problem';
import { UNCARRIABLE_MESSAGE, uncarriableStrings } from './text/unicode';
import { preflight } from './validation-preflight';

/** A problem lists at most this many failing fields, then says how many more there were. */
export const MAX_LISTED_ERRORS = 100;

/** Flattens class-validator's tree into `a.b.0.c` paths, one entry per failed constraint. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ path, message }));
    return [...own, ...flattenValidationErrors(error.children ?? [], path)];
  });
}

/** One 422 for failing fields: the first MAX_LISTED_ERRORS, and `omittedErrors` counting the rest. */
export function validationProblem(fields: FieldError[], total = fields.length): ProblemError {
  const listed = fields.slice(0, MAX_LISTED_ERRORS);
  const omitted = total - listed.length;
  return new ProblemError(
    CommonErrors.VALIDATION_FAILED,
    listed.map((f) => `${f.path}: ${f.message}`).join('; ') + (omitted > 0 ? `; and ${omitted} more` : ''),
    omitted > 0 ? { omittedErrors: omitted } : {},
    listed,
  );
}

/**
 * The strictest pipe: unknown fields are 422, every failing field is listed (up to
 * MAX_LISTED_ERRORS). Oversized arrays and unknown keys are refused before class-validator
 * walks them (see preflight), so the work per request is bounded by the DTO, not the body.
 * Every string of every DTO is also refused when it holds a Unicode non-character or a lone
 * surrogate (one check here rather than a decorator each text field could forget).
 */
class BoundedValidationPipe extends ValidationPipe {
  /** DTO classes whose empty value (a query without parameters, `{}`) has passed once. */
  private readonly emptyPasses = new WeakSet<object>();

  async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const type = metadata.metatype as (new () => object) | undefined;
    if (!type || !this.toValidate(metadata)) return super.transform(value, metadata);
    // `{}` validates the same every time (its instance holds only the class's defaults): once it
    // has passed, the instance is built without walking the class's validators again.
    const empty = isEmptyObject(value);
    if (empty && this.emptyPasses.has(type)) return plainToInstance(type, value);
    const early = preflight(type, value, MAX_LISTED_ERRORS);
    if (early.oversized || early.total > MAX_LISTED_ERRORS)
      throw validationProblem(early.listed, early.total);
    let fields: FieldError[] = [];
    let result: unknown;
    try {
      result = await super.transform(value, metadata);
    } catch (error) {
      if (!(error instanceof FailedFields)) throw error;
      fields = error.fields;
    }
    // class-validator misses unknown keys named like Object.prototype members; preflight does not.
    const seen = new Set(fields.map((f) => `${f.path}\n${f.message}`));
    const text = uncarriableStrings(value).map((path) => ({
      path,
      message: `${path.split('.').pop()} ${UNCARRIABLE_MESSAGE}`,
    }));
    const all = [
      ...fields,
      ...[...early.listed, ...text].filter((f) => !seen.has(`${f.path}\n${f.message}`)),
    ];
    if (all.length > 0) throw validationProblem(all);
    if (empty) this.emptyPasses.add(type);
    return result;
  }
}

const isEmptyObject = (value: unknown): value is object =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0;

/** class-validator's failures on their way from exceptionFactory to the pipe's own problem. */
class FailedFields extends Error {
  constructor(readonly fields: FieldError[]) {
    super('validation failed');
  }
}

export function createValidationPipe(): ValidationPipe {
  return new BoundedValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new FailedFields(flattenValidationErrors(errors)),
  });
}
