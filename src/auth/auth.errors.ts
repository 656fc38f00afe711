import { ErrorSpec } from '../common/problem';

export const AuthErrors = {
  KEY_NOT_FOUND: { status: 404, code: 'API_KEY.NOT_FOUND', title: 'API key not found' },
} satisfies Record<string, ErrorSpec>;
