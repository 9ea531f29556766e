import type { AsOf } from '@apo/audit';
import type { Programme } from '@apo/programmes';

export class GetStateQuery {
  constructor(
    readonly programme: Programme,
    readonly id: string,
    readonly asOf: AsOf,
  ) {}
}
