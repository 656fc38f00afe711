import { ErrorSpec } from '../common/problem';

export const FxRateErrors = {
  INVALID_RATES: {
    status: 422,
    code: 'FX.INVALID_RATES',
    title: 'The rates file has cells that are not rates',
  },
  EMPTY: { status: 422, code: 'FX.NO_RATES', title: 'The rates file holds no rate' },
} satisfies Record<string, ErrorSpec>;
