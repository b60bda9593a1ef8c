import { readDetails, readNonSwift } from './mt940-details.js';

describe(readDetails.name, () => {
  it('reads German GVC sub-fields: posting text, SEPA purpose (SVWZ) and the counterparty over ?32/?33', () => {
    const text = [
      '166?00GUTSCHRIFT?109310?20EREF+REF123?21SVWZ+Rechnung 4711',
      '?22 Teil 2?30DEUTDEFF?31DE89370400440532013000?32Max Muster',
      '?33mann GmbH?34000',
    ].join('\n');
    expect(readDetails(text)).toEqual({
      payee: 'Max Mustermann GmbH',
      memo: 'Rechnung 4711 Teil 2',
      postingText: 'GUTSCHRIFT',
      fields: {
        code: '166',
        '00': 'GUTSCHRIFT',
        '10': '9310',
        '20': 'EREF+REF123SVWZ+Rechnung 4711 Teil 2',
        '30': 'DEUTDEFF',
        '31': 'DE89370400440532013000',
        '32': 'Max Mustermann GmbH',
        '34': '000',
      },
      label: 'Max Mustermann GmbH - Rechnung 4711 Teil 2',
    });
  });

  it('treats line breaks inside sub-fields as mere wrapping', () => {
    expect(readDetails('166?00GUT\nSCHRIFT?20Miete Ja\nnuar')).toEqual({
      memo: 'Miete Januar',
      postingText: 'GUTSCHRIFT',
      fields: { code: '166', '00': 'GUTSCHRIFT', '20': 'Miete Januar' },
      label: 'Miete Januar',
    });
  });

  it('joins ?20-?29 and then ?60-?63 into the purpose, and keeps ?64 apart', () => {
    const text = '166?20a?21b?22c?23d?24e?25f?26g?27h?28i?29j?60k?61l?62m?63n?64o';
    expect(readDetails(text)).toEqual({
      memo: 'abcdefghijklmn',
      fields: { code: '166', '20': 'abcdefghij', '60': 'klmn', '64': 'o' },
      label: 'abcdefghijklmn',
    });
  });

  it('reads a purpose made only of ?60-?63', () => {
    expect(readDetails('166?60Zweck?61 zwei')).toEqual({ memo: 'Zweck zwei', fields: { code: '166', '60': 'Zweck zwei' }, label: 'Zweck zwei' });
  });

  it('keeps the sub-fields of other numbers as they are', () => {
    expect(readDetails('166?30BIC?35x?19y?70z').fields).toEqual({ code: '166', '30': 'BIC', '35': 'x', '19': 'y', '70': 'z' });
  });

  it.each([
    ['EREF+123 SVWZ+Invoice 1 ABWA+Other Name', 'Invoice 1'],
    ['SVWZ+Invoice 2', 'Invoice 2'],
    ['KREF+1MREF+2CRED+3DEBT+4SVWZ+Miete IBAN+DE89 BIC+X', 'Miete'],
    ['SVWZ+Pay ABWE+Y', 'Pay'],
    ['SVWZ+Pay PURP+SALA', 'Pay'],
    ['SVWZ+Pay COAM+1,00', 'Pay'],
    ['SVWZ+Pay OAMT+1,00', 'Pay'],
    ['SVWZ+Pay SQTP+FRST', 'Pay'],
    ['SVWZ+Pay MDAT+010124', 'Pay'],
    ['SVWZ+Pay ORCR+X', 'Pay'],
    ['SVWZ+Pay ORMR+X', 'Pay'],
    ['SVWZ+Pay DDAT+X', 'Pay'],
    ['SVWZ+Pay EREF+X', 'Pay'],
    ['SVWZ+Pay KREF+X', 'Pay'],
    ['SVWZ+Pay MREF+X', 'Pay'],
    ['SVWZ+Pay CRED+X', 'Pay'],
    ['SVWZ+Pay DEBT+X', 'Pay'],
    ['SVWZ+Pay IBAN+X', 'Pay'],
    ['SVWZ+Pay BIC+X', 'Pay'],
  ])('takes the SVWZ remittance out of the SEPA purpose %j', (purpose, memo) => {
    expect(readDetails(`166?20${purpose}`).memo).toBe(memo);
  });

  it.each([
    ['Miete Januar', 'Miete Januar'],
    // Text before the first keyword is the remittance when there is no SVWZ.
    ['Miete EREF+123', 'Miete'],
    // Keywords only, none of them SVWZ: the whole purpose is kept.
    ['EREF+123 KREF+456', 'EREF+123 KREF+456'],
    // An empty SVWZ: the whole purpose is kept.
    ['EREF+1 SVWZ+', 'EREF+1 SVWZ+'],
    ['  Miete  ', 'Miete'],
    // Lower case is no keyword.
    ['svwz+klein', 'svwz+klein'],
  ])('reads the purpose %j as the memo %j', (purpose, memo) => {
    expect(readDetails(`166?20${purpose}`).memo).toBe(memo);
  });

  it('collapses blanks in the counterparty name', () => {
    expect(readDetails('166?32Max   Muster ?33  GmbH ')).toEqual({
      payee: 'Max Muster GmbH',
      fields: { code: '166', '32': 'Max   Muster   GmbH ' },
      label: 'Max Muster GmbH',
    });
  });

  it('labels an entry by its posting text when it has neither payee nor purpose', () => {
    expect(readDetails('835?00 ENTGELT ?34000')).toEqual({ postingText: 'ENTGELT', fields: { code: '835', '00': ' ENTGELT ', '34': '000' }, label: 'ENTGELT' });
  });

  it('gives an empty label when the sub-fields say nothing', () => {
    expect(readDetails('835?20  ?32 ?00 ?34000')).toEqual({ fields: { code: '835', '20': '  ', '32': ' ', '00': ' ', '34': '000' }, label: '' });
  });

  it('accepts blanks around the GVC code', () => {
    expect(readDetails(' 166 ?20Miete')).toEqual({ memo: 'Miete', fields: { code: '166', '20': 'Miete' }, label: 'Miete' });
  });

  it('keeps a question mark that starts no sub-field', () => {
    expect(readDetails('166?20Wer? Wie?1x').fields).toEqual({ code: '166', '20': 'Wer? Wie?1x' });
  });

  it.each([
    ['Payment for invoice\n123  x', 'Payment for invoice 123 x'],
    ['16?00GUTSCHRIFT', '16?00GUTSCHRIFT'],
    ['6?20Miete', '6?20Miete'],
    ['1666?20Miete', '1666?20Miete'],
    ['ABC?20Miete', 'ABC?20Miete'],
    ['166?2Miete', '166?2Miete'],
    ['Ref 166?20x', 'Ref 166?20x'],
    ['  ', ''],
  ])('gives free text %j as the label %j, without sub-fields', (text, label) => {
    expect(readDetails(text)).toEqual({ label });
  });

  it('drops the memo from the label when the payee already holds it', () => {
    expect(readDetails('166?20Max Muster?32MAX MUSTER')).toMatchObject({ payee: 'MAX MUSTER', memo: 'Max Muster', label: 'MAX MUSTER' });
  });
});

describe(readNonSwift.name, () => {
  it('reads the counterparty from 15 and 16 and the description from 09', () => {
    expect(readNonSwift('15ACME \n16Kft.\n09 Invoice 42 \nxx\n17other')).toEqual({
      payee: 'ACME Kft.',
      memo: 'Invoice 42',
      fields: { '15': 'ACME ', '16': 'Kft.', '09': ' Invoice 42 ', '17': 'other' },
    });
  });

  it('joins repeated lines of one number', () => {
    expect(readNonSwift('09part one \n09part two')).toEqual({ memo: 'part one part two', fields: { '09': 'part one part two' } });
  });

  it('reads a counterparty from 16 alone or from 15 alone', () => {
    expect(readNonSwift('16Kft.')).toEqual({ payee: 'Kft.', fields: { '16': 'Kft.' } });
    expect(readNonSwift('15ACME')).toEqual({ payee: 'ACME', fields: { '15': 'ACME' } });
  });

  it('gives neither payee nor memo for blank or missing values', () => {
    expect(readNonSwift('15 \n16\n09  ')).toEqual({ fields: { '15': ' ', '16': '', '09': '  ' } });
    expect(readNonSwift('no numbers here\n1x\nx15ACME')).toEqual({ fields: {} });
  });
});
