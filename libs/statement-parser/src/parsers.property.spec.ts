import { readFileSync } from 'node:fs';
import path from 'node:path';

import fc from 'fast-check';

import { GENERATORS } from '../../../bench/lib/statement-generators.js';
import { DEFAULT_WORKER_BUDGETS } from '../../worker-pool/src/worker-budgets.js';
import { StatementParseError } from './statement-parse.error.js';
import { parseStatement } from './statement-parser.js';
import type { ParsedDocument, StatementFormat } from './statement.types.js';

const fixture = (name: string) => readFileSync(path.resolve(process.cwd(), '../shared/fixtures/statements', name));

interface Subject {
  format: StatementFormat;
  /** A generated statement whose balances reconcile. */
  generated: Buffer;
  /** A real export, for mutations. */
  real: Buffer;
  /** [start, end) byte ranges of the generated statement's transaction records. */
  records: Array<[number, number]>;
  /**
   * Records whose removal the balances reveal: every one where the file states opening and closing balances,
   * none where it states none, and the inner ones for a CSV running balance (its ends are the balances).
   */
  reconciles: 'all' | 'inner' | 'none';
}

function ranges(text: string, start: RegExp, end: (from: number) => number): Array<[number, number]> {
  const found: Array<[number, number]> = [];
  for (const m of text.matchAll(start)) found.push([m.index!, end(m.index!)]);
  return found;
}

function subject(format: Exclude<StatementFormat, 'pdf'>, real: string, reconciles: Subject['reconciles']): Subject {
  const generated = GENERATORS[format](30);
  const text = generated.toString('latin1');
  const records = {
    csv: () => ranges(text, /\n(?=\d)/g, (i) => text.indexOf('\n', i + 1)).map(([a, b]): [number, number] => [a + 1, b + 1]),
    camt: () => ranges(text, /<Ntry>/g, (i) => text.indexOf('</Ntry>', i) + '</Ntry>'.length),
    ofx: () => ranges(text, /<STMTTRN>/g, (i) => text.indexOf('</STMTTRN>', i) + '</STMTTRN>'.length),
    qif: () => ranges(text, /(?<=\^\n|!Type:Bank\n)D/g, (i) => text.indexOf('^\n', i) + 2),
    mt940: () => ranges(text, /:61:/g, (i) => text.indexOf('\n:', text.indexOf('\n:86:', i) + 1) + 1),
  }[format]();
  return { format, generated, real: fixture(real), records, reconciles };
}

const SUBJECTS: Subject[] = [
  subject('csv', 'csv/ofxstatement-revolut_2021-10_utf8_payees.csv', 'inner'),
  subject('camt', 'camt053/viafintech_camt053.001.02_valid_example.xml', 'all'),
  // OFX states a closing balance only, QIF none: nothing to reconcile a removed record against.
  subject('ofx', 'ofx/ofxparse_anz_creditcard_v203_xml_header_sgml_body.ofx', 'none'),
  subject('qif', 'qif/qif2json_investments.qif', 'none'),
  subject('mt940', 'mt940/wolph-mt940_jejik_ing.sta', 'all'),
];

const transactions = (doc: ParsedDocument) => doc.statements.flatMap((s) => s.transactions);
const flagged = (doc: ParsedDocument) => doc.warnings.some((w) => w.code === 'BALANCE_MISMATCH' || w.code === 'UNTERMINATED_RECORD');

/** Parses, failing the property on anything thrown but the parser's own error, or on a parse past the budget. */
function attempt(bytes: Uint8Array, format?: StatementFormat): ParsedDocument | StatementParseError {
  const started = performance.now();
  try {
    return parseStatement(bytes, { format, defaultCurrency: 'EUR' });
  } catch (error) {
    if (!(error instanceof StatementParseError)) throw error;
    return error;
  } finally {
    // The worker pool would end the parse here: none may come near it.
    expect(performance.now() - started).toBeLessThan(DEFAULT_WORKER_BUDGETS.timeoutMs);
  }
}

/** A random edit: a byte replaced, a range deleted, a range repeated, or text inserted. */
const mutation = (length: number) =>
  fc.oneof(
    fc.tuple(fc.constant('replace' as const), fc.nat({ max: length - 1 }), fc.integer({ min: 0, max: 255 })),
    fc.tuple(fc.constant('delete' as const), fc.nat({ max: length - 1 }), fc.integer({ min: 1, max: 64 })),
    fc.tuple(fc.constant('repeat' as const), fc.nat({ max: length - 1 }), fc.integer({ min: 1, max: 64 })),
    fc.tuple(fc.constant('insert' as const), fc.nat({ max: length - 1 }), fc.constantFrom('<', '>', '"', ';', '\n', '^', ':61:', '&amp;', '<!DOCTYPE x>', '\u00e9', '\xff\xfe', '-')),
  );

function mutate(bytes: Buffer, edits: Array<['replace' | 'delete' | 'repeat' | 'insert', number, number | string]>): Buffer {
  let out = Buffer.from(bytes);
  for (const [kind, at, arg] of edits) {
    const pos = Math.min(at, out.length - 1);
    if (kind === 'replace') out[pos] = arg as number;
    else if (kind === 'delete') out = Buffer.concat([out.subarray(0, pos), out.subarray(pos + (arg as number))]);
    else if (kind === 'repeat') out = Buffer.concat([out.subarray(0, pos + (arg as number)), out.subarray(pos)]);
    else out = Buffer.concat([out.subarray(0, pos), Buffer.from(arg as string, 'latin1'), out.subarray(pos)]);
  }
  return out;
}

describe.each(SUBJECTS)('the $format parser on hostile input', (s) => {
  it('throws nothing but StatementParseError on arbitrary bytes, alone or after a valid header', () => {
    const header = s.generated.subarray(0, 200);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), fc.boolean(), (bytes, prefixed) => {
        attempt(prefixed ? Buffer.concat([header, bytes]) : bytes, s.format);
      }),
      { numRuns: 150 },
    );
  });

  it('throws nothing but StatementParseError on mutated statements, real and generated', () => {
    for (const source of [s.real, s.generated]) {
      fc.assert(
        fc.property(fc.array(mutation(source.length), { minLength: 1, maxLength: 4 }), (edits) => {
          attempt(mutate(source, edits));
        }),
        { numRuns: 100 },
      );
    }
  });

  it('refuses a file cut inside a record, or flags it where a complete-looking record is left', () => {
    const full = transactions(parseStatement(s.generated, { defaultCurrency: 'EUR' }));
    fc.assert(
      fc.property(fc.nat({ max: s.records.length - 1 }), fc.double({ min: 0.01, max: 0.99, noNaN: true }), (index, fraction) => {
        const [start, end] = s.records[index]!;
        const cut = start + 1 + Math.floor((end - start - 2) * fraction);
        const outcome = attempt(s.generated.subarray(0, cut));
        if (outcome instanceof StatementParseError) return;
        // Parsed: it must say so (balances, an unterminated QIF record), or hold exactly what the full file holds for
        // its rows (a cut that only took trailing zeros or the last newline).
        if (flagged(outcome)) return;
        const got = transactions(outcome);
        expect(got.map((t) => [t.date, t.amount])).toEqual(full.slice(0, got.length).map((t) => [t.date, t.amount]));
      }),
      { numRuns: 200 },
    );
  });

  (s.reconciles === 'none' ? it.skip : it)('flags by its balances a file that parses with a record removed at a record boundary', () => {
    const [min, max] = s.reconciles === 'all' ? [0, s.records.length - 1] : [1, s.records.length - 2];
    fc.assert(
      fc.property(fc.integer({ min, max }), (index) => {
        const [start, end] = s.records[index]!;
        const outcome = attempt(Buffer.concat([s.generated.subarray(0, start), s.generated.subarray(end)]));
        if (outcome instanceof StatementParseError) return;
        expect(outcome.warnings.map((w) => w.code)).toContain('BALANCE_MISMATCH');
      }),
      { numRuns: 30 },
    );
  });
});
