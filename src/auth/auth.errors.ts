import { ErrorSpec } from '../common/problem';

export const AuthErrors = {
  KEY_NOT_FOUND: { status: 404, code: 'API_KEY.NOT_FOUND', title: 'API key not found' },
  NAME_TAKEN: { status: 409, code: 'API_KEY.NAME_TAKEN', title: 'Another API key has this name' },
} satisfies Record<string, ErrorSpec>;
