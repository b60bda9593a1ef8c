import { StatementParseError } from '../statement-parse.error.js';
import { readBalances } from './camt-balance.js';
import { loadXml, type XmlElement } from './camt-xml.js';

const statement = (inner: string): XmlElement => loadXml(Buffer.from(`<Stmt><Id>S</Id>${inner}</Stmt>`, 'utf8')).children('Stmt')[0]!;

function bal(code: string, amount: string, { ind = 'CRDT', ccy = 'EUR', date = '<Dt><Dt>2024-01-31</Dt></Dt>', prtry = false } = {}): string {
  const tp = code === '' ? '' : `<Tp><CdOrPrtry>${prtry ? `<Prtry>${code}</Prtry>` : `<Cd>${code}</Cd>`}</CdOrPrtry></Tp>`;
  const amt = ccy === '' ? `<Amt>${amount}</Amt>` : `<Amt Ccy="${ccy}">${amount}</Amt>`;
  return `<Bal>${tp}${amt}<CdtDbtInd>${ind}</CdtDbtInd>${date}</Bal>`;
}

describe(readBalances.name, () => {
  it('gives no balance and no warning for a statement without Bal', () => {
    expect(readBalances(statement(''), 'EUR')).toEqual({ warnings: [] });
  });

  it('reads the opening (OPBD), closing (CLBD) and available (CLAV) balances with their dates and signs', () => {
    const xml =
      bal('OPBD', '100.5', { date: '<Dt><Dt>2024-01-01</Dt></Dt>' }) +
      bal('CLBD', '20', { ind: 'DBIT' }) +
      bal('CLAV', '1020.00', { date: '<Dt><DtTm>2024-01-31T18:00:00+01:00</DtTm></Dt>' });
    expect(readBalances(statement(xml), 'EUR')).toEqual({
      opening: { amount: '100.50', date: '2024-01-01' },
      closing: { amount: '-20.00', date: '2024-01-31' },
      available: { amount: '1020.00', date: '2024-01-31T18:00:00+01:00' },
      warnings: [],
    });
  });

  it('leaves out the date of a balance that has none', () => {
    expect(readBalances(statement(bal('OPBD', '1.00', { date: '' })), 'EUR')).toEqual({ opening: { amount: '1.00' }, warnings: [] });
  });

  it('takes the previous closing balance (PRCD) as the opening when there is no OPBD', () => {
    expect(readBalances(statement(bal('PRCD', '5.00') + bal('CLBD', '6.00')), 'EUR').opening).toEqual({ amount: '5.00', date: '2024-01-31' });
  });

  it('prefers OPBD over PRCD wherever they stand', () => {
    expect(readBalances(statement(bal('PRCD', '5.00') + bal('OPBD', '7.00')), 'EUR').opening?.amount).toBe('7.00');
  });

  it('takes the first balance of a type that repeats', () => {
    const result = readBalances(statement(bal('OPBD', '1.00') + bal('OPBD', '2.00') + bal('CLBD', '3.00') + bal('CLBD', '4.00')), 'EUR');
    expect([result.opening?.amount, result.closing?.amount]).toEqual(['1.00', '3.00']);
  });

  it('reads a proprietary type code when there is no ISO one', () => {
    const result = readBalances(statement(bal('OPBD', '1.00', { prtry: true }) + bal('CLBD', '2.00', { prtry: true })), 'EUR');
    expect([result.opening?.amount, result.closing?.amount]).toEqual(['1.00', '2.00']);
  });

  it('ignores balances of other or no types', () => {
    expect(readBalances(statement(bal('FWAV', '1.00') + bal('OPAV', '2.00') + bal('', '3.00') + bal('XPCD', '4.00')), 'EUR')).toEqual({ warnings: [] });
  });

  it('takes the first and last intraday balances (ITBD, camt.052) as opening and closing', () => {
    const result = readBalances(statement(bal('ITBD', '1.00') + bal('ITBD', '2.00') + bal('ITBD', '3.00')), 'EUR');
    expect([result.opening?.amount, result.closing?.amount]).toEqual(['1.00', '3.00']);
  });

  it('takes a single intraday balance as the closing only', () => {
    const result = readBalances(statement(bal('ITBD', '2.00')), 'EUR');
    expect(result).toEqual({ closing: { amount: '2.00', date: '2024-01-31' }, warnings: [] });
  });

  it('prefers OPBD and CLBD over intraday balances', () => {
    const result = readBalances(statement(bal('ITBD', '1.00') + bal('CLBD', '9.00') + bal('OPBD', '8.00') + bal('ITBD', '2.00')), 'EUR');
    expect([result.opening?.amount, result.closing?.amount]).toEqual(['8.00', '9.00']);
    expect(readBalances(statement(bal('ITBD', '1.00') + bal('PRCD', '7.00') + bal('ITBD', '2.00')), 'EUR').opening?.amount).toBe('7.00');
  });

  it('accepts a balance without a currency', () => {
    expect(readBalances(statement(bal('CLBD', '3.00', { ccy: '' })), 'EUR').closing?.amount).toBe('3.00');
    expect(readBalances(statement(bal('CLBD', '3.00', { ccy: 'XXX' })), 'EUR').closing?.amount).toBe('3.00');
  });

  it('accepts a balance whose currency is written in lower case', () => {
    expect(readBalances(statement(bal('CLBD', '3.00', { ccy: 'eur' })), 'EUR').closing?.amount).toBe('3.00');
  });

  it('leaves out and reports a balance in another currency than the statement', () => {
    const result = readBalances(statement(bal('OPBD', '9.00', { ccy: 'SEK', ind: 'DBIT' }) + bal('OPBD', '1.00') + bal('CLAV', '2.00', { ccy: 'USD' })), 'EUR');
    expect(result).toEqual({
      opening: { amount: '1.00', date: '2024-01-31' },
      warnings: [
        {
          code: 'BALANCE_IGNORED',
          message: 'balance OPBD -9.00 SEK is not in the statement currency EUR; it was left out',
          element: '/Stmt[1]/Bal[1]',
        },
        {
          code: 'BALANCE_IGNORED',
          message: 'balance CLAV 2.00 USD is not in the statement currency EUR; it was left out',
          element: '/Stmt[1]/Bal[3]',
        },
      ],
    });
  });

  it('reports a balance of no type in another currency with an empty type', () => {
    expect(readBalances(statement(bal('', '9.00', { ccy: 'SEK' })), 'EUR').warnings.map((w) => w.message)).toEqual([
      'balance  9.00 SEK is not in the statement currency EUR; it was left out',
    ]);
  });

  it('rejects a balance without an amount or a sign, naming it', () => {
    const noAmount = statement('<Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><CdtDbtInd>CRDT</CdtDbtInd></Bal>');
    expect(() => readBalances(noAmount, 'EUR')).toThrow(new StatementParseError('MALFORMED_DOCUMENT', 'the amount Amt is missing (at /Stmt[1]/Bal[1])'));
    const noSign = statement('<Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">1.00</Amt></Bal>');
    expect(() => readBalances(noSign, 'EUR')).toThrow('CdtDbtInd (CRDT or DBIT) is missing (at /Stmt[1]/Bal[1])');
  });

  it('rejects a balance with an invalid date', () => {
    expect(() => readBalances(statement(bal('OPBD', '1.00', { date: '<Dt><Dt>2024-02-30</Dt></Dt>' })), 'EUR')).toThrow(
      'invalid date "2024-02-30" (at /Stmt[1]/Bal[1]/Dt/Dt)',
    );
  });
});
