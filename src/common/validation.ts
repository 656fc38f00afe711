import { ValidationError, ValidationPipe } from '@nestjs/common';
import { CommonErrors, FieldError, ProblemError } from './problem';

/** Flattens class-validator's tree into `a.b.0.c` paths, one entry per failed constraint. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ path, message }));
    return [...own, ...flattenValidationErrors(error.children ?? [], path)];
  });
}

/** The strictest pipe: unknown fields are 422, every failing field is listed. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const fields = flattenValidationErrors(errors);
      return new ProblemError(
        CommonErrors.VALIDATION_FAILED,
        fields.map((f) => `${f.path}: ${f.message}`).join('; '),
        {},
        fields,
      );
    },
  });
}
