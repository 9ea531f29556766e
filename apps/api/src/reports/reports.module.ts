import { Module } from '@nestjs/common';
import { BCN_REPORTS } from './bcn-reports';
import { COE_REPORTS } from './coe-reports';
import { reportsController } from './report-routes';

/** GET /reports/...: the read models (projections) of every programme as JSON or CSV, served from the read store. */
@Module({ controllers: [reportsController([...COE_REPORTS, ...BCN_REPORTS])] })
export class ReportsModule {}
