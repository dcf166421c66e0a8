import { PROVINCES } from '../../../src/identity/provinces';
import { PROVINCE_PLACES } from '../../../src/identity/sample/places';

describe('place data', () => {
  it('covers exactly the 63 province codes of the province table', () => {
    expect([...PROVINCE_PLACES.keys()].sort()).toEqual(PROVINCES.map((p) => p.code).sort());
  });

  it('names each province as the table does, with its level word', () => {
    for (const p of PROVINCES) {
      const full = PROVINCE_PLACES.get(p.code)?.fullName;
      if (p.code === '079') expect(full).toBe('Thành phố Hồ Chí Minh');
      else if (['001', '031', '048', '092'].includes(p.code)) expect(full).toBe(`Thành phố ${p.name}`);
      else expect(full).toBe(`Tỉnh ${p.name}`);
    }
  });

  it('gives every province urban and rural districts', () => {
    for (const places of PROVINCE_PLACES.values()) {
      expect(places.urbanDistricts.length).toBeGreaterThan(0);
      expect(places.ruralDistricts.length).toBeGreaterThan(0);
      expect(places.weight).toBeGreaterThan(0);
    }
  });
});
