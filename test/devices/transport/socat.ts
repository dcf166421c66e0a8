/**
 * Tests over a real pty pair need socat: `describeWithSocat` runs them where it is installed and otherwise skips
 * them, printing why (CI installs socat, so there they always run).
 */
import { ptyPairUnavailableReason } from '../../../src/devices/transport/socat-pty-pair';

/** `describe` when socat is available; otherwise one test that prints the reason, and the body skipped. */
export function describeWithSocat(name: string, body: () => void): void {
  const missing = ptyPairUnavailableReason();
  if (missing !== undefined) {
    describe(name, () => {
      test('is skipped: socat is not available', () => {
        // eslint-disable-next-line no-console
        console.warn(`skipping "${name}": ${missing}`);
      });
    });
    describe.skip(name, body);
    return;
  }
  describe(name, body);
}
