/**
 * Card expiry by law.
 *
 * - `vn-cccd-2021`: 2014 Law on Citizen Identification, art. 21: the card is renewed at 25, 40 and 60.
 * - `vn-cancuoc-2024`: 2023 Law on Identification, art. 21: renewed at 14, 25, 40 and 60.
 *
 * Both laws add that a card issued within the two years before a milestone age stays valid until the next
 * milestone. The card therefore expires on the holder's birthday in the year of the first milestone age M
 * such that the issue date is strictly before the birthday at age M - 2; with no such milestone (issued on
 * or after the 58th birthday) it never expires ("Không thời hạn").
 *
 * Decisions the laws leave open:
 * - Boundary day: a card issued on the day exactly two years before the milestone birthday (same day and
 *   month) counts as issued "within the 2 years" and goes to the next milestone. A card issued on the
 *   milestone birthday itself has reached that milestone, which is then behind it.
 * - 29 February: in a non-leap year the birthday is 28 February, so the card never outlives the month of
 *   the birthday. "Two years before" a 29 February milestone birthday is the birthday two years earlier by
 *   the same rule (28 February, or 29 February in a leap year).
 *
 * Consequence (checked by the property tests): a card with an expiry date is valid for at least 731 days;
 * measured in calendar years it is never less than two years, and exactly two years (to the day) only for a
 * 29 February birth issued on 28 February of a leap year two years before a milestone that falls in a
 * non-leap year (e.g. born 2016-02-29, issued 2028-02-28, expires 2030-02-28 at 14).
 */
import type { ProductId } from './products';
import {
  birthdayInYear,
  compareDates,
  formatIsoDate,
  requireIsoDate,
  type CalendarDate,
} from './calendar';

/** Ages at which each product's card must be renewed, ascending. */
export const EXPIRY_MILESTONES: Readonly<Record<ProductId, readonly number[]>> = Object.freeze({
  'vn-cccd-2021': Object.freeze([25, 40, 60]),
  'vn-cancuoc-2024': Object.freeze([14, 25, 40, 60]),
});

/** A card issued within this many years before a milestone is valid to the next milestone instead. */
export const RENEWAL_GRACE_YEARS = 2;

/** Age from which a card never expires: the last milestone minus the grace period (60 - 2). */
export const NO_EXPIRY_FROM_AGE = 58;

/** What the card face prints when the card never expires. */
export const NO_EXPIRY_TEXT = 'Không thời hạn';

/**
 * The expiry day for a card of `product` issued on `issue` to someone born on `birth`, or null for no
 * expiry. Throws a RangeError when `issue` is before `birth`. See the module comment for the rule.
 */
export function computeExpiryDate(product: ProductId, birth: CalendarDate, issue: CalendarDate): CalendarDate | null {
  if (compareDates(issue, birth) < 0) throw new RangeError('the issue date is before the date of birth');
  for (const age of EXPIRY_MILESTONES[product]) {
    // The issue date must be strictly before the start of the grace window; the window's first day
    // (exactly two years before the milestone birthday) already belongs to it.
    const graceStart = birthdayInYear(birth, birth.y + age - RENEWAL_GRACE_YEARS);
    if (compareDates(issue, graceStart) < 0) return birthdayInYear(birth, birth.y + age);
  }
  return null;
}

/**
 * The expiry date (YYYY-MM-DD) of a card of `product` for a holder born on `dateOfBirth`, issued on
 * `issueDate`; null when the card never expires ("Không thời hạn"). Throws a RangeError when a date is not a
 * real calendar date or the issue date is before the date of birth.
 */
export function computeExpiry(product: ProductId, dateOfBirth: string, issueDate: string): string | null {
  const expiry = computeExpiryDate(
    product,
    requireIsoDate(dateOfBirth, 'dateOfBirth'),
    requireIsoDate(issueDate, 'issueDate'),
  );
  return expiry === null ? null : formatIsoDate(expiry);
}
