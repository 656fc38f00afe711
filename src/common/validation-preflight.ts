import { getMetadataStorage } from 'class-validator';
import type { FieldError } from './problem';
import { nestedType } from './validators';

/** What the preflight needs to know about one DTO class, read once from its decorators. */
interface Shape {
  /** Every property with a validator: the only ones a body may carry (whitelist). */
  known: Set<string>;
  /** `@ArrayMaxSize(n)` per property. */
  maxItems: Map<string, number>;
  /** Nested DTO class per property (`@Nested`). */
  nested: Map<string, new () => object>;
}

const shapes = new WeakMap<object, Shape>();

function shapeOf(target: new () => object): Shape {
  const cached = shapes.get(target);
  if (cached) return cached;
  const storage = getMetadataStorage();
  const metadata = storage.getTargetValidationMetadatas(target, '', true, false);
  const shape: Shape = { known: new Set(), maxItems: new Map(), nested: new Map() };
  for (const m of metadata) {
    shape.known.add(m.propertyName);
    const name = storage.getTargetValidatorConstraints(m.constraintCls)[0]?.name;
    if (name === 'arrayMaxSize') shape.maxItems.set(m.propertyName, Number(m.constraints[0]));
    if (m.type === 'nestedValidation') {
      const nested = nestedType(target, m.propertyName);
      if (nested) shape.nested.set(m.propertyName, nested);
    }
  }
  shapes.set(target, shape);
  return shape;
}

export interface Preflight {
  /** The first `limit` errors. */
  listed: FieldError[];
  total: number;
  /** An array was over its `@ArrayMaxSize`: class-validator must not walk this body. */
  oversized: boolean;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * The checks that must come before class-validator, which validates every element and reports
 * every unknown key however many there are (690,000 empty citations took 39 s and ended in a
 * 500): arrays over their `@ArrayMaxSize` and unknown keys are reported here without looking
 * inside them. It also uses a Set for the known names, so keys such as `toString` or
 * `hasOwnProperty` (which class-validator finds on Object.prototype) are unknown too.
 * Lists the first `limit` errors and counts the rest.
 */
export function preflight(target: new () => object, value: unknown, limit: number): Preflight {
  const errors: FieldError[] = [];
  let total = 0;
  let oversized = false;
  const report = (error: FieldError) => {
    if (total++ < limit) errors.push(error);
  };
  const visit = (type: new () => object, node: unknown, parent: string): void => {
    if (!isPlainObject(node)) return;
    const shape = shapeOf(type);
    for (const key of Object.keys(node)) {
      const path = parent ? `${parent}.${key}` : key;
      if (!shape.known.has(key)) {
        report({ path, message: `property ${key} should not exist` });
        continue;
      }
      const child = node[key];
      const max = shape.maxItems.get(key);
      if (max !== undefined && Array.isArray(child) && child.length > max) {
        oversized = true;
        report({ path, message: `${key} must contain no more than ${max} elements` });
        continue;
      }
      const nested = shape.nested.get(key);
      if (!nested) continue;
      if (Array.isArray(child)) child.forEach((element, i) => visit(nested, element, `${path}.${i}`));
      else visit(nested, child, path);
    }
  };
  visit(target, value, '');
  return { listed: errors, total, oversized };
}
