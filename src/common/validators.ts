import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsISO8601, IsString, Length, Matches, ValidateNested, ValidationOptions } from 'class-validator';

/** No NUL or other C0 control characters except tab and newlines. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NO_CONTROL = /^[^\u0000-\u0008\u000b\u000c\u000e-\u001f]*$/;

/** A bounded string without control characters: the building block of every text field. */
export function IsText(max: number, min = 1, options?: ValidationOptions) {
  return applyDecorators(
    IsString(options),
    Length(min, max, options),
    Matches(NO_CONTROL, { ...options, message: '$property must not contain control characters' }),
  );
}

/** BCP 47 language tag, e.g. fr, en, uk, pt-BR. */
export const LANGUAGE_TAG = /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/;
export const IsLanguageTag = (options?: ValidationOptions) =>
  applyDecorators(
    IsString(options),
    Length(2, 35, options),
    Matches(LANGUAGE_TAG, { ...options, message: '$property must be a BCP 47 language tag' }),
  );

/** A calendar date, YYYY-MM-DD. */
export const IsDateOnly = () =>
  applyDecorators(
    IsString(),
    Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '$property must be a date YYYY-MM-DD' }),
    IsISO8601({ strict: true }, { message: '$property must be a valid date' }),
    Matches(/^(19|2[01])\d\d-|^2200-/, { message: '$property must be in the years 1900–2200' }),
  );

/**
 * One line of text: what IsText accepts, less tab, CR and LF (filters that are written into the
 * lines of other formats, such as a calendar's name).
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const ONE_LINE = /^[^\u0000-\u001f\u007f]*$/;
export function IsLine(max: number, min = 1, options?: ValidationOptions) {
  return applyDecorators(
    IsText(max, min, options),
    Matches(ONE_LINE, { ...options, message: '$property must be one line without control characters' }),
  );
}

type DtoClass = new () => object;
const nestedTypes = new WeakMap<object, Map<string, () => DtoClass>>();

/**
 * A nested DTO (or, with `each`, an array of them): class-validator's `@ValidateNested` and
 * class-transformer's `@Type` in one, with the class recorded where the validation preflight
 * can read it (`nestedType`) without reaching into class-transformer's private storage.
 */
export function Nested(type: () => DtoClass, options: { each?: boolean } = {}): PropertyDecorator {
  const record: PropertyDecorator = (target, property) => {
    const byProperty = nestedTypes.get(target.constructor) ?? new Map<string, () => DtoClass>();
    byProperty.set(String(property), type);
    nestedTypes.set(target.constructor, byProperty);
  };
  return applyDecorators(ValidateNested({ each: options.each }), Type(type), record);
}

/** The class `@Nested` declared for `property` of `target` (own or inherited). */
export function nestedType(target: DtoClass, property: string): DtoClass | undefined {
  for (
    let c: unknown = target;
    typeof c === 'function' && c !== Function.prototype;
    c = Object.getPrototypeOf(c)
  ) {
    const type = nestedTypes.get(c)?.get(property);
    if (type) return type();
  }
  return undefined;
}
