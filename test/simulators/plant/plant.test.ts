/** The plant: blanks, moves with their history, and taking cards from stock. */
import { Plant, sameLocation } from '../../../src/simulators/plant/plant';

test('blanks have serials in order and start in stock', () => {
  const plant = new Plant();
  const cards = plant.addBlanks(3, 'p');
  expect(cards.map((c) => c.id)).toEqual(['C0000001', 'C0000002', 'C0000003']);
  expect(plant.at({ kind: 'stock' })).toHaveLength(3);
  expect(() => plant.card('C9')).toThrow(RangeError);
});

test('takeFromStock gives the oldest stock cards without moving them; moves are heard', () => {
  const plant = new Plant();
  plant.addBlanks(4);
  const moves: string[] = [];
  plant.onMove((m) => moves.push(`${m.cardId}:${m.from.kind}->${m.to.kind}`));
  plant.move(plant.card('C0000001'), { kind: 'feeder', station: 'p' });
  const taken = plant.takeFromStock(2);
  expect(taken.map((c) => c.id)).toEqual(['C0000002', 'C0000003']);
  expect(taken.every((c) => c.location.kind === 'stock')).toBe(true);
  expect(plant.takeFromStock(10).map((c) => c.id)).toEqual(['C0000002', 'C0000003', 'C0000004']);
  expect(moves).toEqual(['C0000001:stock->feeder']);
});

test('locations are the same place only with the same station', () => {
  expect(sameLocation({ kind: 'feeder', station: 'a' }, { kind: 'feeder', station: 'a' })).toBe(true);
  expect(sameLocation({ kind: 'feeder', station: 'a' }, { kind: 'feeder', station: 'b' })).toBe(false);
  expect(sameLocation({ kind: 'removed' }, { kind: 'removed' })).toBe(true);
});
