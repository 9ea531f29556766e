/**
 * Paces writers to the group commit: at most `perTurn` writers start preparing an append in one
 * turn of the event loop; later ones wait, in order, and the next cohort is let go two turns
 * later. The group commit writes each turn's appends as one batch (scheduled with setImmediate
 * when they are queued) and syncs it off the loop, so one cohort's decide and seal run while the
 * batch before it is synced.
 */
export class TurnAdmission {
  private readonly perTurn: number;
  private startedThisTurn = 0;
  private readonly waiting: (() => void)[] = [];

  /** `perTurn`: default 16, `Infinity` for no cap; below 1 (or NaN) counts as 1, so one always starts. */
  constructor(perTurn = 16) {
    this.perTurn = perTurn >= 1 ? perTurn : 1;
  }

  /** Undefined when the writer may start now; otherwise a promise that resolves when its turn comes. */
  admit(): Promise<void> | undefined {
    if (this.waiting.length === 0 && this.startedThisTurn < this.perTurn) {
      if (this.startedThisTurn++ === 0) this.resetNextTurn();
      return undefined;
    }
    if (this.waiting.length === 0) this.releaseLater();
    return new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private resetNextTurn(): void {
    setImmediate(() => {
      if (this.waiting.length === 0) this.startedThisTurn = 0;
    });
  }

  private releaseLater(): void {
    setImmediate(() =>
      setImmediate(() => {
        const cohort = this.waiting.splice(0, this.perTurn);
        this.startedThisTurn = cohort.length;
        if (this.waiting.length > 0) this.releaseLater();
        else this.resetNextTurn();
        for (const resolve of cohort) resolve();
      }),
    );
  }
}
