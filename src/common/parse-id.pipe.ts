import { ParseUUIDPipe } from '@nestjs/common';
import { invalid } from './problem';

/** Path ids must be UUIDs: anything else is a 422 naming the parameter, before any query runs. */
export const ParseId = (name = 'id') =>
  new ParseUUIDPipe({ exceptionFactory: () => invalid(name, 'must be a UUID') });
