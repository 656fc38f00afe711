import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reviewers' decisions on a source's candidates (issue #23): a candidate dismissed with an optional
 * reason, or accepted by the item created with its `candidateKey`. The key is the candidate's stable
 * key (docs/candidates.md, "Decisions"); kind and quote are kept as the candidate stated them, so
 * the gold export still has them when a later extractor words the candidate differently.
 */
export class CandidateDecisions1732703300000 implements MigrationInterface {
  name = 'CandidateDecisions1732703300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE candidate_decisions (
         source_id uuid NOT NULL,
         key text NOT NULL,
         decision text NOT NULL,
         kind text NOT NULL,
         quote text NOT NULL,
         reason text,
         item_id uuid,
         decided_by text NOT NULL,
         decided_at timestamptz NOT NULL DEFAULT now(),
         CONSTRAINT candidate_decisions_pkey PRIMARY KEY (source_id, key),
         CONSTRAINT candidate_decisions_source_id_fkey FOREIGN KEY (source_id) REFERENCES sources (id) ON DELETE CASCADE,
         CONSTRAINT candidate_decisions_item_id_fkey FOREIGN KEY (item_id) REFERENCES items (id) ON DELETE CASCADE,
         CONSTRAINT candidate_decisions_key_format CHECK (key ~ '^[0-9a-f]{32}$'),
         CONSTRAINT candidate_decisions_decision_known CHECK (decision IN ('accepted', 'dismissed')),
         CONSTRAINT candidate_decisions_kind_known CHECK (kind IN ('claim', 'commitment')),
         CONSTRAINT candidate_decisions_item_when_accepted CHECK ((decision = 'accepted') = (item_id IS NOT NULL)),
         CONSTRAINT candidate_decisions_reason_length CHECK (char_length(reason) <= 1000)
       )`,
    );
    await q.query(`CREATE INDEX candidate_decisions_item ON candidate_decisions (item_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE candidate_decisions`);
  }
}
