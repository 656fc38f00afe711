import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';

export class FieldErrorView {
  @ApiProperty({ example: 'amount.currency' }) path: string;
  @ApiProperty({ example: 'currency must be an ISO 4217 currency code' }) message: string;
}

/**
 * RFC 9457 problem details, the body of every error (`application/problem+json`). Extensible as the
 * RFC allows: a feature may add members (`existingId` on a duplicate source, `retryAfter` on 429).
 */
@ApiSchema({ name: 'Problem' })
export class ProblemView {
  @ApiProperty({ format: 'uri', example: 'https://pledgewatch.dev/problems/request-validation-failed' })
  type: string;
  @ApiProperty({ example: 'Validation failed' }) title: string;
  @ApiProperty({ type: 'integer', minimum: 300, maximum: 599, example: 422 }) status: number;
  @ApiProperty({ example: 'amount.currency: currency must be an ISO 4217 currency code' }) detail: string;
  @ApiProperty({ description: 'Stable error code clients branch on', example: 'REQUEST.VALIDATION_FAILED' })
  code: string;
  @ApiProperty({ description: 'Also in the logs and the x-request-id header' }) requestId: string;
  @ApiProperty({ description: 'The request path', example: '/v1/items' }) instance: string;
  @ApiPropertyOptional({ type: [FieldErrorView], description: 'Every failing field' })
  errors?: FieldErrorView[];
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'On a 409 duplicate: the id of the source or actor that already has that URL or name',
  })
  existingId?: string;
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 100,
    maximum: 599,
    description: 'On a 422 SOURCE.UPSTREAM_STATUS: the status the fetched page answered with',
  })
  upstreamStatus?: number;
  @ApiPropertyOptional({ type: 'integer', minimum: 0, description: 'On a 429 or 503: seconds to wait' })
  retryAfter?: number;
  @ApiPropertyOptional({
    format: 'date-time',
    description: 'On a 410 (discarded item): when it was discarded',
  })
  discardedAt?: string;
  @ApiPropertyOptional({ description: 'On a 410 (discarded item): the API key that discarded it' })
  discardedBy?: string;
}
