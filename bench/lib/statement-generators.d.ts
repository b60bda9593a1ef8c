export function csvStatement(n: number): Buffer;
export function camtStatement(n: number): Buffer;
export function camtEntriesForBytes(bytes: number): number;
export function ofxStatement(n: number): Buffer;
export function qifStatement(n: number): Buffer;
export function mt940Statement(n: number): Buffer;
export const GENERATORS: Record<'csv' | 'camt' | 'ofx' | 'qif' | 'mt940', (n: number) => Buffer>;
