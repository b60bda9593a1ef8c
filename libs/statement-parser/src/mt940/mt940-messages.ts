import { StatementParseError } from '../statement-parse.error.js';

export interface Mt940Field {
  /** `20`, `25`, `60F`, `61`, `86`, `NS`... */
  tag: string;
  /** Content, continuation lines joined with '\n'. */
  value: string;
  line: number;
}

export interface Mt940Message {
  fields: Mt940Field[];
  line: number;
  /** true when a `-` line ended the message. */
  terminated: boolean;
}

const TAG_LINE = /^:(\d{2,3}[A-Z]?|NS):(.*)$/;
const TRANSACTION_TAGS = new Set(['61', '86', '60F', '60M', '62F', '62M', '25', '28', '28C']);

/**
 * Splits an MT940 file into messages (one per `:20:`), ignoring the bank header lines, SWIFT block
 * wrappers and control bytes (SOH/ETX) some banks put around them.
 */
export function readMt940Messages(text: string): Mt940Message[] {
  const messages: Mt940Message[] = [];
  let message: Mt940Message | null = null;
  let field: Mt940Field | null = null;
  const lines = text.replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g, '').split(/\r\n|\r|\n/);
  lines.forEach((raw, i) => {
    const line = i + 1;
    let content = raw.replace(/^\uFEFF/, '');
    if (content.startsWith('{')) {
      const body = content.indexOf('{4:');
      if (body === -1) return;
      content = content.slice(body + 3);
    }
    const tag = TAG_LINE.exec(content);
    if (tag) {
      if (tag[1] === '20') {
        message = { fields: [], line, terminated: false };
        messages.push(message);
      }
      if (!message) {
        if (TRANSACTION_TAGS.has(tag[1]!)) {
          throw new StatementParseError('MALFORMED_DOCUMENT', `MT940: field :${tag[1]}: at line ${line} comes before any :20: statement header`, { line, element: `:${tag[1]}:` });
        }
        field = null;
        return;
      }
      field = { tag: tag[1]!, value: tag[2]!, line };
      message.fields.push(field);
    } else if (/^-[A-Z}]*(?:\{[0-9A-Z]:.*)?$/.test(content.trim())) {
      // The end of a message; a FIN file puts its trailer blocks on the same line (`-}{5:{CHK:…}}`).
      if (message) message.terminated = true;
      message = null;
      field = null;
    } else if (content.trim() !== '' && field) {
      field.value += `\n${content}`;
    }
  });
  return messages;
}
