import type { CitizenRecord } from '../../src/identity/record';
import { formatCardDate, toCardView, variantFor } from '../../src/templates/card-view';

const FAKE_JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]);

/** REFERENCE.md section 4's synthetic specimen, issued on a 2021 CCCD. */
const MAI: CitizenRecord = {
  personalId: '001199012345',
  fullName: 'Nguyễn Thị Mai',
  dateOfBirth: '1999-03-15',
  sex: 'F',
  nationality: 'Việt Nam',
  placeOfOrigin: 'Xã Hải Châu, huyện Hải Hậu, Nam Định',
  placeOfResidence: 'Số 12, ngõ 34, phố Láng Hạ, Hà Nội',
  identifyingMarks: 'Nốt ruồi C:1cm trên sau mép phải',
  issueDate: '2021-06-22',
};

describe('toCardView', () => {
  it('formats the record for the 2021 face and takes MRZ and QR from the identity layer', () => {
    const view = toCardView(MAI, 'vn-cccd-2021', FAKE_JPEG);
    expect(view).toMatchObject({
      product: 'vn-cccd-2021',
      variant: 'standard',
      personalId: '001199012345',
      fullName: 'Nguyễn Thị Mai',
      dateOfBirth: '15/03/1999',
      sex: 'Nữ',
      nationality: 'Việt Nam',
      placeOfOrigin: 'Xã Hải Châu, huyện Hải Hậu, Nam Định',
      placeOfResidence: 'Số 12, ngõ 34, phố Láng Hạ, Hà Nội',
      placeOfBirthRegistration: '',
      identifyingMarks: 'Nốt ruồi C:1cm trên sau mép phải',
      issueDate: '22/06/2021',
      expiry: '15/03/2024',
      withPhoto: true,
    });
    expect(view.photoJpeg).toBe(FAKE_JPEG);
    // The specimen lines of REFERENCE.md section 4.
    expect(view.mrz).toEqual(['IDVNM1990123456001199012345<<7', '9903159F2403155VNM<<<<<<<<<<<0', 'NGUYEN<<THI<MAI<<<<<<<<<<<<<<<']);
    expect(view.qrPayload).toBe('001199012345||Nguyễn Thị Mai|15031999|Nữ|Số 12, ngõ 34, phố Láng Hạ, Hà Nội|22062021');
  });

  it('prints "Không thời hạn" when the card never expires', () => {
    const view = toCardView(
      { ...MAI, personalId: '079062004321', fullName: 'Trần Đức Quảng', sex: 'M', dateOfBirth: '1962-09-02', issueDate: '2024-08-15' },
      'vn-cancuoc-2024',
    );
    expect(view.expiry).toBe('Không thời hạn');
    expect(view.sex).toBe('Nam');
    expect(view.photoJpeg).toBeNull();
    expect(view.withPhoto).toBe(true);
  });

  it('gives a Căn cước holder under 6 the front without photo, dropping a photo handed in', () => {
    const child: CitizenRecord = { ...MAI, personalId: '001221009876', dateOfBirth: '2021-05-10', issueDate: '2024-09-05' };
    const view = toCardView(child, 'vn-cancuoc-2024', FAKE_JPEG);
    expect(view.variant).toBe('under-6');
    expect(view.withPhoto).toBe(false);
    expect(view.photoJpeg).toBeNull();
  });

  it('rejects a photo that is not a JPEG', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]);
    expect(() => toCardView(MAI, 'vn-cccd-2021', png)).toThrow(RangeError);
  });
});

describe('variantFor', () => {
  it('switches to the standard front on the 6th birthday itself', () => {
    const born = { dateOfBirth: '2018-09-05' };
    expect(variantFor({ ...born, issueDate: '2024-09-04' }, 'vn-cancuoc-2024')).toBe('under-6');
    expect(variantFor({ ...born, issueDate: '2024-09-05' }, 'vn-cancuoc-2024')).toBe('standard');
  });

  it('has a single variant for the 2021 card', () => {
    expect(variantFor({ dateOfBirth: '2010-01-01', issueDate: '2024-01-01' }, 'vn-cccd-2021')).toBe('standard');
  });
});

describe('formatCardDate', () => {
  it('prints dd/mm/yyyy and rejects days that do not exist', () => {
    expect(formatCardDate('1999-03-05')).toBe('05/03/1999');
    expect(formatCardDate('2024-02-29')).toBe('29/02/2024');
    expect(() => formatCardDate('2023-02-29')).toThrow(RangeError);
  });
});
