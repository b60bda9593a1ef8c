import { detectDelimiter, modalWidth, splitLine } from './csv-dialect.js';

/*
 * The sniffing that runs before the CSV parser: the delimiter, the header search and the width of the data rows all
 * rest on these, and the parser's specs only see them through files whose delimiter any guess would find.
 */

const repeat = (line: string, times: number): string[] => Array.from({ length: times }, () => line);

describe(splitLine.name, () => {
  it('splits on the delimiter and keeps empty fields, also at the ends', () => {
    expect(splitLine('15/03/2024;CAFE;-4,50', ';')).toEqual(['15/03/2024', 'CAFE', '-4,50']);
    expect(splitLine(';a;;b;', ';')).toEqual(['', 'a', '', 'b', '']);
    expect(splitLine('', ';')).toEqual(['']);
    expect(splitLine('a,b;c', ',')).toEqual(['a', 'b;c']);
  });

  it('keeps a delimiter inside double quotes and drops the quotes', () => {
    expect(splitLine('"15/03/2024";"CB; CAFE";"-4,50"', ';')).toEqual(['15/03/2024', 'CB; CAFE', '-4,50']);
    expect(splitLine('a;"b;c', ';')).toEqual(['a', 'b;c']);
  });

  it('reads a doubled quote inside quotes as one quote', () => {
    expect(splitLine('"SAY ""HI""";1', ';')).toEqual(['SAY "HI"', '1']);
    expect(splitLine('"a""";b', ';')).toEqual(['a"', 'b']);
  });

  it('reads a doubled quote outside quotes as an empty quoted text', () => {
    expect(splitLine('"";x', ';')).toEqual(['', 'x']);
    expect(splitLine('a"";b', ';')).toEqual(['a', 'b']);
  });
});

describe(detectDelimiter.name, () => {
  it.each([
    [';', ['Date;Libellé;Montant', '15/03/2024;CAFE;-4,50']],
    [',', ['Date,Label,Amount', '2024-03-15,CAFE,-4.50']],
    ['\t', ['Date\tLabel\tAmount', '2024-03-15\tCAFE\t-4.50']],
    ['|', ['Date|Label|Amount', '2024-03-15|CAFE|-4.50']],
  ])('finds %j', (delimiter, lines) => {
    expect(detectDelimiter(lines)).toBe(delimiter);
  });

  it('prefers the delimiter that splits more lines into one width over one that splits a few lines wide', () => {
    // ',' gives 4 lines of 2 fields (8), ';' 2 lines of 5 (10): lines times fields decides.
    expect(detectDelimiter(['a;b;c;d;e', 'f;g;h;i;j', 'k,l', 'm,n', 'o,p', 'q,r'])).toBe(';');
    expect(detectDelimiter(['a;b;c;d;e', 'f;g;h;i;j', 'k,l', 'm,n', 'o,p', 'q,r', 's,t', 'u,v'])).toBe(',');
  });

  it('decimal commas do not make the comma win over the semicolon', () => {
    expect(detectDelimiter(['Date;Libellé;Montant', '15/03/2024;CAFE;-4,50', '16/03/2024;PAIN;-1,20'])).toBe(';');
  });

  it('keeps the earlier candidate on a tie, in the order ; , tab |', () => {
    expect(detectDelimiter(['a;b', 'c,d'])).toBe(';');
    expect(detectDelimiter(['a,b', 'c\td'])).toBe(',');
    expect(detectDelimiter(['a\tb', 'c|d'])).toBe('\t');
  });

  it('only counts lines that it splits in two or more', () => {
    expect(detectDelimiter(['Relevé', 'Export', 'Compte', 'Banque', 'Agence', 'a,b'])).toBe(',');
    expect(detectDelimiter(['a|b'])).toBe('|');
  });

  it('falls back to ";" when no candidate splits any line', () => {
    expect(detectDelimiter(['Relevé de compte', 'rien'])).toBe(';');
    expect(detectDelimiter([])).toBe(';');
  });

  it('ignores blank lines', () => {
    expect(detectDelimiter(['', '  ', 'a,b'])).toBe(',');
  });

  it('looks at the first 50 non-blank lines only', () => {
    expect(detectDelimiter([...repeat('', 10), ...repeat('a,b', 50), ...repeat('a;b;c', 60)])).toBe(',');
    // Within the first 50 non-blank lines, 17 lines of 4 (68) beat 33 lines of 2 (66); the 51st line, of 100 fields,
    // would win if it counted, and the blank lines would push 10 of the 17 out if they did.
    const wide = repeat('x', 100).join(',');
    expect(detectDelimiter([...repeat('', 10), ...repeat('a,b', 33), ...repeat('a;b;c;d', 17), wide])).toBe(';');
    expect(detectDelimiter([...repeat('a,b', 33), ...repeat('a;b;c;d', 16), wide])).toBe(',');
  });
});

describe(modalWidth.name, () => {
  it('gives the most frequent field count', () => {
    expect(modalWidth(['Compte;1234', 'Date;Libellé;Montant', '15/03/2024;CAFE;-4,50', 'Solde;100'], ';')).toBe(3);
    expect(modalWidth(['a;b', 'c;d', 'e;f;g'], ';')).toBe(2);
  });

  it('takes the wider count on a tie', () => {
    expect(modalWidth(['a;b;c', 'd;e'], ';')).toBe(3);
    expect(modalWidth(['a;b', 'c;d;e'], ';')).toBe(3);
  });

  it('ignores blank lines and gives 0 when none is left', () => {
    expect(modalWidth(['', ' ', '', 'a;b;c'], ';')).toBe(3);
    expect(modalWidth(['', ' '], ';')).toBe(0);
    expect(modalWidth([], ';')).toBe(0);
  });

  it('counts with the delimiter it is given and honours quotes', () => {
    expect(modalWidth(['a,b;c', 'd,e;f'], ',')).toBe(2);
    expect(modalWidth(['"a;b";c', '"d;e";f'], ';')).toBe(2);
  });
});
