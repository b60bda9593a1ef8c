// Synthetic statements of any size, one per format, whose balances reconcile: what the parse phase of the
// bench and the hostile-input tests feed the parsers. Amounts are integer cents, so sums stay exact.
const pad = (n, width) => String(n).padStart(width, '0');
const cents = (c) => `${c < 0 ? '-' : ''}${Math.floor(Math.abs(c) / 100)}.${pad(Math.abs(c) % 100, 2)}`;
const LABELS = ['CB CARREFOUR MARKET PARIS 15', 'PRLV SEPA EDF CLIENTS PARTICULIERS', 'VIR SEPA RECU ACME SAS SALAIRE', 'CB BOULANGERIE DU COIN', 'RETRAIT DAB BNP 75015'];

/** Row i: a date in 2024 and an amount in cents, the same for every format. */
function row(i) {
  const day = i % 365;
  const date = new Date(Date.UTC(2024, 0, 1 + day));
  const amount = i % 7 === 0 ? 250000 + (i % 1000) : -((i * 37) % 20000) - 1;
  return { iso: date.toISOString().slice(0, 10), date, amount, label: `${LABELS[i % LABELS.length]} ${pad(i, 7)}` };
}

function* rows(n) {
  // Chronological order, so a running balance reads forward.
  const all = [];
  for (let i = 0; i < n; i++) all.push(row(i));
  all.sort((a, b) => (a.iso < b.iso ? -1 : a.iso > b.iso ? 1 : 0));
  yield* all;
}

export function csvStatement(n) {
  const lines = ['Date;Libelle;Montant;Solde'];
  let balance = 100000;
  for (const r of rows(n)) {
    balance += r.amount;
    const [y, m, d] = r.iso.split('-');
    lines.push(`${d}/${m}/${y};${r.label};${cents(r.amount).replace('.', ',')};${cents(balance).replace('.', ',')}`);
  }
  return Buffer.from(lines.join('\n') + '\n', 'utf8');
}

export function camtStatement(n) {
  const parts = [];
  let total = 0;
  for (const r of rows(n)) total += r.amount;
  const opening = 100000;
  const bal = (code, amount, date) =>
    `<Bal><Tp><CdOrPrtry><Cd>${code}</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">${cents(Math.abs(amount))}</Amt><CdtDbtInd>${amount < 0 ? 'DBIT' : 'CRDT'}</CdtDbtInd><Dt><Dt>${date}</Dt></Dt></Bal>`;
  parts.push('<?xml version="1.0" encoding="UTF-8"?>\n<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt>');
  parts.push('<GrpHdr><MsgId>BENCH</MsgId><CreDtTm>2025-01-01T00:00:00</CreDtTm></GrpHdr>');
  parts.push(`<Stmt><Id>BENCH-1</Id><Acct><Id><IBAN>FR7630006000011234567890189</IBAN></Id><Ccy>EUR</Ccy></Acct>`);
  parts.push(bal('OPBD', opening, '2024-01-01'), bal('CLBD', opening + total, '2024-12-31'));
  let i = 0;
  for (const r of rows(n)) {
    i++;
    const debit = r.amount < 0;
    parts.push(
      `\n<Ntry><NtryRef>${i}</NtryRef><Amt Ccy="EUR">${cents(Math.abs(r.amount))}</Amt><CdtDbtInd>${debit ? 'DBIT' : 'CRDT'}</CdtDbtInd><Sts>BOOK</Sts>` +
        `<BookgDt><Dt>${r.iso}</Dt></BookgDt><ValDt><Dt>${r.iso}</Dt></ValDt><AcctSvcrRef>REF${pad(i, 9)}</AcctSvcrRef>` +
        `<BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>` +
        `<NtryDtls><TxDtls><Refs><EndToEndId>E2E${pad(i, 9)}</EndToEndId></Refs><RltdPties><${debit ? 'Cdtr' : 'Dbtr'}><Nm>${r.label}</Nm></${debit ? 'Cdtr' : 'Dbtr'}></RltdPties>` +
        `<RmtInf><Ustrd>Facture ${pad(i, 9)} du ${r.iso}</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>`,
    );
  }
  parts.push('\n</Stmt></BkToCstmrStmt></Document>\n');
  return Buffer.from(parts.join(''), 'utf8');
}

/** Entries needed for a CAMT of about `bytes` bytes. */
export function camtEntriesForBytes(bytes) {
  return Math.ceil(bytes / (camtStatement(100).length / 100));
}

export function ofxStatement(n) {
  const parts = ['OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\nSECURITY:NONE\nENCODING:USASCII\nCHARSET:1252\nCOMPRESSION:NONE\nOLDFILEUID:NONE\nNEWFILEUID:NONE\n\n'];
  parts.push('<OFX><SIGNONMSGSRSV1><SONRS><STATUS><CODE>0<SEVERITY>INFO</STATUS><DTSERVER>20250101000000<LANGUAGE>FRA</SONRS></SIGNONMSGSRSV1>');
  parts.push('<BANKMSGSRSV1><STMTTRNRS><TRNUID>1<STATUS><CODE>0<SEVERITY>INFO</STATUS><STMTRS><CURDEF>EUR<BANKACCTFROM><BANKID>30006<BRANCHID>00001<ACCTID>12345678901<ACCTTYPE>CHECKING</BANKACCTFROM>');
  parts.push('<BANKTRANLIST><DTSTART>20240101<DTEND>20241231');
  let i = 0;
  let total = 0;
  for (const r of rows(n)) {
    i++;
    total += r.amount;
    parts.push(`\n<STMTTRN><TRNTYPE>${r.amount < 0 ? 'DEBIT' : 'CREDIT'}<DTPOSTED>${r.iso.replace(/-/g, '')}<TRNAMT>${cents(r.amount)}<FITID>F${pad(i, 9)}<NAME>${r.label}<MEMO>Facture ${pad(i, 9)}</STMTTRN>`);
  }
  parts.push(`\n</BANKTRANLIST><LEDGERBAL><BALAMT>${cents(100000 + total)}<DTASOF>20241231</LEDGERBAL></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>\n`);
  return Buffer.from(parts.join(''), 'latin1');
}

export function qifStatement(n) {
  const parts = ['!Type:Bank\n'];
  for (const r of rows(n)) {
    const [y, m, d] = r.iso.split('-');
    parts.push(`D${m}/${d}/${y}\nT${cents(r.amount)}\nP${r.label}\nMFacture\n^\n`);
  }
  return Buffer.from(parts.join(''), 'utf8');
}

export function mt940Statement(n) {
  const swift = (iso) => iso.slice(2).replace(/-/g, '');
  const amount = (c) => cents(Math.abs(c)).replace('.', ',');
  let total = 0;
  const entries = [];
  for (const r of rows(n)) {
    total += r.amount;
    entries.push(`:61:${swift(r.iso)}${swift(r.iso).slice(2)}${r.amount < 0 ? 'D' : 'C'}${amount(r.amount)}NTRFNONREF\n:86:${r.label}\n`);
  }
  const opening = 100000;
  const closing = opening + total;
  return Buffer.from(
    `:20:BENCH\n:25:FR7630006000011234567890189\n:28C:1/1\n:60F:C240101EUR${amount(opening)}\n${entries.join('')}:62F:${closing < 0 ? 'D' : 'C'}241231EUR${amount(closing)}\n-\n`,
    'latin1',
  );
}

export const GENERATORS = { csv: csvStatement, camt: camtStatement, ofx: ofxStatement, qif: qifStatement, mt940: mt940Statement };
