export type PaymentMethod =
  | 'card'
  | 'card_refund'
  | 'direct_debit'
  | 'transfer_in'
  | 'transfer_out'
  | 'transfer'
  | 'atm'
  | 'fee'
  | 'loan'
  | 'interest'
  | 'cheque'
  | 'cheque_deposit'
  | 'cash_deposit'
  | 'unknown';

export interface NormalizedLabel {
  /** Upper case, accents removed, punctuation turned to spaces, single-spaced: what `contains`/`regex` rules see. */
  text: string;
  /** Payment method read from the label's prefix (`CB`, `PRLV SEPA`, `CARD PAYMENT TO`, `RETRAIT DAB`...). */
  method: PaymentMethod;
  /** Label without the method prefix, card numbers, dates, times and references: counterparty and memo. */
  body: string;
  tokens: string[];
  /** Best guess at who was paid or who paid (may be empty). */
  counterparty: string;
}

const V = '(?:VIR(?:EMENT)?\\.?(?:\\s+(?:SEPA|INST(?:ANTANE)?|EUROPEEN|INTERNATIONAL|PERMANENT|WEB|INTERNE|CPTE A CPTE|SEPA INST))*)';

// Order matters: the first family whose prefix matches wins (e.g. "INTEREST CHARGED" is a fee, not interest).
const METHOD_PREFIXES: Array<[PaymentMethod, string[]]> = [
  ['card_refund', [
    '(?:AVOIR|REMBOURSEMENT|REMB\\.?|RBT|ANNULATION|RETOUR)\\s+(?:PAIEMENT\\s+)?(?:CB|CARTE)', 'AVOIR', 'CARD REFUND', 'POS REFUND',
    'VIS REFUND', 'REFUND FROM', 'REFUND', 'PURCHASE RETURN', 'CREDIT VOUCHER',
  ]],
  ['cheque_deposit', [
    'REMISE\\s+(?:DE\\s+)?(?:CHEQUES?|CHQS?)', 'REM\\.?\\s*CHQS?', 'DEPOT\\s+(?:DE\\s+)?CHEQUES?', 'CHEQUE DEPOSIT', 'CHECK DEPOSIT',
    'MOBILE (?:CHECK |CHEQUE )?DEPOSIT', 'COUNTER CREDIT',
  ]],
  ['cash_deposit', ['VERSEMENT\\s+(?:D\\s+)?ESP(?:ECES)?', 'DEPOT\\s+(?:D\\s+)?ESPECES', 'CASH DEPOSIT', 'CASH IN']],
  ['atm', [
    'RETRAIT(?:\\s+(?:DAB|GAB|DISTRIBUTEUR|CB|ESPECES|CARTE|D ESPECES))*', 'RET\\.?\\s*(?:DAB|GAB)', 'DAB', 'ATM(?:\\s+(?:WITHDRAWAL|CASH|WDL))?',
    'CASH WITHDRAWAL', 'CASH MACHINE', 'CASHPOINT', 'CPT', 'LINK ATM', 'WITHDRAWAL', 'WDL',
  ]],
  ['fee', [
    'FRAIS(?:\\s+BANCAIRES)?(?!\\s+(?:DE\\s+|D\\s+)?(?:SCOLARITE|INSCRIPTION|GARDE|CANTINE))', 'COMMISSIONS?', 'COM\\.?\\s+(?:INTERVENTION|TENUE|CB|CARTE)', 'AGIOS', 'INT(?:ERETS|\\.)?\\s+DEBITEURS',
    'COTIS(?:ATION|\\.)?\\s+(?:CARTE|CB|VISA|MASTERCARD|OFFRE|PACK|FORMULE|COMPTE|BANCAIRE|SERVICE|ESPRIT|EUROCOMPTE|JAZZ|SOBRIO|PREMIER|GOLD)',
    'ABONNEMENT\\s+(?:OFFRE|FORMULE|PACK|BANCAIRE|COMPTE)', 'OFFRE GROUPEE', 'TENUE DE COMPTE', 'MINIMUM CHARGE',
    'UNARRANGED OVERDRAFT', 'OVERDRAFT(?:\\s+(?:FEE|CHARGE|INTEREST|USAGE))?', 'MONTHLY (?:ACCOUNT |MAINTENANCE |SERVICE )?FEE',
    'ACCOUNT FEE', 'SERVICE CHARGE', 'NON[- ]?STERLING(?:\\s+(?:TRANSACTION|CASH))?(?:\\s+FEE)?', 'FOREIGN (?:TRANSACTION|EXCHANGE) FEE',
    'INTEREST CHARGED', 'DEBIT INTEREST', 'PAID ITEM FEE', 'RETURNED ITEM FEE', 'FEES?', 'BANK CHARGES?',
  ]],
  ['loan', [
    'ECH(?:EANCE|\\.)?\\s*(?:PRET|CREDIT)', 'REMB(?:OURSEMENT|T|\\.)?\\s+(?:DE\\s+)?(?:PRET|CREDIT)', 'PRET IMMO(?:BILIER)?',
    'LOAN(?:\\s+(?:REPAYMENT|PAYMENT|PMT))?', 'MORTGAGE(?:\\s+(?:PAYMENT|PMT))?',
  ]],
  ['interest', [
    'INT(?:ERETS?|\\.)?\\s+(?:CREDITEURS|ACQUIS|ANNUELS|CAPITALISES)', 'INTERETS?(?:\\s+(?:LIVRET|LDDS?|PEL|CEL))?',
    'REMUNERATION\\s+(?:LIVRET|COMPTE|EPARGNE)', 'INTEREST(?:\\s+(?:PAID|EARNED|CREDIT))?', 'GROSS INTEREST', 'CREDIT INTEREST',
    'NET INTEREST', 'DIVIDENDES?', 'DIVIDENDS?',
  ]],
  ['transfer_in', [
    `${V}\\s+(?:RECUS?|EN VOTRE FAVEUR|ENTRANT|CREDITEUR|RE|DE)`, 'FASTER PAYMENTS?\\s+(?:RECEIVED|RECEIPT|IN)(?:\\s+FROM)?', 'FPI',
    'BGC', 'BANK GIRO CREDIT', 'BACS(?:\\s+CREDIT)?', 'CR', 'CREDIT FROM', 'TRANSFER FROM', 'PAYMENT FROM', 'TOP[- ]?UP(?:\\s+BY)?',
    'DIRECT DEP(?:OSIT)?', 'DIR DEP', 'ACH CREDIT', 'ZELLE (?:PAYMENT )?FROM', 'INCOMING (?:TRANSFER|PAYMENT)(?:\\s+FROM)?',
  ]],
  ['transfer_out', [
    `${V}\\s+(?:EMIS|EMIS VERS|SORTANT|DEBITEUR|VERS|POUR|A)`, 'FASTER PAYMENTS?\\s+(?:SENT|OUT|TO)(?:\\s+TO)?', 'FPO', 'SO', 'STO',
    'STANDING ORDER(?:\\s+TO)?', 'TRANSFER TO', 'TFR TO', 'BILL PAYMENT(?:\\s+TO)?', 'BP', 'OBP', 'ZELLE (?:PAYMENT )?TO',
    'ONLINE TRANSFER TO', 'OUTGOING (?:TRANSFER|PAYMENT)(?:\\s+TO)?',
  ]],
  ['direct_debit', [
    'PRLV(?:\\s+SEPA)?', 'PRELEVEMENT(?! A LA SOURCE)(?:\\s+(?:SEPA|EUROPEEN|EUR|DE))*', 'PRELEV', 'PRLVT', 'PRL', 'DIRECT DEBIT(?:\\s+PAYMENT)?(?:\\s+TO)?',
    'DDR', 'DD', 'D/D', 'ACH DEBIT', 'ACH WITHDRAWAL', 'ACH PMT',
  ]],
  ['transfer', [V, 'TFR', 'TRF', 'INTERNAL TRANSFER', 'TRANSFER', 'FASTER PAYMENTS?', 'FP']],
  ['card', [
    'PAIEMENT\\s+(?:PAR\\s+)?(?:CB|CARTE)(?:\\s+BANCAIRE)?', 'PAIEMENT\\s+(?:PSC|SANS CONTACT)', 'ACHAT\\s+(?:PAR\\s+)?(?:CB|CARTE)',
    'FACTURE\\s+(?:CARTE|CB)', 'FACT\\.?\\s+CB', 'CARTE BANCAIRE', 'CB', 'C\\.B\\.', 'CARTE', 'ACHAT', 'PAIEMENT',
    'CARD PAYMENT(?:\\s+TO)?', 'CARD PURCHASE', 'DEBIT CARD PURCHASE', 'DEBIT CARD', 'POS(?:\\s+(?:DEBIT|PURCHASE|TRANSACTION))?',
    'VIS', 'VISA(?:\\s+(?:PURCHASE|DEBIT))?', 'DEB', 'CONTACTLESS(?:\\s+PAYMENT)?', 'CHECKCARD', 'CHECK CARD', 'MASTERCARD(?:\\s+PAYMENT)?',
    'PURCHASE', 'APPLE PAY', 'GOOGLE PAY',
  ]],
  ['cheque', ['CHEQUE(?:\\s+N)?', 'CHQ', 'CHECK']],
];

const METHOD_PATTERNS: Array<[PaymentMethod, RegExp]> = METHOD_PREFIXES.map(([method, prefixes]) => [
  method,
  new RegExp(`^(?:${[...prefixes].sort((a, b) => b.length - a.length).join('|')})(?![A-Z0-9])[\\s:*.-]*`),
]);

const MONTH = 'JANV?|JANVIER|JANUARY|FEVR?|FEVRIER|FEB|FEBRUARY|MARS?|MARCH|AVR|AVRIL|APR|APRIL|MAI|MAY|JUIN|JUNE?|JUIL|JUILLET|JUL|JULY|AOUT?|AUG|AUGUST|SEPT?|SEPTEMBRE|SEPTEMBER|OCT|OCTOBRE|OCTOBER|NOV|NOVEMBRE|NOVEMBER|DEC|DECEMBRE|DECEMBER';

const NOISE: RegExp[] = [
  /\b(?:ECH|MDT|REF|RUM|ID EMETTEUR|ID|NPY|IBE|NBE|ICS|IID|DATE|NUM)\/\S*/g,
  /\b\d{4}-\d{2}-\d{2}(?:T[\d:.]+Z?)?\b/g,
  /\b\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?\b/g,
  new RegExp(`\\b\\d{1,2}\\s?(?:${MONTH})(?:\\s?\\d{2,4})?\\b`, 'g'),
  /\b\d{1,2}[H:]\d{2}(?::\d{2})?\b/g,
  /\b(?:CARTE|CARD|CB)\s*(?:NUMERO|NUM|NO|N)?\.?\s*[X*]*\d[\dX*]{3,18}\b/g,
  /\b(?:CARTE|CARD|CB)\s*(?:NUMERO|NUM|NO|N)\.?\s*[X*\d]+/g,
  /(?<![A-Z0-9])[X*]{1,12}\d{4}\b/g,
  /\b\d{4,6}[X*]{4,}\d{2,4}\b/g,
  /\bDU \d{6,8}\b/g,
  /\b(?:SQ|SQU|SUMUP|SUM UP|SP|IZ|IZETTLE|ZTL|TST|PP|PAYPAL|SMP|CRV|PAYPLUG|STRIPE|LYF|WWW)\s?\*/g,
];

const FIELD_KEY =
  /(?<=^|\s)(?:\/\s?)?(LIB|MOTIF|DE|BEN)\/|(?<=^|\s)\/\s?(DE|FRM|FROM|BEN|BENEF|MOTIF|LIB|REF|REFERENCE|ECH|MDT|RUM|NPY|IBE|NBE|ICS|INF|IID|ID EMETTEUR)(?![A-Z0-9])[\s:]*|(?<=^|\s)(DE|MOTIF|REF|REFERENCE|ID EMETTEUR|ID|MDT|LIB|LIBELLE|BENEF|BENEFICIAIRE|POUR|RUM|ECHEANCE|ECH|NUM|FROM|TO|MANDAT)\s?:\s*/g;

const PARTY_KEYS = new Set(['DE', 'FRM', 'FROM', 'BEN', 'BENEF', 'BENEFICIAIRE', 'POUR', 'TO']);
const MEMO_KEYS = new Set(['MOTIF', 'LIB', 'LIBELLE']);
const DROPPED_TOKENS = new Set(['SEPA', 'EUR', 'EURO', 'EUROS', 'GBP', 'USD', 'CHF']);
const LEADING_STOPWORDS = new Set(['DE', 'DU', 'DES', 'VERS', 'POUR', 'FROM', 'TO', 'PAR', 'A', 'AU', 'ON', 'AT']);
const TRAILING_STOPWORDS = new Set(['ON', 'LE', 'DU', 'AT', 'A', 'FACT', 'DE', 'LOC', 'LOCAL']);

/** Upper case, accents and ligatures folded, apostrophes and whitespace runs turned into single spaces. */
export function foldLabel(label: string): string {
  return label
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/Œ/gi, 'OE')
    .replace(/Æ/gi, 'AE')
    .replace(/ß/g, 'SS')
    .toUpperCase()
    .replace(/['’`´]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function toTokens(text: string): string[] {
  return text
    .replace(/\+/g, ' PLUS ')
    .replace(/[^A-Z0-9]+/g, ' ')
    .split(' ')
    .filter((t) => t !== '' && !/^\d+$/.test(t) && !(/\d/.test(t) && t.length > 4) && !DROPPED_TOKENS.has(t));
}

function trimStopwords(tokens: string[]): string[] {
  let start = 0;
  let end = tokens.length;
  while (start < end && LEADING_STOPWORDS.has(tokens[start]!)) start++;
  while (end > start && TRAILING_STOPWORDS.has(tokens[end - 1]!)) end--;
  return tokens.slice(start, end);
}

/** Tokens of a field's text; a reference field (`REF`, `ECH`, `ID`...) loses its value, the word printed right after the key (if noise took it, nothing more). */
function fieldTokens(key: string, text: string): string[] {
  const isReference = key !== '' && !PARTY_KEYS.has(key) && !MEMO_KEYS.has(key);
  return toTokens(isReference ? text.replace(/^\S+/, '') : text);
}

export function detectMethod(folded: string): { method: PaymentMethod; rest: string } {
  for (const [method, pattern] of METHOD_PATTERNS) {
    const match = pattern.exec(folded);
    if (match) return { method, rest: folded.slice(match[0].length) };
  }
  return { method: 'unknown', rest: folded };
}

export function normalizeLabel(label: string): NormalizedLabel {
  const folded = foldLabel(label);
  const { method, rest } = detectMethod(folded);
  let cleaned = ` ${rest} `;
  for (const pattern of NOISE) cleaned = cleaned.replace(pattern, ' ');

  const segments: Array<{ key: string; tokens: string[] }> = [];
  let key = '';
  let last = 0;
  for (const match of cleaned.matchAll(FIELD_KEY)) {
    segments.push({ key, tokens: fieldTokens(key, cleaned.slice(last, match.index)) });
    key = (match[1] ?? match[2] ?? match[3])!;
    last = match.index + match[0].length;
  }
  segments.push({ key, tokens: fieldTokens(key, cleaned.slice(last)) });

  for (const segment of segments) segment.tokens = trimStopwords(segment.tokens);
  const tokens = segments.flatMap((s) => s.tokens);
  const party =
    segments.find((s) => PARTY_KEYS.has(s.key) && s.tokens.length > 0) ??
    segments.find((s) => s.key === '' && s.tokens.length > 0) ??
    segments.find((s) => MEMO_KEYS.has(s.key) && s.tokens.length > 0);

  return {
    text: folded.replace(/[^A-Z0-9]+/g, ' ').trim(),
    method,
    body: tokens.join(' '),
    tokens,
    counterparty: (party?.tokens ?? []).slice(0, 5).join(' '),
  };
}
