import { Body, Controller, Headers, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, RequireRole } from '../auth/roles.decorator';
import { throwIfViolations } from '../common/problem';
import { Endpoint } from '../openapi/endpoint.decorator';
import { LoadResultDto } from './dto/load-result.dto';
import { FxRatesService } from './fx-rates.service';

@ApiTags('fx-rates')
@ApiBearerAuth()
@RequireRole('admin')
@Controller('v1/fx-rates')
export class FxRatesController {
  constructor(private readonly fx: FxRatesService) {}

  @Put()
  @Endpoint({
    summary: 'Load reference exchange rates (units per EUR): the ECB CSV or JSON; a reload changes nothing',
    description:
      'At most 2 MB and FX_MAX_RATES rates (default 300,000) per load (422 FX.TOO_MANY_RATES past it); dates in 1900–2200. Written in batches of FX_BATCH_SIZE rates, each its own transaction.',
    type: LoadResultDto,
    // One schema per media type, so that a generated client sends each as the server reads it.
    body: {
      'text/csv': {
        type: 'string',
        description: 'ECB CSV: Date,USD,GBP,… then one line per day; blank or N/A cells skipped',
        example: 'Date,USD,GBP,\n2024-06-13,1.0765,0.8435,\n',
      },
      'application/json': {
        type: 'array',
        items: {
          type: 'object',
          required: ['date', 'currency', 'perEur'],
          additionalProperties: false,
          properties: {
            date: { type: 'string', format: 'date' },
            currency: { type: 'string', pattern: '^[A-Z]{3}$', example: 'USD' },
            perEur: {
              description: 'Units of `currency` per euro: a decimal string, or a JSON number read as written',
              oneOf: [
                { type: 'string', pattern: '^(?:0|[1-9]\\d{0,9})(?:\\.\\d{1,10})?$', example: '1.0765' },
                { type: 'number', example: 1.0765 },
              ],
            },
          },
        },
      },
    },
  })
  async load(
    @Body() body: unknown,
    @Headers('content-type') contentType: string | undefined,
    @CurrentPrincipal() who: Principal,
  ): Promise<LoadResultDto> {
    const csv = /^text\/csv\b/i.test(contentType ?? '');
    const prepared = await this.fx.prepare(csv ? { csv: String(body) } : { json: body });
    throwIfViolations(prepared.violations);
    return this.fx.load(prepared, who.name);
  }
}
