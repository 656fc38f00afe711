import { ErrorSpec } from '../common/problem';

export const FxRateErrors = {
  INVALID_RATES: {
    status: 422,
    code: 'FX.INVALID_RATES',
    title: 'The rates file has cells that are not rates',
  },
  TOO_MANY_RATES: {
    status: 422,
    code: 'FX.TOO_MANY_RATES',
    title: 'The rates file holds more rates than one load takes',
  },
  EMPTY: { status: 422, code: 'FX.NO_RATES', title: 'The rates file holds no rate' },
} satisfies Record<string, ErrorSpec>;
