import { declareFunction } from './declare';

/**
 * Folding and full-text search (docs/search-and-stats.md). `items.search` and `citations.search`
 * are generated columns over `pw_tsv`, and indexes use `pw_fold`: these exist before the tables.
 */

/** unaccent() is only STABLE; this wrapper names its dictionary so it can be IMMUTABLE and indexed. */
export const pwFold = declareFunction({
  name: 'pw_fold',
  args: 'text',
  returns: 'text',
  language: 'sql',
  attributes: 'IMMUTABLE PARALLEL SAFE STRICT',
  body: ` SELECT lower(public.unaccent('public.unaccent'::regdictionary, $1)) `,
});

/** regconfig lookups are STABLE in PostgreSQL; these three names are built in and never change. */
export const pwTsConfig = declareFunction({
  name: 'pw_ts_config',
  args: 'language text',
  returns: 'regconfig',
  language: 'sql',
  attributes: 'IMMUTABLE PARALLEL SAFE',
  body: ` SELECT CASE WHEN lower($1) LIKE 'fr%' THEN 'pg_catalog.french'::regconfig
                        WHEN lower($1) LIKE 'en%' THEN 'pg_catalog.english'::regconfig
                        ELSE 'pg_catalog.simple'::regconfig END `,
});

/** Each text stemmed with the configuration of its own language, after pw_fold. */
export const pwTsv = declareFunction({
  name: 'pw_tsv',
  args: 'language text, body text',
  returns: 'tsvector',
  language: 'sql',
  attributes: 'IMMUTABLE PARALLEL SAFE',
  body: ` SELECT to_tsvector(pw_ts_config($1), coalesce(pw_fold($2), '')) `,
});

/** A query's language is unknown: it matches when it matches in any of the three configurations. */
export const pwTsquery = declareFunction({
  name: 'pw_tsquery',
  args: 'query text',
  returns: 'tsquery',
  language: 'sql',
  attributes: 'IMMUTABLE PARALLEL SAFE STRICT',
  body: ` SELECT websearch_to_tsquery('pg_catalog.french', pw_fold($1)) || websearch_to_tsquery('pg_catalog.english', pw_fold($1))
                   || websearch_to_tsquery('pg_catalog.simple', pw_fold($1)) `,
});

export const SEARCH_FUNCTIONS = [pwFold, pwTsConfig, pwTsv, pwTsquery];
