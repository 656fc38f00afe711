import { ErrorSpec } from '../../common/problem';

/**
 * Why a page could not become a source (422, nothing stored): each code names something a
 * researcher can act on — try later, save the PDF and upload it, paste the text, give the language.
 */
export const FetchErrors = {
  UPSTREAM_STATUS: {
    status: 422,
    code: 'SOURCE.UPSTREAM_STATUS',
    title: 'The page answered with an error status',
  },
  TIMEOUT: { status: 422, code: 'SOURCE.FETCH_TIMEOUT', title: 'The page did not answer in time' },
  TOO_LARGE: { status: 422, code: 'SOURCE.TOO_LARGE', title: 'The document is too large to archive' },
  NOT_HTML_OR_PDF: {
    status: 422,
    code: 'SOURCE.NOT_HTML_OR_PDF',
    title: 'The document is neither HTML nor PDF',
  },
  NO_READABLE_TEXT: {
    status: 422,
    code: 'SOURCE.NO_READABLE_TEXT',
    title: 'No readable text was found in the document',
  },
  TEXT_TOO_LONG: {
    status: 422,
    code: 'SOURCE.TEXT_TOO_LONG',
    title: 'The extracted text is longer than 1 MB',
  },
  LANGUAGE_NOT_DETECTED: {
    status: 422,
    code: 'SOURCE.LANGUAGE_NOT_DETECTED',
    title: 'The language of the text could not be detected; send `language`',
  },
  PRIVATE_ADDRESS: {
    status: 422,
    code: 'SOURCE.PRIVATE_ADDRESS',
    title: 'The URL (or a redirect) leads to a non-public address',
  },
  TOO_MANY_REDIRECTS: {
    status: 422,
    code: 'SOURCE.TOO_MANY_REDIRECTS',
    title: 'The page redirects too many times',
  },
  UNREACHABLE: { status: 422, code: 'SOURCE.UNREACHABLE', title: 'The page could not be reached' },
} satisfies Record<string, ErrorSpec>;
