import { DEFAULT_MAX_STATEMENT_ROWS } from '../statement-limits.js';
import { StatementParseError } from '../statement-parse.error.js';
import type { ParsedDocument, ParseOptions, ParseWarning } from '../statement.types.js';
import { makeIdsUnique } from '../transaction-id.js';
import { parseStatementElement } from './camt-statement.js';
import { loadXml, malformed } from './camt-xml.js';

/** Message root -> the repeating statement element: camt.053 Stmt, camt.052 Rpt. */
const CONTAINERS: ReadonlyArray<{ root: string; item: string; name: string }> = [
  { root: 'BkToCstmrStmt', item: 'Stmt', name: 'camt.053' },
  { root: 'BkToCstmrAcctRpt', item: 'Rpt', name: 'camt.052' },
];

/** ISO 20022 bank-to-customer statements (camt.053) and account reports (camt.052), any version. */
export function parseCamt(bytes: Uint8Array, options: ParseOptions = {}): ParsedDocument {
  const maxRows = options.maxRows ?? DEFAULT_MAX_STATEMENT_ROWS;
  const xml = loadXml(bytes, { name: 'Ntry', maxCount: maxRows, what: 'entries (<Ntry>)' });
  const document = xml.find('Document');
  if (!document) {
    throw new StatementParseError('UNSUPPORTED_CONTENT', 'not an ISO 20022 message: the root element is not <Document>', { element: '/' });
  }
  const container = CONTAINERS.map((c) => ({ ...c, element: document.find(c.root) })).find((c) => c.element);
  if (!container?.element) {
    throw new StatementParseError(
      'UNSUPPORTED_CONTENT',
      `unsupported ISO 20022 message: expected BkToCstmrStmt (camt.053) or BkToCstmrAcctRpt (camt.052) in ${document.path}`,
      { element: document.path },
    );
  }
  const items = container.element.children(container.item);
  if (items.length === 0) {
    throw malformed(`the ${container.name} message holds no <${container.item}>: nothing to import`, container.element.path);
  }
  const warnings: ParseWarning[] = [];
  const statements = items.map((item) => parseStatementElement(item, options, warnings));
  makeIdsUnique(statements.flatMap((s) => s.transactions));
  return { format: 'camt', statements, warnings };
}
