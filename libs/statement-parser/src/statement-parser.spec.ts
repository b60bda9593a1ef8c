import { StatementParseError } from './statement-parse.error.js';
import { parseDocument, parseStatement, toDocumentResult } from './statement-parser.js';
import type { Balance, ParsedDocument, ParsedStatementPart, StatementTransaction } from './statement.types.js';
import { asyncParseFailure, parseFailure } from './testing/parse-failure.js';

/*
 * The entry points every caller uses: the checks made before and after a format's own parser, and the flattening
 * into the Document Processor's answer.
 */

const CSV = 'Date;Libellé;Montant\n15/03/2024;CAFE;-4,50\n16/03/2024;PAIN;-1,20\n17/03/2024;LAIT;-0,99\n';
const bytes = (text: string): Buffer => Buffer.from(text, 'utf8');

const summary = (e: StatementParseError) => ({ code: e.code, message: e.message, location: e.location });

describe(parseStatement.name, () => {
  it('reads a document in the format it detects', () => {
    const doc = parseStatement(bytes(CSV), { defaultCurrency: 'EUR' });
    expect(doc.format).toBe('csv');
    expect(doc.statements[0]!.transactions.map((t) => t.amount)).toEqual(['-4.50', '-1.20', '-0.99']);
  });

  it.each([
    ['no bytes', ''],
    ['only blanks and line breaks', ' \r\n\t\n  '],
  ])('refuses a document of %s as empty, even when told its format', (_what, text) => {
    const expected = { code: 'EMPTY_DOCUMENT', message: 'the document is empty', location: {} };
    expect(summary(parseFailure(() => parseStatement(bytes(text))))).toEqual(expected);
    expect(summary(parseFailure(() => parseStatement(bytes(text), { format: 'csv' })))).toEqual(expected);
  });

  it('refuses a format it does not know, naming the ones it reads', () => {
    expect(summary(parseFailure(() => parseStatement(bytes('hello, this is not a bank statement at all'))))).toEqual({
      code: 'UNKNOWN_FORMAT',
      message: 'unrecognised statement format: expected OFX/QFX, ISO 20022 CAMT.052/053, CSV, QIF, MT940 or PDF',
      location: { line: 1 },
    });
  });

  it('refuses a document over the byte limit before reading it', () => {
    expect(summary(parseFailure(() => parseStatement(bytes(CSV), { maxBytes: 20 })))).toEqual({
      code: 'LIMIT_EXCEEDED',
      message: `the document is ${Buffer.byteLength(CSV)} bytes, more than the 20 bytes one statement may have (MAX_DOCUMENT_BYTES=20)`,
      location: {},
    });
    expect(() => parseStatement(bytes(CSV), { maxBytes: Buffer.byteLength(CSV), defaultCurrency: 'EUR' })).not.toThrow();
  });

  it('refuses more than 20 MiB by default, and takes exactly 20 MiB to the parser', () => {
    const big = Buffer.alloc(20 * 1024 * 1024 + 1, 0x20);
    expect(parseFailure(() => parseStatement(big)).code).toBe('LIMIT_EXCEEDED');
    expect(parseFailure(() => parseStatement(big.subarray(1))).code).toBe('EMPTY_DOCUMENT');
  });

  it('passes the row limit it is given to the parser', () => {
    expect(parseFailure(() => parseStatement(bytes(CSV), { maxRows: 2, defaultCurrency: 'EUR' })).code).toBe('LIMIT_EXCEEDED');
    expect(parseStatement(bytes(CSV), { maxRows: 3, defaultCurrency: 'EUR' }).statements[0]!.transactions).toHaveLength(3);
  });

  it('counts the transactions a record yields against the row limit (a CAMT batch booked as one entry)', () => {
    const details = ['1.00', '2.00', '3.00'].map((a, i) => `<TxDtls><Refs><EndToEndId>E${i}</EndToEndId></Refs><Amt Ccy="EUR">${a}</Amt></TxDtls>`).join('');
    const camt = `<?xml version="1.0" encoding="UTF-8"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><GrpHdr><MsgId>M</MsgId></GrpHdr><Stmt><Id>S</Id><Acct><Id><IBAN>DE44500105175407324931</IBAN></Id><Ccy>EUR</Ccy></Acct><Ntry><Amt Ccy="EUR">6.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>2024-01-02</Dt></BookgDt><NtryDtls>${details}</NtryDtls></Ntry></Stmt></BkToCstmrStmt></Document>`;
    expect(parseStatement(bytes(camt), { maxRows: 3 }).statements[0]!.transactions.map((t) => t.amount)).toEqual(['1.00', '2.00', '3.00']);
    expect(summary(parseFailure(() => parseStatement(bytes(camt), { maxRows: 2 })))).toEqual({
      code: 'LIMIT_EXCEEDED',
      message: 'the document holds more than 2 transactions, the most one statement may have (MAX_STATEMENT_ROWS=2); split it into several files',
      location: {},
    });
  });

  it('sends a PDF to parseDocument', () => {
    expect(summary(parseFailure(() => parseStatement(bytes('%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n'))))).toEqual({
      code: 'UNSUPPORTED_CONTENT',
      message: 'a PDF is read asynchronously: call parseDocument() instead of parseStatement()',
      location: {},
    });
  });

  it('turns anything else a parser throws into a malformed document, with the reason cut at 200 characters', () => {
    // An encoding the types and the API refuse, as a JavaScript caller could still pass it: iconv-lite throws a plain Error.
    const encoding = `x${'y'.repeat(300)}`;
    const error = parseFailure(() => parseStatement(bytes(CSV), { format: 'csv', defaultCurrency: 'EUR', csv: { encoding: encoding as 'utf-8' } }));
    expect(error.code).toBe('MALFORMED_DOCUMENT');
    expect(error.message).toBe(`the csv document could not be read (${`Error: Encoding not recognized: '${encoding}' (searched as: '${encoding}')`.slice(0, 200)})`);
  });
});

describe(parseDocument.name, () => {
  it('reads the formats that parseStatement reads', async () => {
    expect((await parseDocument(bytes(CSV), { defaultCurrency: 'EUR' })).statements[0]!.transactions).toHaveLength(3);
  });

  it('reads a PDF itself, whether it detects it or is told', async () => {
    const notReally = bytes('%PDF-1.7\nthis is not a PDF body\n');
    for (const options of [{}, { format: 'pdf' as const }]) {
      const error = await asyncParseFailure(() => parseDocument(notReally, options));
      expect(error.message).not.toContain('asynchronously');
    }
  });

  it('refuses an empty document as parseStatement does', async () => {
    expect(summary(await asyncParseFailure(() => parseDocument(new Uint8Array(0))))).toEqual({ code: 'EMPTY_DOCUMENT', message: 'the document is empty', location: {} });
  });
});

describe(toDocumentResult.name, () => {
  const tx = (id: string): StatementTransaction => ({ id, date: '2024-03-01', amount: '1.00', currency: 'EUR', label: id, raw: {} });
  const balance = (amount: string, date: string): Balance => ({ amount, date });
  const part = (over: Partial<ParsedStatementPart>): ParsedStatementPart => ({
    account: { id: 'FR76' }, currency: 'EUR', period: { start: null, end: null }, transactions: [], ...over,
  });
  const doc = (statements: ParsedStatementPart[]): ParsedDocument => ({ format: 'camt', statements, warnings: [{ code: 'W', message: 'w' }] });

  it('flattens one statement with its balances and no statement list', () => {
    const one = part({
      period: { start: '2024-03-01', end: '2024-03-31' },
      opening_balance: balance('10.00', '2024-03-01'), closing_balance: balance('11.00', '2024-03-31'), available_balance: balance('9.00', '2024-03-31'),
      transactions: [tx('a')],
    });
    expect(toDocumentResult(doc([one]))).toEqual({
      format: 'camt', account: { id: 'FR76' }, period: { start: '2024-03-01', end: '2024-03-31' }, currency: 'EUR',
      opening_balance: balance('10.00', '2024-03-01'), closing_balance: balance('11.00', '2024-03-31'), available_balance: balance('9.00', '2024-03-31'),
      transactions: [tx('a')], warnings: [{ code: 'W', message: 'w' }],
    });
  });

  it('lists several statements, spans their periods and takes the first opening and the last closing balance', () => {
    const a = part({ period: { start: '2024-02-01', end: '2024-02-29' }, opening_balance: balance('1.00', '2024-02-01'), closing_balance: balance('2.00', '2024-02-29'), transactions: [tx('a')] });
    const b = part({ account: { id: 'OTHER' }, currency: 'USD', period: { start: null, end: '2024-04-30' }, transactions: [tx('b')] });
    const c = part({ period: { start: '2024-01-15', end: null }, closing_balance: balance('3.00', '2024-03-31'), available_balance: balance('7.00', '2024-03-31'), transactions: [tx('c')] });
    const result = toDocumentResult(doc([a, b, c]));
    expect(result).toEqual({
      format: 'camt', account: { id: 'FR76' }, period: { start: '2024-01-15', end: '2024-04-30' }, currency: 'EUR',
      statements: [a, b, c], opening_balance: balance('1.00', '2024-02-01'), closing_balance: balance('3.00', '2024-03-31'),
      transactions: [tx('a'), tx('b'), tx('c')], warnings: [{ code: 'W', message: 'w' }],
    });
    expect(result).not.toHaveProperty('available_balance');
  });

  it('leaves out the balances several statements do not give, and a period none of them states', () => {
    const result = toDocumentResult(doc([part({ closing_balance: balance('2.00', '2024-02-29') }), part({ opening_balance: balance('1.00', '2024-03-01') })]));
    expect(result.period).toEqual({ start: null, end: null });
    expect(result).not.toHaveProperty('opening_balance');
    expect(result).not.toHaveProperty('closing_balance');
  });

  it('refuses a document that holds no statement', () => {
    expect(summary(parseFailure(() => toDocumentResult({ format: 'ofx', statements: [], warnings: [] })))).toEqual({
      code: 'MALFORMED_DOCUMENT', message: 'the ofx document holds no statement', location: {},
    });
  });
});
