import { Module } from '@nestjs/common';
import { ImportController } from './import.http.controller';

/** /imports: historical entry of a portfolio (admin). */
@Module({ controllers: [ImportController] })
export class ImportsModule {}
