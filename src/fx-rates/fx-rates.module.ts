import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { FxRatesController } from './fx-rates.controller';
import { FxRatesRepository } from './fx-rates.repository';
import { FxRatesService } from './fx-rates.service';

@Module({
  imports: [AuditModule],
  controllers: [FxRatesController],
  providers: [FxRatesRepository, FxRatesService],
})
export class FxRatesModule {}
