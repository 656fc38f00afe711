import { ErrorSpec } from '../common/problem';

export const PublicationErrors = {
  NOT_FOUND: { status: 404, code: 'PUBLICATION.NOT_FOUND', title: 'No such publication' },
  SLUG_TAKEN: {
    status: 409,
    code: 'PUBLICATION.SLUG_TAKEN',
    title: 'A page is already published at this slug',
  },
  NO_SLUG: { status: 422, code: 'PUBLICATION.NO_SLUG', title: 'A slug is needed' },
} satisfies Record<string, ErrorSpec>;
