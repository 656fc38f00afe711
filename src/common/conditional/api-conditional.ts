import { applyDecorators } from '@nestjs/common';
import { ApiExtension, ApiHeader, ApiResponse } from '@nestjs/swagger';

/** The extension finishDocument reads to declare the validators on the 200 too (then removes). */
export const CONDITIONAL_EXTENSION = 'x-pledgewatch-conditional';

/**
 * OpenAPI of a conditional GET: the If-None-Match header, the 304 answer, and the `ETag` and
 * `Cache-Control` that the 200 carries (`always: false` where some 200s go without them).
 */
export const ApiConditional = ({ always = true }: { always?: boolean } = {}) =>
  applyDecorators(
    ApiHeader({
      name: 'If-None-Match',
      required: false,
      description: 'The ETag of a response you hold; 304 while it is still current',
    }),
    ApiResponse({
      status: 304,
      description: 'Not modified: the representation named by If-None-Match is current',
      headers: {
        ETag: { description: 'The current tag', schema: { type: 'string' }, required: true },
        'Cache-Control': { description: 'private, no-cache', schema: { type: 'string' }, required: true },
      },
    }),
    ApiExtension(CONDITIONAL_EXTENSION, { always }),
  );
