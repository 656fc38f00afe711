import { EntityManager } from 'typeorm';

export interface SimilarItem {
  id: string;
  kind: string;
  title: string;
  status: string;
  score: number;
}

/**
 * Items that look like the same claim or pledge: trigram similarity (pg_trgm) of the folded
 * title and statement, best first. Only pairs above pg_trgm's threshold (0.3) are candidates,
 * which lets the trigram indexes answer. `statement` defaults to the text compared with titles.
 */
export async function findSimilar(
  m: EntityManager,
  text: { title: string; statement?: string },
  options: { limit: number; kind?: string; excludeId?: string },
): Promise<SimilarItem[]> {
  const rows: SimilarItem[] = await m.query(
    `SELECT i.id, i.kind, i.title, i.status,
            round(greatest(similarity(pw_fold(i.title), pw_fold($1)), similarity(pw_fold(i.statement), pw_fold($2)))::numeric, 3)::float8 AS score
     FROM items i
     WHERE i.merged_into_id IS NULL
       AND (pw_fold(i.title) % pw_fold($1) OR pw_fold(i.statement) % pw_fold($2))
       AND ($3::text IS NULL OR i.kind = $3)
       AND ($4::uuid IS NULL OR i.id <> $4)
     ORDER BY score DESC, i.id
     LIMIT $5`,
    [text.title, text.statement ?? text.title, options.kind ?? null, options.excludeId ?? null, options.limit],
  );
  return rows;
}
