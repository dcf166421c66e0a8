/**
 * Hand-made card views for template tests. Synthetic people: the names, numbers and addresses are made up.
 */
import type { CardView } from '../../src/templates/card-view';

/** An adult holder of a 2021 CCCD, with every text field filled. */
export const VIEW_2021: CardView = {
  product: 'vn-cccd-2021',
  variant: 'standard',
  personalId: '001199012345',
  fullName: 'Nguyễn Thị Mai',
  dateOfBirth: '15/03/1999',
  sex: 'Nữ',
  nationality: 'Việt Nam',
  placeOfOrigin: 'Xã Hải Châu, huyện Hải Hậu, Nam Định',
  placeOfResidence: 'Số 12, ngõ 34, phố Láng Hạ, phường Láng Hạ, quận Đống Đa, Hà Nội',
  placeOfBirthRegistration: 'Phường Láng Hạ, quận Đống Đa, Hà Nội',
  identifyingMarks: 'Nốt ruồi C:1cm trên sau mép phải',
  issueDate: '22/06/2021',
  expiry: '15/03/2024',
  mrz: ['IDVNM1990123456001199012345<<7', '9903159F2403155VNM<<<<<<<<<<<0', 'NGUYEN<<THI<MAI<<<<<<<<<<<<<<<'],
  qrPayload: '001199012345||Nguyễn Thị Mai|15031999|Nữ|Số 12, ngõ 34, phố Láng Hạ, phường Láng Hạ, quận Đống Đa, Hà Nội|22062021',
  photoJpeg: null,
  withPhoto: true,
};

/** A 2024 Căn cước holder who is 62 on the issue date: the card never expires. */
export const VIEW_2024: CardView = {
  product: 'vn-cancuoc-2024',
  variant: 'standard',
  personalId: '079062004321',
  fullName: 'Trần Đức Quảng',
  dateOfBirth: '02/09/1962',
  sex: 'Nam',
  nationality: 'Việt Nam',
  placeOfOrigin: 'Xã Phú Mỹ, huyện Phú Tân, An Giang',
  placeOfResidence: '45 Nguyễn Thị Minh Khai, phường Bến Nghé, quận 1, TP Hồ Chí Minh',
  placeOfBirthRegistration: 'Xã Phú Mỹ, huyện Phú Tân, An Giang',
  identifyingMarks: 'Sẹo chấm cách 2cm dưới đuôi mắt trái',
  issueDate: '15/08/2024',
  expiry: 'Không thời hạn',
  mrz: ['IDVNM0620043211079062004321<<4', '6209024M9912315VNM<<<<<<<<<<<6', 'TRAN<<DUC<QUANG<<<<<<<<<<<<<<<'],
  qrPayload: '079062004321||Trần Đức Quảng|02091962|Nam|45 Nguyễn Thị Minh Khai, phường Bến Nghé, quận 1, TP Hồ Chí Minh|15082024||||',
  photoJpeg: null,
  withPhoto: true,
};

/** A 2024 Căn cước for a 3-year-old: the under-6 front, no photo. */
export const VIEW_2024_UNDER6: CardView = {
  ...VIEW_2024,
  variant: 'under-6',
  personalId: '001221009876',
  fullName: 'Lê Hoàng Bảo Ngọc',
  dateOfBirth: '10/05/2021',
  sex: 'Nữ',
  placeOfResidence: 'Thôn Đông, xã Yên Sở, huyện Hoài Đức, Hà Nội',
  placeOfBirthRegistration: 'Xã Yên Sở, huyện Hoài Đức, Hà Nội',
  issueDate: '05/09/2024',
  expiry: '10/05/2035',
  mrz: ['IDVNM2210098763001221009876<<0', '2105103F3505100VNM<<<<<<<<<<<2', 'LE<<HOANG<BAO<NGOC<<<<<<<<<<<<'],
  qrPayload: '001221009876||Lê Hoàng Bảo Ngọc|10052021|Nữ|Thôn Đông, xã Yên Sở, huyện Hoài Đức, Hà Nội|05092024||||',
  withPhoto: false,
};
