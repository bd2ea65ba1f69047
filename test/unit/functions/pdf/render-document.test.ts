import { inflateSync } from 'node:zlib';
import { extractText, getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PRINT_TEMPLATE, type PrintTemplate } from '../../../../domain/printing/print-template.ts';
import type { PrintableDocument } from '../../../../domain/printing/printable-document.ts';
import { renderDocument } from '../../../../functions/adapters/pdf/render-document.ts';
import { sampleQuote } from '../../../support/printable-documents.ts';
import { sampleLogo } from '../../../support/png.ts';

/** Each page's text, whitespace collapsed (the extractor turns no-break spaces into spaces). */
async function pagesOf(pdf: Uint8Array): Promise<string[]> {
  // A copy: pdf.js takes the buffer it reads.
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: false });
  return text.map((page) => page.replace(/\s+/g, ' ').trim());
}

/** Without any whitespace: a wrapped description or code reads back whole. */
const squashed = (text: string) => text.replace(/\s+/g, '');

const render = (document: PrintableDocument = sampleQuote(), template: PrintTemplate = DEFAULT_PRINT_TEMPLATE) => renderDocument(document, template);

const occurrences = (text: string, part: string) => text.split(part).length - 1;

/** The PDF's font and image objects are plain dictionaries; its content streams are deflated. */
const latin1 = (pdf: Uint8Array) => Buffer.from(pdf).toString('latin1');
const embeddedFonts = (pdf: Uint8Array) => [...new Set([...latin1(pdf).matchAll(/\/BaseFont \/[A-Z]{6}\+([\w-]+)/g)].map((match) => match[1]))].sort();
function contentStreams(pdf: Uint8Array): string {
  const bytes = Buffer.from(pdf);
  const streams: string[] = [];
  for (const match of latin1(pdf).matchAll(/\/Filter \/FlateDecode[^]*?stream\n/g)) {
    const start = match.index + match[0].length;
    const end = latin1(pdf).indexOf('\nendstream', start);
    try {
      streams.push(inflateSync(bytes.subarray(start, end)).toString('latin1'));
    } catch {
      // A font file, not a content stream.
    }
  }
  return streams.join('\n');
}

describe('a quote as PDF', () => {
  it('names the document, its revision, dates, agent and references, the recipient and the delivery address', async () => {
    const [first] = await pagesOf(await render());
    for (const text of [
      'Devis',
      'N° Q-2027-000123 · révision 2',
      'Date : 15 mars 2027',
      'Valable jusqu’au : 14 avril 2027',
      'Votre demande : RFQ-2027-118',
      'Projet : Rénovation du fournil',
      'Votre contact : Julien Martin j.martin@aciers-du-rhone.fr 06 11 22 33 44',
      'Aciers du Rhône 12 quai Rambaud 69002 Lyon Tél. 04 72 00 12 34 ventes@aciers-du-rhone.fr www.aciers-du-rhone.fr',
      'DESTINATAIRE Boulangerie Dupont À l’attention de Mme Anne Dupont 1 rue de la Paix 75002 Paris anne@dupont.fr Code client : C-00042 N° TVA : FR40303265045',
      'ADRESSE DE LIVRAISON Boulangerie Dupont — Fournil 8 rue du Four Cour intérieure, porte B 75006 Paris Tél. 01 23 45 67 89',
    ]) {
      expect(first).toContain(text);
    }
    const [english] = await pagesOf(await render(sampleQuote({ language: 'en', version: 1 })));
    expect(english).toContain('Quotation No. Q-2027-000123 Date: 15 March 2027 Valid until: 14 April 2027');
    expect(english).not.toContain('revision');
    expect(english).toContain('CUSTOMER Boulangerie Dupont For the attention of Mme Anne Dupont');
  });

  it('prints every line: each item with its code, description, quantity, unit, price, discounts, amount and rate; sections and comments', async () => {
    const document = sampleQuote();
    const text = (await pagesOf(await render(document))).join(' ');
    for (const line of document.lines) {
      if (line.kind === 'section') expect(text).toContain(line.title);
      if (line.kind === 'comment') expect(text).toContain(line.text);
    }
    const lines = squashed(text);
    for (const line of document.lines.filter((line) => line.kind === 'item')) expect(lines).toContain(squashed(line.description));
    expect(text).toContain('PLATE-10 Tôle larmée aluminium 1 500 × 3 000 mm, épaisseur 3/4,5 mm, pour marches et paliers 4 pce 312,00 € 10 % 5 % 1 067,04 € 20 %');
    expect(text).toContain('TUBE-SQ-40 Tube carré 40 × 40 × 2 mm, galvanisé à chaud 36,5 m 7,92 € 289,08 € 20 %');
    expect(text).toContain('Cheville chimique M10 pour béton fissuré 60 pce 2,175 € 130,50 € 20 %');
  });

  it('totals the document in French: lines, discount, transport, net, VAT, gross, and the VAT per rate', async () => {
    const text = (await pagesOf(await render())).join(' ');
    expect(text).toContain('Taux de TVA Base HT Montant TVA 20 % 8 825,57 € 1 765,11 € 10 % 1 484,10 € 148,41 €');
    expect(text).toContain('Total des lignes HT 10 540,90 € Remise fidélité 3 % -316,23 € Transport 85,00 € Total HT 10 309,67 € TVA 1 913,52 € Total TTC 12 223,19 €');
  });

  it('totals the document in English, and says when transport is free', async () => {
    const document = sampleQuote({ language: 'en' });
    const text = (await pagesOf(await render({ ...document, transport: { amount: '0.00', waived: true } }))).join(' ');
    expect(text).toContain('VAT rate Taxable amount VAT amount 20% €8,825.57 €1,765.11 10% €1,484.10 €148.41');
    expect(text).toContain('Lines total €10,540.90 Loyalty discount 3% -€316.23 Transport free of charge Total excl. VAT €10,309.67 VAT €1,913.52 Total incl. VAT €12,223.19');
    expect(text).toContain('Amount VAT WELD-SRV');
  });

  it('words the terms: payment, early-payment discount, Incoterm with its place, validity; then the notes and the signature block', async () => {
    const french = (await pagesOf(await render())).join(' ');
    expect(french).toContain(
      'Conditions Règlement : 30 jours fin de mois, par virement. Livraison : DAP Paris (Incoterms® 2020) Offre valable jusqu’au 14 avril 2027. Remarques Livraison en matinée uniquement',
    );
    expect(french).toContain('Bon pour accord Date : Nom et qualité : Signature et cachet :');
    const document = sampleQuote({ language: 'en' });
    const english = (
      await pagesOf(
        await render({ ...document, terms: { payment: { netDays: 45, endOfMonth: false, method: 'direct_debit', earlyPaymentDiscount: { rate: '2', withinDays: 10 } }, delivery: { incoterm: 'EXW' } } }),
      )
    ).join(' ');
    expect(english).toContain('Terms Payment: 45 days, by direct debit. 2% discount for payment within 10 days. Delivery: EXW (Incoterms® 2020) This quotation is valid until 14 April 2027.');
    expect(english).toContain('Agreed and accepted Date: Name and position: Signature and company stamp:');
    const onReceipt = (await pagesOf(await render({ ...sampleQuote(), terms: { payment: { netDays: 0, endOfMonth: false, method: 'cash' } } }))).join(' ');
    expect(onReceipt).toContain('Règlement : à réception, en espèces.');
  });

  it('carries the legal mentions and the page number in the footer of every page, in French and in English', async () => {
    const french = await pagesOf(await render());
    expect(french).toHaveLength(2);
    french.forEach((page, i) => {
      expect(page).toContain('Aciers du Rhône · SAS au capital de 150 000 € · RCS Lyon 552 100 554 · N° TVA : FR45552100554');
      expect(page).toContain('IBAN FR76 3000 6000 0112 3456 7890 189 · BIC AGRIFRPP');
      expect(page).toContain(
        'En cas de retard de paiement, pénalités au taux de trois fois le taux d’intérêt légal et indemnité forfaitaire pour frais de recouvrement de 40 € (art. L441-10 du Code de commerce). Pas d’escompte pour paiement anticipé.',
      );
      expect(page).toContain(`Page ${i + 1} / 2`);
    });
    const english = await pagesOf(await render(sampleQuote({ language: 'en' })));
    for (const page of english) {
      expect(page).toContain(
        'Late payment: penalties at three times the French legal interest rate and a fixed recovery fee of €40 (art. L441-10 of the French Commercial Code). No discount for early payment.',
      );
      expect(page).toContain('VAT no.: FR45552100554');
    }
  });

  it('leaves out "no discount for early payment" when there is one, the French penalties for a seller abroad, and what the seller lacks', async () => {
    const quote = sampleQuote();
    const withDiscount = await pagesOf(await render({ ...quote, terms: { payment: { ...quote.terms.payment!, earlyPaymentDiscount: { rate: '1.5', withinDays: 8 } } } }));
    expect(withDiscount.join(' ')).toContain('Escompte de 1,5 % pour paiement sous 8 jours.');
    expect(withDiscount.join(' ')).not.toContain('Pas d’escompte');
    const { iban: _iban, bic: _bic, registrationCity: _city, ...belgian } = quote.seller;
    const abroad = (await pagesOf(await render({ ...quote, seller: { ...belgian, countryCode: 'BE', siren: '0123456789'.slice(1) } }))).join(' ');
    expect(abroad).not.toContain('pénalités');
    expect(abroad).not.toContain('IBAN');
    expect(abroad).toContain('SIREN 123 456 789');
    // The recipient now lives abroad: every address names its country.
    expect(abroad).toContain('69002 Lyon BELGIQUE');
    expect(abroad).toContain('75002 Paris FRANCE');
  });

  it('spreads a long quote over pages, the table header once on each, "Page n / N" on each', async () => {
    const pages = await pagesOf(await render(sampleQuote({ lines: 120 })));
    expect(pages.length).toBeGreaterThanOrEqual(5);
    pages.forEach((page, i) => {
      // The last page too: its lines end above the totals.
      expect(occurrences(page, 'Code Désignation Qté Unité P.U. HT Remise Montant HT TVA'), `page ${i + 1}`).toBe(1);
      expect(page).toContain(`Page ${i + 1} / ${pages.length}`);
      if (i > 0) expect(page).toContain('Devis N° Q-2027-000123 · révision 2 — Boulangerie Dupont 15 mars 2027');
    });
  });

  it('splits a line taller than a page through its description, and prints all of it', async () => {
    const document = sampleQuote({ lines: 8 });
    const long = Array.from({ length: 180 }, (_, i) => `phrase${i} de la spécification détaillée,`).join(' ');
    const lines = document.lines.map((line, i) => (i === 2 && line.kind === 'item' ? { ...line, description: long } : line));
    const pages = await pagesOf(await render({ ...document, lines }));
    expect(pages.length).toBeGreaterThanOrEqual(3);
    // Every phrase once, in order, the other cells of the line on its first page.
    const phrases = [...pages.join(' ').matchAll(/phrase(\d+) de la spécification détaillée,/g)].map((match) => Number(match[1]));
    expect(phrases).toEqual(Array.from({ length: 180 }, (_, i) => i));
    expect(pages[0]).toMatch(/PLATE-10 phrase0 .* 4 pce 312,00 € 10 % 5 % 1 067,04 € 20 %/);
    pages.slice(1).forEach((page) => expect(page).toContain('Code Désignation Qté'));
  });

  it('shows only the columns of the template, in its order', async () => {
    const template = { ...DEFAULT_PRINT_TEMPLATE, columns: ['description', 'quantity', 'amount'] as PrintTemplate['columns'] };
    const text = (await pagesOf(await render(sampleQuote(), template))).join(' ');
    expect(text).toContain('Désignation Qté Montant HT Structure et ossature Tube carré 40 × 40 × 2 mm, galvanisé à chaud 36,5 289,08 €');
    for (const hidden of ['P.U. HT', 'Unité', 'TUBE-SQ-40', 'PLATE-10', '7,92 €', '312,00 €', ' pce ']) expect(text).not.toContain(hidden);
    const withCustomerCodes = (await pagesOf(await render(sampleQuote(), { ...DEFAULT_PRINT_TEMPLATE, columns: ['customerCode', 'description', 'amount'] }))).join(' ');
    expect(withCustomerCodes).toContain('Votre réf. Désignation Montant HT');
    expect(withCustomerCodes).toContain('DUP-VIS-12 Boulon tête hexagonale M12 × 40, classe 8.8, zingué (boîte de 100) 86,70 €');
  });

  it('fits every column header on one line, in both languages and both fonts', async () => {
    const columns = ['code', 'customerCode', 'description', 'quantity', 'unit', 'unitPrice', 'discount', 'amount', 'vatRate'] as const;
    for (const font of ['dejavu-sans', 'dejavu-serif'] as const) {
      const template = { ...DEFAULT_PRINT_TEMPLATE, font, columns: [...columns] };
      expect((await pagesOf(await render(sampleQuote(), template)))[0]).toContain('Code Votre réf. Désignation Qté Unité P.U. HT Remise Montant HT TVA');
      expect((await pagesOf(await render(sampleQuote({ language: 'en' }), template)))[0]).toContain('Code Your ref. Description Qty Unit Unit price Discount Amount VAT');
    }
  });

  it('uses the template font and colours', async () => {
    const sans = await render();
    expect(embeddedFonts(sans)).toEqual(['DejaVuSans', 'DejaVuSans-Bold', 'DejaVuSans-Oblique']);
    const serif = await render(sampleQuote(), { ...DEFAULT_PRINT_TEMPLATE, font: 'dejavu-serif', colors: { primary: '#7a1f3d', text: '#222222', muted: '#7a7a7a' } });
    expect(embeddedFonts(serif)).toEqual(['DejaVuSerif', 'DejaVuSerif-Bold', 'DejaVuSerif-Italic']);
    const primary = `${[0x7a, 0x1f, 0x3d].map((value) => value / 255).join(' ')} scn`;
    expect(contentStreams(serif)).toContain(primary);
    expect(contentStreams(sans)).not.toContain(primary);
  });

  it('embeds the logo as an image, and prints the texts of the template', async () => {
    expect(latin1(await render())).not.toContain('/Subtype /Image');
    const template: PrintTemplate = {
      ...DEFAULT_PRINT_TEMPLATE,
      logo: { contentType: 'image/png', data: sampleLogo().toString('base64') },
      headerText: 'Certifié ISO 9001',
      footerText: 'Merci de votre confiance.',
      terms: 'Article 1 — Les présentes conditions s’appliquent à toute commande.',
      showSignatureBlock: false,
    };
    const pdf = await render(sampleQuote(), template);
    expect(latin1(pdf)).toMatch(/\/Type \/XObject\s*\/Subtype \/Image[^]*?\/Width 300\s*\/Height 90/);
    const pages = await pagesOf(pdf);
    expect(pages[0]).toContain('Certifié ISO 9001');
    for (const page of pages) expect(page).toContain('Merci de votre confiance. Aciers du Rhône · SAS');
    expect(pages.join(' ')).toContain('Conditions générales Article 1 — Les présentes conditions s’appliquent à toute commande.');
    expect(pages.join(' ')).not.toContain('Bon pour accord');
  });

  it('gives the same bytes for the same document and template', async () => {
    const [once, twice] = [await render(), await render()];
    expect(Buffer.from(once).equals(Buffer.from(twice))).toBe(true);
    // The creation date, an object of its own, is the issue date.
    expect(latin1(once)).toContain('\n(D:20270315000000Z)\n');
    const other = await render({ ...sampleQuote(), issueDate: '2027-03-16' });
    expect(Buffer.from(other).equals(Buffer.from(once))).toBe(false);
  });
});
