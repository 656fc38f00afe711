import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { FxRatesController } from './fx-rates.controller';
import { FxRatesService } from './fx-rates.service';

@Module({ imports: [AuditModule], controllers: [FxRatesController], providers: [FxRatesService] })
export class FxRatesModule {}
