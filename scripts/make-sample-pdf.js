// Writes samples/releve-2024-06.pdf: a French current-account statement laid out as Crédit Mutuel/CIC prints them
// (see libs/statement-parser/layouts/credit-mutuel-cic.json), invented account and amounts. Run: node scripts/make-sample-pdf.js
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { writeFileSync } from 'node:fs';

const rows = [
  ['03/06/2024', ['CARTE 4971XXXX1234 01/06', 'CARREFOUR MARKET PARIS 11'], '84,37', ''],
  ['03/06/2024', ['VIR SEPA RECU /DE ACME SAS', '/MOTIF SALAIRE MAI 2024'], '', '2.850,00'],
  ['05/06/2024', ['PRLV SEPA LOYER SCI DES LILAS', 'REF LOYER-2024-06'], '920,00', ''],
  ['07/06/2024', ['PRLV SEPA FREE MOBILE', 'FM-2024-06-0071'], '19,99', ''],
  ['10/06/2024', ['CARTE 4971XXXX1234 08/06', 'TOTALENERGIES STATION 75'], '62,10', ''],
  ['12/06/2024', ['PRLV SEPA EDF CLIENTS PARTICULIERS'], '74,00', ''],
  ['14/06/2024', ['CARTE 4971XXXX1234 13/06', 'NETFLIX.COM'], '13,49', ''],
  ['18/06/2024', ['RETRAIT DAB 17/06 CM PARIS OPERA'], '60,00', ''],
  ['21/06/2024', ['CARTE 4971XXXX1234 20/06', 'LIDL PARIS 15'], '41,82', ''],
  ['24/06/2024', ['PRLV SEPA MAIF ASSURANCE HABITATION'], '28,50', ''],
  ['27/06/2024', ['CARTE 4971XXXX1234 26/06', 'PHARMACIE DU MARCHE'], '12,90', ''],
  ['28/06/2024', ['VIR SEPA RECU /DE CPAM PARIS', '/MOTIF REMBOURSEMENT SOINS'], '', '23,00'],
  ['30/06/2024', ['FRAIS TENUE DE COMPTE'], '2,00', ''],
];

const doc = await PDFDocument.create();
const font = await doc.embedFont(StandardFonts.Helvetica);
doc.setProducer('UTM2_ps2pdf');
doc.setTitle('Relevé de compte juin 2024 (exemple)');
let page;
const text = (x, y, s, size = 8, right = false) =>
  page.drawText(s, { x: right ? x - font.widthOfTextAtSize(s, size) : x, y: 842 - y, size, font });
const header = (y) => {
  text(40, y, 'Date'); text(95, y, 'Date valeur'); text(150, y, 'Opération');
  text(460, y, 'Débit euros', 8, true); text(540, y, 'Crédit euros', 8, true);
};
const footer = (n) => {
  text(40, 800, 'Exemple de relevé écrit pour ce projet - Banque Exemple - RCS Paris B 000 000 000 - ORIAS 00 000 000', 6);
  text(40, 810, `HT.20240701.063716.000042   0001 00012345601   Page ${n} / 2`, 6);
};

page = doc.addPage([595, 842]);
text(40, 40, 'BANQUE EXEMPLE PARIS OPERA', 12);
text(40, 56, 'RELEVE ET INFORMATIONS BANCAIRES', 10);
text(420, 56, '30 juin 2024', 10);
text(40, 90, '€ C/C EUROCOMPTE N° 00012345601 en euros', 9);
text(40, 102, 'TITULAIRE(S) : MME CAMILLE EXEMPLE');
text(40, 114, 'IBAN : FR76 0000 0000 0000 0123 4560 142');
header(140);
text(150, 154, 'SOLDE CREDITEUR AU 31/05/2024'); text(540, 154, '1.204,56', 8, true);
let y = 168;
let pageNumber = 1;
for (const [i, [date, label, debit, credit]] of rows.entries()) {
  if (i === 8) {
    footer(pageNumber++);
    page = doc.addPage([595, 842]);
    header(70);
    y = 86;
  }
  text(40, y, date); text(95, y, date); text(150, y, label[0]);
  if (debit) text(460, y, debit, 8, true);
  if (credit) text(540, y, credit, 8, true);
  for (const more of label.slice(1)) { y += 10; text(150, y, more); }
  y += 14;
}
text(150, y, 'Total des mouvements'); text(460, y, '1.319,17', 8, true); text(540, y, '2.873,00', 8, true);
text(150, y + 14, 'SOLDE CREDITEUR AU 30/06/2024'); text(540, y + 14, '2.758,39', 8, true);
footer(pageNumber);
writeFileSync(new URL('../samples/releve-2024-06.pdf', import.meta.url), await doc.save({ useObjectStreams: false }));
