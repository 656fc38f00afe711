import { ErrorSpec } from '../common/problem';

export const CandidateErrors = {
  NO_TEXT: {
    status: 422,
    code: 'CANDIDATES.NO_TEXT',
    title: 'The source has no stored text to read candidates from',
  },
  UNSUPPORTED_LANGUAGE: {
    status: 422,
    code: 'CANDIDATES.UNSUPPORTED_LANGUAGE',
    title: 'Candidates are read in French or English only',
  },
} satisfies Record<string, ErrorSpec>;
