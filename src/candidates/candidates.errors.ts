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
  TIMEOUT: {
    status: 503,
    code: 'CANDIDATES.TIMEOUT',
    title: 'Reading the candidates of this text took longer than this server allows',
  },
  TOO_MANY_AT_ONCE: {
    status: 429,
    code: 'CANDIDATES.TOO_MANY_AT_ONCE',
    title: 'This API key already has as many extractions running as it may',
  },
  /** Never seen by the client, which has gone: what the log line says of an extraction cut short. */
  CANCELLED: { status: 499, code: 'CANDIDATES.CANCELLED', title: 'The client closed the request' },
  NOT_FOUND: {
    status: 404,
    code: 'CANDIDATES.NOT_FOUND',
    title: 'The source has no candidate with this key',
  },
  KEY_NOT_IN_SOURCE: {
    status: 422,
    code: 'CANDIDATES.KEY_NOT_IN_SOURCE',
    title: "candidateKey names none of the origin source's candidates",
  },
  ALREADY_ACCEPTED: {
    status: 409,
    code: 'CANDIDATES.ALREADY_ACCEPTED',
    title: 'The candidate was accepted as an item and cannot be dismissed',
  },
} satisfies Record<string, ErrorSpec>;
