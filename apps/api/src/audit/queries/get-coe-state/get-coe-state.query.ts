import type { AsOf } from '@apo/audit';

export class GetCoeStateQuery {
  constructor(
    readonly id: string,
    readonly asOf: AsOf,
  ) {}
}
