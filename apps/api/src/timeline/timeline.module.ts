import { Module } from '@nestjs/common';
import { TimelineController } from './timeline.controller';

/** Each instance's events for every reader role (the audit module serves the full history to auditors). */
@Module({ controllers: [TimelineController] })
export class TimelineModule {}
