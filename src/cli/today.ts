/**
 * "Today" as the rules see it (YYYY-MM-DD in the machine's local time zone, which in a factory is the
 * factory's). `CARDLINE_TODAY` overrides it so a QA run or a test can pin the date; it must be a valid ISO date.
 */
export function todayIso(env: NodeJS.ProcessEnv = process.env, now: Date = new Date()): string {
  const pinned = env.CARDLINE_TODAY;
  if (pinned !== undefined && pinned !== '') {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(pinned)) throw new Error(`CARDLINE_TODAY must be YYYY-MM-DD, got "${pinned}"`);
    return pinned;
  }
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
