import { Module } from '@nestjs/common';
import { PrivacyController } from './privacy.controller';

/** The data subjects' rights (erasure, access). Routes that answer sealed values open or withhold them with `OpensPersonalData`. */
@Module({ controllers: [PrivacyController] })
export class PrivacyModule {}
