/**
 * End to end through the compiled CLI: sample, validate, mrz, qr, with the bad inputs the foundation issue lists.
 * Expected values are written out by hand from REFERENCE.md and the law, not computed by the code under test.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempDir, STACK_TRACE } from '../helpers/cli';

const TODAY = '2026-01-15';
const env = { CARDLINE_TODAY: TODAY };
const ws = tempDir('records-cli');
afterAll(() => ws.cleanup());

/** A JPEG as far as the validator looks (the magic bytes); rendering tests use real photos. */
const TINY_JPEG = 'data:image/jpeg;base64,' + Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]).toString('base64');
const ADDRESS = 'Số 12 Phố Huế, Phường Phạm Đình Hổ, Quận Hai Bà Trưng, Hà Nội';

/** REFERENCE.md's synthetic specimen: 001199012345, Nguyễn Thị Mai, F, born 1999-03-15. */
function mai(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    personalId: '001199012345',
    fullName: 'Nguyễn Thị Mai',
    dateOfBirth: '1999-03-15',
    sex: 'F',
    placeOfOrigin: 'Xã Hải Châu, Huyện Hải Hậu, Nam Định',
    placeOfResidence: ADDRESS,
    issueDate: '2021-06-22',
    photo: TINY_JPEG,
    ...overrides,
  };
}

function write(name: string, content: string | Buffer): string {
  const path = join(ws.dir, name);
  writeFileSync(path, content);
  return path;
}
const ndjson = (rows: unknown[]) => rows.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n') + '\n';

describe('cardline sample', () => {
  it('is deterministic for a seed, differs between seeds, and its records validate', () => {
    const a = runCli(['sample', '--count', '25', '--seed', 'alpha'], { env });
    const b = runCli(['sample', '--count', '25', '--seed', 'alpha'], { env });
    const c = runCli(['sample', '--count', '25', '--seed', 'beta'], { env });
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout).not.toBe(c.stdout);
    const records = a.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(records).toHaveLength(25);
    // Vietnamese names with diacritics, and IDs whose century/sex digit agrees with sex and birth year.
    expect(records.some((r) => /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i.test(r.fullName))).toBe(true);
    for (const r of records) {
      const g = Number(r.personalId[3]);
      const year = (19 + Math.floor(g / 2)) * 100 + Number(r.personalId.slice(4, 6));
      expect(year).toBe(Number(r.dateOfBirth.slice(0, 4)));
      expect(g % 2 === 1 ? 'F' : 'M').toBe(r.sex);
    }
    const file = write('alpha.ndjson', a.stdout);
    const v = runCli(['validate', file, '--json'], { env });
    expect(v.code).toBe(0);
    expect(JSON.parse(v.stdout)).toMatchObject({ valid: 25, invalid: 0, errors: [] });
  });

  it('writes CSV with the contract header when --out ends in .csv', () => {
    const out = join(ws.dir, 'sample.csv');
    const r = runCli(['sample', '--count', '5', '--seed', 's', '--out', out], { env });
    expect(r.code).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text.split('\r\n')[0]).toBe(
      'personalId,fullName,dateOfBirth,sex,nationality,ethnicity,religion,placeOfOrigin,placeOfBirthRegistration,' +
        'placeOfResidence,identifyingMarks,issueDate,oldIdNumber,fatherName,motherName,spouseName,photo',
    );
    expect(JSON.parse(runCli(['validate', out, '--json'], { env }).stdout).valid).toBe(5);
  });

  it('refuses bad usage with exit 2 and explains', () => {
    expect(runCli(['sample', '--count', 'many'], { env })).toMatchObject({ code: 2 });
    expect(runCli(['sample', '--count', '3', '--product', 'vn-passport'], { env }).stderr).toMatch(/unknown product "vn-passport"/);
    expect(runCli(['sample'], { env }).code).toBe(2);
    expect(runCli(['frobnicate'], { env }).code).toBe(2);
    expect(runCli(['sample', '--help'], { env })).toMatchObject({ code: 0, stdout: expect.stringContaining('--count <n>') });
  });
});

describe('cardline validate: bad input is reported by row and field, good records still pass', () => {
  it('lists each broken record of an NDJSON file and counts the good ones', () => {
    const file = write(
      'mixed.ndjson',
      ndjson([
        mai(),
        mai({ personalId: '00119901234' }), // 11 digits
        mai({ personalId: '001099012346' }), // G=0 means a man born in the 1900s; the record says F
        mai({ personalId: '001198012347' }), // YY=98 but born 1999
        mai({ personalId: '001199012348', dateOfBirth: '1999-02-31' }),
        mai({ personalId: '001199012349', issueDate: '2026-03-01' }), // after "today"
        mai({ personalId: '001199012350', fullName: undefined }),
        mai({ personalId: '001199012351', placeOfResidence: 'x'.repeat(10 * 1024 * 1024) }),
        mai({ personalId: '001199012352' }),
      ]),
    );
    const r = runCli(['validate', file, '--json'], { env });
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    const out = JSON.parse(r.stdout);
    expect(out.valid).toBe(2);
    expect(out.invalid).toBe(7);
    const at = (row: number) => out.errors.filter((e: { row: number }) => e.row === row);
    expect(at(2)).toEqual([expect.objectContaining({ field: 'personalId', message: expect.stringMatching(/12 digits/) })]);
    expect(at(3).map((e: { field: string }) => e.field)).toContain('personalId');
    expect(at(3).map((e: { message: string }) => e.message).join(' ')).toMatch(/sex|female|male/i);
    expect(at(4).map((e: { message: string }) => e.message).join(' ')).toMatch(/year/i);
    expect(at(5)).toEqual([expect.objectContaining({ field: 'dateOfBirth' })]);
    expect(at(6)).toEqual([expect.objectContaining({ field: 'issueDate', message: expect.stringMatching(/future|after today|later than/i) })]);
    expect(at(7)).toEqual([expect.objectContaining({ field: 'fullName', message: expect.stringMatching(/required|missing/i) })]);
    expect(at(8)).toEqual([expect.objectContaining({ field: 'placeOfResidence', message: expect.stringMatching(/10485760 characters/) })]);
  });

  it('human output names the file, the row, the field and the reason', () => {
    const file = write('one-bad.ndjson', ndjson([mai(), mai({ personalId: '001199012353', dateOfBirth: '1999-02-31' })]));
    const r = runCli(['validate', file], { env });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/one-bad\.ndjson: row 2, dateOfBirth: .+/);
    expect(r.stdout).toMatch(/1 valid, 1 invalid/);
  });

  it('CSV with broken quoting: the broken row is reported, the others pass', () => {
    const header = 'personalId,fullName,dateOfBirth,sex,issueDate,placeOfOrigin,placeOfResidence,photo';
    const row = (id: string, name: string) => `${id},${name},1999-03-15,F,2021-06-22,"Xã Hải Châu, Nam Định","${ADDRESS}","${TINY_JPEG}"`;
    const file = write('quotes.csv', [header, row('001199012345', 'Nguyễn Thị Mai'), row('001199012346', 'Nguyễn "Thị" Mai'), row('001199012347', 'Trần Thị Mai'), ''].join('\r\n'));
    const r = runCli(['validate', file, '--json'], { env });
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ valid: 2, invalid: 1 });
    expect(out.errors).toEqual([expect.objectContaining({ row: 2, message: expect.stringMatching(/quote/i) })]);
  });

  it('invalid UTF-8 bytes: that record is rejected, the others pass', () => {
    const bad = Buffer.from(JSON.stringify(mai({ personalId: '001199012346', fullName: 'Nguyen XXX' })).replace('XXX', '\u0000'));
    const i = bad.indexOf(0);
    bad[i] = 0xc3; // a lead byte with no continuation
    const file = write('utf8.ndjson', Buffer.concat([Buffer.from(ndjson([mai()])), bad, Buffer.from('\n' + ndjson([mai({ personalId: '001199012347' })]))]));
    const r = runCli(['validate', file, '--json'], { env });
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ valid: 2, invalid: 1 });
    expect(out.errors).toEqual([expect.objectContaining({ row: 2, message: expect.stringMatching(/UTF-8/) })]);
  });

  it('an empty file, a JSON scalar and a JSON array holding a non-object', () => {
    const empty = runCli(['validate', write('empty.ndjson', ''), '--json'], { env });
    expect(empty.code).toBe(1);
    expect(JSON.parse(empty.stdout).errors).toEqual([expect.objectContaining({ row: 0, field: 'file', message: expect.stringMatching(/empty/) })]);

    const scalar = runCli(['validate', write('scalar.json', '42'), '--json'], { env });
    expect(scalar.code).toBe(1);
    expect(JSON.parse(scalar.stdout).errors[0]).toMatchObject({ row: 0, field: 'file', message: expect.stringMatching(/array|object/) });

    const mixed = runCli(['validate', write('mixed.json', JSON.stringify([mai(), 5, mai({ personalId: '001199012346' })])), '--json'], { env });
    expect(mixed.code).toBe(1);
    const out = JSON.parse(mixed.stdout);
    expect(out).toMatchObject({ valid: 2, invalid: 1 });
    expect(out.errors).toEqual([expect.objectContaining({ row: 2 })]);
    for (const run of [empty, scalar, mixed]) expect(run.stderr).not.toMatch(STACK_TRACE);
  });

  it('a missing file is bad input (exit 1), not a crash', () => {
    const r = runCli(['validate', join(ws.dir, 'nope.ndjson')], { env });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/nope\.ndjson/);
    expect(r.stderr).not.toMatch(STACK_TRACE);
  });
});

describe('cardline mrz and qr', () => {
  const file = () => write('mai.ndjson', ndjson([mai()]));

  it('prints the REFERENCE.md specimen MRZ exactly', () => {
    const r = runCli(['mrz', file(), '--json'], { env });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([
      {
        personalId: '001199012345',
        product: 'vn-cccd-2021',
        expiryDate: '2024-03-15',
        mrz: ['IDVNM1990123456001199012345<<7', '9903159F2403155VNM<<<<<<<<<<<0', 'NGUYEN<<THI<MAI<<<<<<<<<<<<<<<'],
      },
    ]);
  });

  it('prints the 2021 QR payload (7 fields) and the 2024 one (11 fields)', () => {
    const r2021 = runCli(['qr', file(), '--json'], { env });
    expect(JSON.parse(r2021.stdout)).toEqual([
      { personalId: '001199012345', product: 'vn-cccd-2021', payload: `001199012345||Nguyễn Thị Mai|15031999|Nữ|${ADDRESS}|22062021` },
    ]);
    const f2024 = write('mai-2024.ndjson', ndjson([mai({ issueDate: '2025-01-10', placeOfBirthRegistration: 'Phường Phúc Xá, Ba Đình, Hà Nội', oldIdNumber: '012345678' })]));
    const r2024 = runCli(['qr', f2024], { env });
    expect(r2024.stdout).toBe(`001199012345|012345678|Nguyễn Thị Mai|15031999|Nữ|${ADDRESS}|10012025||||\n`);
  });
});
