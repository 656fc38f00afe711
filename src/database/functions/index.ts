import { ACTIVITY_FUNCTIONS, ACTIVITY_TRIGGERS } from './activity';
import { CHANGE_FUNCTIONS, CHANGE_TRIGGERS } from './changes';
import { DatabaseFunction, DatabaseTrigger } from './declare';
import { MONEY_LEDGER_FUNCTIONS } from './money-ledger';
import { pwRevalueMoney } from './money-revalue';
import { MONEY_TOTAL_FUNCTIONS, MONEY_TRIGGERS } from './money-totals';
import { SEARCH_FUNCTIONS } from './search';
import { STATUS_COUNT_FUNCTIONS, STATUS_COUNT_TRIGGERS } from './status-counts';
import { STATUS_DELTA_FUNCTIONS, STATUS_DELTA_TRIGGERS } from './status-deltas';

export * from './declare';

/**
 * Every function and trigger of the schema, each declared once in this folder, in an order that
 * creates each after what it uses. The search functions come first: generated columns and indexes
 * of the tables use them.
 */
export const FUNCTIONS: DatabaseFunction[] = [
  ...SEARCH_FUNCTIONS,
  ...ACTIVITY_FUNCTIONS,
  ...CHANGE_FUNCTIONS,
  ...STATUS_COUNT_FUNCTIONS,
  ...STATUS_DELTA_FUNCTIONS,
  ...MONEY_LEDGER_FUNCTIONS,
  ...MONEY_TOTAL_FUNCTIONS,
  pwRevalueMoney,
];

export const TRIGGERS: DatabaseTrigger[] = [
  ...ACTIVITY_TRIGGERS,
  ...CHANGE_TRIGGERS,
  ...STATUS_COUNT_TRIGGERS,
  ...STATUS_DELTA_TRIGGERS,
  ...MONEY_TRIGGERS,
];

export { SEARCH_FUNCTIONS };
