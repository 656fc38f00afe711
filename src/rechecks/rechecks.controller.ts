import { Controller, HttpCode, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ParseId } from '../common/parse-id.pipe';
import { IdempotentPost } from '../idempotency/idempotent-post.decorator';
import { Endpoint } from '../openapi/endpoint.decorator';
import { RecheckSchema } from './recheck.schema';
import { RecheckService } from './recheck.service';

@ApiTags('sources')
@ApiBearerAuth()
@Controller('v1/sources')
export class RechecksController {
  constructor(private readonly rechecks: RecheckService) {}

  @IdempotentPost(':id/recheck')
  @HttpCode(200)
  @Endpoint({
    summary: "Fetch a source's URL again and compare it with the archive",
    description:
      'A new snapshot when the bytes changed; `liveStatus` `unchanged`, `changed`, `gone` (404/410) or, after 3 failures in a row, `unreachable`; for each citation whether its passage is still on the live page. The stored text never changes. A citation whose passage left flags its item (`sourceChanged`) and emits `item.source_changed`.',
    status: 200,
    type: RecheckSchema,
    problems: [404],
  })
  recheck(@Param('id', ParseId()) id: string) {
    return this.rechecks.recheck(id);
  }
}
