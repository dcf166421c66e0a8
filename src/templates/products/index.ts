/** Picks the face layout for a card view: product and variant. */
import type { CardView } from '../card-view';
import type { CardLayout } from '../layout';
import { CANCUOC_2024_LAYOUT, CANCUOC_2024_UNDER6_LAYOUT } from './vn-cancuoc-2024';
import { CCCD_2021_LAYOUT } from './vn-cccd-2021';

/** The layout that prints `view`: by product, and for the 2024 card by variant (under-6 front, no photo). */
export function layoutFor(view: Pick<CardView, 'product' | 'variant'>): CardLayout {
  switch (view.product) {
    case 'vn-cccd-2021':
      return CCCD_2021_LAYOUT;
    case 'vn-cancuoc-2024':
      return view.variant === 'under-6' ? CANCUOC_2024_UNDER6_LAYOUT : CANCUOC_2024_LAYOUT;
  }
}

export { CCCD_2021_LAYOUT, CCCD_2021_TEXT } from './vn-cccd-2021';
export { CANCUOC_2024_LAYOUT, CANCUOC_2024_UNDER6_LAYOUT, CANCUOC_2024_TEXT } from './vn-cancuoc-2024';
