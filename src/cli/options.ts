import { InvalidArgumentError } from 'commander';
import { parseIsoDate } from '../identity/calendar';
import { PRODUCT_IDS, isProductId, type ProductId } from '../identity/products';

/** Commander option parser for `--product`: one of the known product ids. */
export function parseProduct(value: string): ProductId {
  if (!isProductId(value)) {
    throw new InvalidArgumentError(`unknown product "${value}"; expected one of ${PRODUCT_IDS.join(', ')}`);
  }
  return value;
}

/** Commander option parser for a positive integer (counts, sizes) with an upper bound. */
export function positiveInteger(max: number): (value: string) => number {
  return (value: string) => {
    if (!/^\d+$/.test(value)) throw new InvalidArgumentError(`"${value}" is not a positive integer`);
    const n = Number(value);
    if (n < 1 || n > max) throw new InvalidArgumentError(`${n} is out of range 1..${max}`);
    return n;
  };
}

/** Commander option parser for a calendar day YYYY-MM-DD. */
export function parseIsoDay(value: string): string {
  if (parseIsoDate(value) === null) throw new InvalidArgumentError(`"${value}" is not a real date YYYY-MM-DD`);
  return value;
}

/** Commander parser for a duration factor: a number above 0 and at most 100 (`--time-scale`). */
export function timeScale(v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0 || n > 100) throw new InvalidArgumentError('a number above 0 and at most 100');
  return n;
}

/** Commander parser for a TCP port: 0 to 65535 (0: any free port). */
export function tcpPort(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('a port number, 0 to 65535 (0: any free port)');
  return n;
}
