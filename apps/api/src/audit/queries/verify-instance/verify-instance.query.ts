import type { Programme } from '@apo/programmes';

export class VerifyInstanceQuery {
  constructor(
    readonly programme: Programme,
    readonly id: string,
  ) {}
}
