import { ErrorSpec } from '../common/problem';

export const ImportErrors = {
  NOT_FOUND: { status: 404, code: 'IMPORT.NOT_FOUND', title: 'Import not found' },
  BAD_MAPPING: { status: 422, code: 'IMPORT.BAD_MAPPING', title: 'The mapping does not fit the sheet' },
  BAD_UPLOAD: { status: 422, code: 'IMPORT.BAD_UPLOAD', title: 'The upload is not a sheet and a mapping' },
  FILE_TOO_LARGE: { status: 413, code: 'IMPORT.FILE_TOO_LARGE', title: 'The file is too large' },
  NOT_MULTIPART: {
    status: 415,
    code: 'IMPORT.NOT_MULTIPART',
    title: 'An import is multipart/form-data with a file and a mapping',
  },
} satisfies Record<string, ErrorSpec>;
