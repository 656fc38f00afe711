import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { FieldError } from '../common/problem';
import { flattenValidationErrors } from '../common/validation';
import { CreateItemDto } from './dto/item.dto';
import { itemShapeViolations } from './item-rules';
import { moneyViolations } from './money-rules';

export type { CreateItemDto as CreateItemBody, UpdateItemDto as UpdateItemBody } from './dto/item.dto';

/**
 * Every rule POST /v1/items checks before it touches the database (the DTO's, the item's shape,
 * its money), for a body built in code rather than received (an import's rows).
 */
export async function createItemErrors(body: object): Promise<FieldError[]> {
  const dto = plainToInstance(CreateItemDto, body);
  const invalid = flattenValidationErrors(
    await validate(dto, { whitelist: true, forbidNonWhitelisted: true }),
  );
  if (invalid.length > 0) return invalid;
  return [...itemShapeViolations(dto), ...moneyViolations(dto)].map((v) => ({
    path: v.path,
    message: v.message,
  }));
}
