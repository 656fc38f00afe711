import type { Violation } from '../common/problem';
import { UpdateItemDto } from './dto/item.dto';
import type { Item } from './item.entity';
import { itemShapeViolations } from './item-rules';
import type { ItemChanges } from './items.repository';
import { amountOf } from './items.view';
import { moneyViolations, storedSchedule } from './money-rules';

/** DTO fields PATCH sets as they come. Status is not among them: it changes through updates only. */
const PATCHABLE = [
  'title',
  'statement',
  'language',
  'tags',
  'recurrence',
  'periodStart',
  'periodEnd',
  'dueAt',
  'duePrecision',
] as const;

/** What a PATCH breaks of the item's shape and money rules, given the item as it stands. */
export function patchViolations(current: Item, dto: UpdateItemDto): Violation[] {
  const after = {
    amount: dto.amount === undefined ? amountOf(current) : dto.amount,
    schedule: dto.schedule === undefined ? current.schedule : dto.schedule,
    recurrence: dto.recurrence === undefined ? current.recurrence : dto.recurrence,
    periodStart: dto.periodStart === undefined ? current.periodStart : dto.periodStart,
    periodEnd: dto.periodEnd === undefined ? current.periodEnd : dto.periodEnd,
  };
  return [
    ...itemShapeViolations({
      kind: current.kind,
      amount: dto.amount,
      schedule: dto.schedule,
      target: dto.target,
      recurrence: dto.recurrence,
      periodStart: after.periodStart,
      periodEnd: after.periodEnd,
    }),
    ...(current.kind === 'commitment' ? moneyViolations(after) : []),
  ];
}

/** The columns a PATCH sets, in the order the statement lists them. */
export function patchChanges(dto: UpdateItemDto): ItemChanges {
  const changes: ItemChanges = {};
  for (const field of PATCHABLE) {
    const value = dto[field];
    if (value !== undefined) changes[field] = field === 'tags' ? [...new Set(value as string[])] : value;
  }
  if (dto.amount !== undefined) {
    changes.amountValue = dto.amount?.value ?? null;
    changes.amountCurrency = dto.amount?.currency ?? null;
    changes.amountQualifier = dto.amount ? (dto.amount.qualifier ?? 'exactly') : null;
    changes.amountValueMax = dto.amount?.valueMax ?? null;
  }
  if (dto.schedule !== undefined) {
    const schedule = storedSchedule(dto.schedule);
    changes.schedule = schedule && JSON.stringify(schedule);
  }
  if (dto.target !== undefined) {
    changes.targetValue = dto.target?.value ?? null;
    changes.targetUnit = dto.target?.unit ?? null;
    changes.targetLabel = dto.target?.label ?? null;
  }
  return changes;
}
