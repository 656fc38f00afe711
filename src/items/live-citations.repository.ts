import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { sqlRows, sqlWrite } from '../database/sql';

export interface LiveCitation {
  id: string;
  itemId: string;
  quote: string;
  /** Null until a recheck of the source looked for the passage. */
  stillPresent: boolean | null;
}

/** The citations statements of source rechecks: whether each passage is still on the live page. */
@Injectable()
export class LiveCitationsRepository {
  /** The citations of a source's live items, locked against a concurrent recheck. */
  ofSource(m: EntityManager, sourceId: string): Promise<LiveCitation[]> {
    return sqlRows<LiveCitation>(
      m,
      `SELECT c.id, c.item_id AS "itemId", c.quote, c.still_present AS "stillPresent"
         FROM citations c JOIN items i ON i.id = c.item_id
        WHERE c.source_id = $1 AND i.merged_into_id IS NULL
        ORDER BY c.id FOR UPDATE OF c`,
      [sourceId],
    );
  }

  setStillPresent(m: EntityManager, ids: string[], present: boolean): Promise<number> {
    return sqlWrite(m, `UPDATE citations SET still_present = $2 WHERE id = ANY($1::uuid[])`, [ids, present]);
  }
}
