import { Baseline1732702400001 } from '../../migrations/1732702400001-Baseline';

/**
 * Listed explicitly (no globs): the order here is the order they run. The baseline stands for the
 * 23 migrations before it (docs/adr/0005-database-functions-declared-once.md); new ones go after it.
 */
export const MIGRATIONS = [Baseline1732702400001];
