import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ProblemError } from '../common/problem';
import { SourceErrors } from '../sources/sources.errors';
import { SourcesRepository } from '../sources/sources.repository';
import { candidateKeys } from './candidate-key';
import { CandidateExtractions } from './candidate-extractions';
import { CandidateErrors } from './candidates.errors';
import { Extracted } from './extraction/extract';
import { candidateLanguage } from './extraction/language';
import { Language } from './extraction/lexicon';

export interface SourceCandidates {
  text: string;
  language: Language;
  /** When the source was published, if known: the date a later source's proposed update takes effect. */
  publishedAt: Date | null;
  /** The pure extraction in reading order, each candidate with its stable key. */
  found: Array<{ key: string; e: Extracted }>;
}

/** A source's stored text read into keyed candidates: for the list, dismissals and acceptances alike. */
@Injectable()
export class SourceCandidatesReader {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly sources: SourcesRepository,
    private readonly extractions: CandidateExtractions,
  ) {}

  /** 404 unknown source, 422 without text or outside French and English; `who` is the key's name. */
  async read(
    sourceId: string,
    who: string,
    signal?: AbortSignal,
    m: EntityManager = this.db.manager,
  ): Promise<SourceCandidates> {
    const row = await this.sources.forCandidates(sourceId, m);
    if (!row) throw new ProblemError(SourceErrors.NOT_FOUND, `Source ${sourceId} does not exist`);
    if (!row.text?.trim())
      throw new ProblemError(CandidateErrors.NO_TEXT, 'Store the source with its text to get candidates');
    const language = candidateLanguage(row.language, row.text);
    if (!language)
      throw new ProblemError(
        CandidateErrors.UNSUPPORTED_LANGUAGE,
        `This source's language is "${row.language}"; candidates are read in French (fr) or English (en)`,
      );
    const text = row.text;
    const extracted = await this.extractions.extract(
      { text, language, publishedAt: row.published_at ?? row.created_at },
      who,
      signal,
    );
    const keys = candidateKeys(sourceId, extracted);
    return {
      text,
      language,
      publishedAt: row.published_at ? new Date(row.published_at) : null,
      found: extracted.map((e, i) => ({ key: keys[i], e })),
    };
  }
}
