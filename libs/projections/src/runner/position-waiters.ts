interface Waiter {
  readonly position: bigint;
  resolve(): void;
  reject(error: unknown): void;
}

/** Callers waiting for every projection to reach a log position (`ProjectionRunner.waitForPosition`). */
export class PositionWaiters {
  private waiters: Waiter[] = [];

  wait(position: bigint): Promise<void> {
    return new Promise((resolve, reject) => this.waiters.push({ position, resolve, reject }));
  }

  /** Lets go of those waiting for `reached` or less. */
  reached(reached: bigint): void {
    const ready = this.waiters.filter((w) => w.position <= reached);
    this.waiters = this.waiters.filter((w) => w.position > reached);
    for (const waiter of ready) waiter.resolve();
  }

  rejectAll(error: unknown): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) waiter.reject(error);
  }
}
