import { applyDecorators } from '@nestjs/common';
import { ApiHeader, ApiResponse } from '@nestjs/swagger';

/** OpenAPI of a conditional GET: the If-None-Match header and the 304 answer. */
export const ApiConditional = () =>
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
        ETag: { description: 'The current tag', schema: { type: 'string' } },
        'Cache-Control': { description: 'private, no-cache', schema: { type: 'string' } },
      },
    }),
  );
