/**
 * A passage picked in one of the item's sources as evidence: the item page collects them, the
 * timeline's update form sends them (a module of its own, so neither page imports the other).
 */
export interface Evidence {
  sourceId: string;
  quote: string;
}
