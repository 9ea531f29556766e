import { Module } from '@nestjs/common';
import { MachineController } from './machine.controller';

/** What the definitions themselves say (no instance): each programme's machine per version. */
@Module({ controllers: [MachineController] })
export class DefinitionsModule {}
