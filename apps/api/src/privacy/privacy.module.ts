import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { PersonalDataInterceptor } from './personal-data.interceptor';
import { PrivacyController } from './privacy.controller';

/** Personal data: opened or withheld in every answer by role, and the data subjects' rights (erasure, access). */
@Module({ controllers: [PrivacyController], providers: [{ provide: APP_INTERCEPTOR, useClass: PersonalDataInterceptor }] })
export class PrivacyModule {}
