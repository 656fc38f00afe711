import { Body, Controller, Headers, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, RequireRole } from '../auth/roles.decorator';
import { throwIfViolations } from '../common/problem';
import { LoadResultDto } from './dto/load-result.dto';
import { parseEcbCsv, parseRatesJson } from './fx-rates.parse';
import { FxRatesService } from './fx-rates.service';

@ApiTags('fx-rates')
@ApiBearerAuth()
@RequireRole('admin')
@Controller('v1/fx-rates')
export class FxRatesController {
  constructor(private readonly fx: FxRatesService) {}

  @Put()
  @ApiOperation({
    summary: 'Load reference exchange rates (units per EUR): the ECB CSV or JSON; a reload changes nothing',
  })
  @ApiConsumes('text/csv', 'application/json')
  @ApiOkResponse({ type: LoadResultDto })
  @ApiBody({
    schema: {
      oneOf: [
        {
          type: 'string',
          description: 'ECB CSV: Date,USD,GBP,… then one line per day; blank or N/A cells skipped',
        },
        {
          type: 'array',
          items: {
            type: 'object',
            required: ['date', 'currency', 'perEur'],
            additionalProperties: false,
            properties: {
              date: { type: 'string', format: 'date' },
              currency: { type: 'string', example: 'USD' },
              perEur: { type: 'string', example: '1.0765' },
            },
          },
        },
      ],
    },
  })
  async load(
    @Body() body: unknown,
    @Headers('content-type') contentType: string | undefined,
    @CurrentPrincipal() who: Principal,
  ): Promise<LoadResultDto> {
    const parsed = /^text\/csv\b/i.test(contentType ?? '') ? parseEcbCsv(String(body)) : parseRatesJson(body);
    throwIfViolations(parsed.violations);
    return this.fx.load(parsed.rates, who.name);
  }
}
