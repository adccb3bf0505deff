/** One holder at a time: verifications share one database, so concurrent reviews take turns. */
export class Exclusive {
  private tail: Promise<void> = Promise.resolve();

  /** Resolves with the function that hands the turn to the next waiter. */
  acquire(): Promise<() => void> {
    let hand!: () => void;
    const turn = new Promise<void>((resolve) => (hand = resolve));
    const ready = this.tail.then(() => {
      let released = false;
      return () => {
        if (released) return;
        released = true;
        hand();
      };
    });
    this.tail = this.tail.then(() => turn);
    return ready;
  }
}
