import { SlidingWindowThrottlerStorage } from './sliding-window-throttler-storage';

describe('SlidingWindowThrottlerStorage', () => {
  let now = 0;
  const storage = () => new SlidingWindowThrottlerStorage(() => now);
  const hit = (s: SlidingWindowThrottlerStorage, key = 'k') => s.increment(key, 60_000, 5, 0, 'default');

  beforeEach(() => (now = 1_200_000)); // the start of a window

  it('allows `limit` requests per window, refuses the next with the seconds left, and does not count refusals', async () => {
    const s = storage();
    for (let i = 1; i <= 5; i++) expect(await hit(s)).toMatchObject({ isBlocked: false, totalHits: i });
    now += 15_000;
    expect(await hit(s)).toEqual({ isBlocked: true, totalHits: 6, timeToExpire: 45, timeToBlockExpire: 45 });
    expect(await hit(s)).toMatchObject({ isBlocked: true, totalHits: 6 });
  });

  it('keeps counting the previous window by its overlap with the last minute', async () => {
    const s = storage();
    for (let i = 0; i < 5; i++) await hit(s);
    now += 60_000 + 30_000; // half of the previous window still overlaps: 2.5 -> 2 counted
    expect(await hit(s)).toMatchObject({ isBlocked: false, totalHits: 3 });
    await hit(s);
    await hit(s);
    expect(await hit(s)).toMatchObject({ isBlocked: true });
    now += 60_000 * 2; // two idle windows later: a fresh start
    expect(await hit(s)).toMatchObject({ isBlocked: false, totalHits: 1 });
  });

  it('counts keys (clients) apart', async () => {
    const s = storage();
    for (let i = 0; i < 5; i++) await hit(s, 'a');
    expect(await hit(s, 'a')).toMatchObject({ isBlocked: true });
    expect(await hit(s, 'b')).toMatchObject({ isBlocked: false, totalHits: 1 });
  });

  it('costs the same per request however many requests the window holds', async () => {
    const s = new SlidingWindowThrottlerStorage(() => now);
    for (let i = 0; i < 300_000; i++) await s.increment('k', 60_000, 1_000_000, 0, 'default');
    expect(await s.increment('k', 60_000, 1_000_000, 0, 'default')).toMatchObject({ isBlocked: false, totalHits: 300_001 });
  });
});
