import { checkRecordCount, DEFAULT_MAX_STATEMENT_ROWS } from '../statement-limits.js';
import { StatementParseError } from '../statement-parse.error.js';
import { makeIdsUnique } from '../transaction-id.js';
import type { ParsedDocument, ParsedStatementPart, ParseOptions, ParseWarning } from '../statement.types.js';
import { childElement, childValue, findElements, readOfxMarkup, type OfxElement } from './ofx-markup.js';
import { readOfxStatement, type OfxStatementContext } from './ofx-statement.js';
import { decodeOfx } from './ofx-text.js';

const STATEMENT_RESPONSES = new Set(['STMTTRNRS', 'CCSTMTTRNRS']);
const STATEMENTS = new Set(['STMTRS', 'CCSTMTRS']);

/** A non-zero STATUS: an ERROR (or a response without its statement) is a server error, else a warning. */
function checkStatus(response: OfxElement, hasPayload: boolean, warnings: ParseWarning[]): void {
  const status = childElement(response, 'STATUS');
  const code = status ? childValue(status, 'CODE') : undefined;
  if (!status || code === undefined || code === '0') return;
  const severity = childValue(status, 'SEVERITY') ?? '';
  const message = childValue(status, 'MESSAGE') ?? '';
  const text = `status ${code}${severity ? ` ${severity}` : ''}${message ? ` "${message}"` : ''}`;
  if (severity.toUpperCase() === 'ERROR' || !hasPayload) {
    throw new StatementParseError(
      'UNSUPPORTED_CONTENT',
      `OFX: the bank's server returned an error instead of a statement in <${response.name}> at line ${status.line}: ${text}`,
      { line: status.line, element: `${response.path}/STATUS` },
    );
  }
  warnings.push({ code: 'OFX_STATUS', message: `<${response.name}> at line ${status.line} reports ${text}`, line: status.line, element: `${response.path}/STATUS` });
}

export function parseOfx(bytes: Uint8Array, options: ParseOptions = {}): ParsedDocument {
  const warnings: ParseWarning[] = [];
  const { text, bodyStart } = decodeOfx(bytes, warnings);
  checkRecordCount(text, /<STMTTRN[\s>]/gi, options.maxRows ?? DEFAULT_MAX_STATEMENT_ROWS, 'transactions (<STMTTRN>)');
  const ofx = readOfxMarkup(text, bodyStart);

  const signon = findElements(ofx, new Set(['SONRS']))[0];
  if (signon) checkStatus(signon, true, warnings);

  const responses = findElements(ofx, STATEMENT_RESPONSES);
  for (const response of responses) {
    checkStatus(response, response.children.some((c) => STATEMENTS.has(c.name)), warnings);
  }
  const statements = findElements(ofx, STATEMENTS);
  if (statements.length === 0) {
    const other = findElements(ofx, new Set(['INVSTMTRS', 'INVSTMTTRNRS']))[0];
    throw other
      ? new StatementParseError('UNSUPPORTED_CONTENT', `OFX: investment statements (<${other.name}> at line ${other.line}) are not supported`, { line: other.line, element: other.path })
      : new StatementParseError('MALFORMED_DOCUMENT', 'OFX: the file holds no bank or credit-card statement (no <STMTRS> or <CCSTMTRS>)', { element: 'OFX' });
  }

  const ctx: OfxStatementContext = { options, warnings, problems: [] };
  const parts: ParsedStatementPart[] = statements.map((rs) => readOfxStatement(rs, ctx));
  if (ctx.problems.length > 0) {
    const [first] = ctx.problems;
    const listed = ctx.problems.slice(0, 5).map((p) => p.message).join('; ');
    const more = ctx.problems.length > 5 ? `; and ${ctx.problems.length - 5} more` : '';
    throw new StatementParseError(
      'MALFORMED_DOCUMENT',
      `OFX: ${ctx.problems.length} invalid record(s), the statement is refused rather than imported partially: ${listed}${more}`,
      { line: first!.line, element: first!.element },
    );
  }
  makeIdsUnique(parts.flatMap((p) => p.transactions));
  return { format: 'ofx', statements: parts, warnings };
}
