import { Dec, roundToCurrency } from '../../domain/shared/money.ts';
import type { PrintableDocument, PrintableLine } from '../../domain/printing/printable-document.ts';

/**
 * Quotes to print, whose figures add up (computed here with decimal.js, as the domain would), so that a page a
 * reviewer looks at is credible: a French steel stockist quoting a bakery's workshop renovation.
 */

interface Item {
  readonly code: string;
  readonly description: string;
  readonly quantity: string;
  readonly unit: string;
  readonly unitPrice: string;
  readonly discounts?: readonly string[];
  readonly vatRate?: string;
  readonly customerCode?: string;
}

const CATALOGUE: readonly Item[] = [
  { code: 'BAR-STEEL-20', description: 'Barre acier S235 Ø20 mm, longueur 6 m', quantity: '12', unit: 'pce', unitPrice: '41.8500', discounts: ['10'] },
  { code: 'TUBE-SQ-40', description: 'Tube carré 40 × 40 × 2 mm, galvanisé à chaud', quantity: '36.5', unit: 'm', unitPrice: '7.92' },
  { code: 'PLATE-10', description: 'Tôle larmée aluminium 1 500 × 3 000 mm, épaisseur 3/4,5 mm, pour marches et paliers', quantity: '4', unit: 'pce', unitPrice: '312.00', discounts: ['10', '5'] },
  { code: 'ANGLE-50', description: 'Cornière à ailes égales 50 × 50 × 5 mm', quantity: '48', unit: 'm', unitPrice: '6.385' },
  { code: 'BOLT-M12', description: 'Boulon tête hexagonale M12 × 40, classe 8.8, zingué (boîte de 100)', quantity: '3', unit: 'box', unitPrice: '28.90', customerCode: 'DUP-VIS-12' },
  { code: 'WELD-SRV', description: 'Soudure sur site : main-d’œuvre d’un soudeur qualifié, déplacement compris dans un rayon de 50 km autour de l’agence', quantity: '7.5', unit: 'h', unitPrice: '68.00' },
  { code: 'PAINT-RAL', description: 'Peinture antirouille RAL 7016, pot de 2,5 l', quantity: '6', unit: 'pce', unitPrice: '54.2000' },
  { code: 'GRID-IND', description: 'Caillebotis pressé 30 × 30 mm, maille industrielle, 1 000 × 800 mm', quantity: '10', unit: 'pce', unitPrice: '96.50', discounts: ['5'] },
  { code: 'HANDRAIL', description: 'Main courante inox 316L Ø42,4 mm, finition brossée grain 240', quantity: '14.2', unit: 'm', unitPrice: '58.75' },
  { code: 'ANCHOR-M10', description: 'Cheville chimique M10 pour béton fissuré', quantity: '60', unit: 'pce', unitPrice: '2.1750', vatRate: '20' },
];

const SECTIONS = ['Structure et ossature', 'Escalier et garde-corps', 'Quincaillerie et finitions', 'Pose et main-d’œuvre'];

/** `count` lines: a section every ten, a comment now and then, items from the catalogue. */
function linesOf(count: number): PrintableLine[] {
  const lines: PrintableLine[] = [];
  for (let i = 0; lines.length < count; i++) {
    if (i % 10 === 0) lines.push({ kind: 'section', title: `${SECTIONS[(i / 10) % SECTIONS.length]}${i >= 40 ? ` (lot ${Math.floor(i / 40) + 1})` : ''}` });
    else if (i % 10 === 6) lines.push({ kind: 'comment', text: 'Délai indicatif : 3 semaines après acceptation du devis. Découpes à la demande sans supplément au-delà de 10 pièces.' });
    else {
      const item = CATALOGUE[i % CATALOGUE.length]!;
      const gross = new Dec(item.quantity).times(item.unitPrice);
      const net = (item.discounts ?? []).reduce((amount, rate) => amount.times(new Dec(100).minus(rate)).dividedBy(100), gross);
      lines.push({
        kind: 'item',
        code: item.code,
        ...(item.customerCode ? { customerCode: item.customerCode } : {}),
        description: item.description,
        quantity: item.quantity,
        unit: item.unit,
        unitPrice: item.unitPrice,
        discounts: item.discounts ?? [],
        amount: roundToCurrency(net, 'EUR'),
        vatRate: item.vatRate ?? (item.code === 'WELD-SRV' ? '10' : '20'),
      });
    }
  }
  return lines;
}

export interface SampleOptions {
  readonly lines?: number;
  readonly language?: PrintableDocument['language'];
  readonly version?: number;
}

/** A quote of `lines` lines (26 by default: two pages), with a document discount, transport and two VAT rates. */
export function sampleQuote(options: SampleOptions = {}): PrintableDocument {
  const lines = linesOf(options.lines ?? 26);
  const items = lines.filter((line) => line.kind === 'item');
  const linesTotal = items.reduce((sum, line) => sum.plus(line.amount), new Dec(0));
  const transport = new Dec('85.00');
  // The 3 % document discount is taken off each rate's lines; transport bears the standard rate.
  const rates = [...new Set(items.map((line) => line.vatRate))].sort().reverse();
  const byRate = rates.map((rate) => {
    const ofRate = items.filter((line) => line.vatRate === rate).reduce((sum, line) => sum.plus(line.amount), new Dec(0));
    const discount = new Dec(roundToCurrency(ofRate.times(3).dividedBy(100), 'EUR'));
    const base = ofRate.minus(discount).plus(rate === '20' ? transport : 0);
    return { rate, discount, base };
  });
  const discount = byRate.reduce((sum, rate) => sum.plus(rate.discount), new Dec(0));
  const vat = byRate.map(({ rate, base }) => ({ rate, base: base.toFixed(2), tax: roundToCurrency(base.times(rate).dividedBy(100), 'EUR') }));
  const net = vat.reduce((sum, rate) => sum.plus(rate.base), new Dec(0));
  const tax = vat.reduce((sum, rate) => sum.plus(rate.tax), new Dec(0));
  const language = options.language ?? 'fr';
  return {
    kind: 'quote',
    language,
    number: 'Q-2027-000123',
    version: options.version ?? 2,
    issueDate: '2027-03-15',
    validUntil: '2027-04-14',
    currency: 'EUR',
    seller: {
      name: 'Aciers du Rhône',
      legalForm: 'SAS au capital de 150 000 €',
      addressLines: ['12 quai Rambaud', '69002 Lyon'],
      countryCode: 'FR',
      siren: '552100554',
      registrationCity: 'Lyon',
      vatNumber: 'FR45552100554',
      phone: '04 72 00 12 34',
      email: 'ventes@aciers-du-rhone.fr',
      website: 'www.aciers-du-rhone.fr',
      iban: 'FR7630006000011234567890189',
      bic: 'AGRIFRPP',
    },
    recipient: {
      name: 'Boulangerie Dupont',
      attention: 'Mme Anne Dupont',
      addressLines: ['1 rue de la Paix', '75002 Paris'],
      countryCode: 'FR',
      vatNumber: 'FR40303265045',
      customerCode: 'C-00042',
      email: 'anne@dupont.fr',
    },
    deliveryAddress: { name: 'Boulangerie Dupont — Fournil', addressLines: ['8 rue du Four', 'Cour intérieure, porte B', '75006 Paris'], countryCode: 'FR', phone: '01 23 45 67 89' },
    agent: { name: 'Julien Martin', email: 'j.martin@aciers-du-rhone.fr', phone: '06 11 22 33 44' },
    references: [
      { label: language === 'fr' ? 'Votre demande' : 'Your request', value: 'RFQ-2027-118' },
      { label: language === 'fr' ? 'Projet' : 'Project', value: 'Rénovation du fournil' },
    ],
    lines,
    documentDiscounts: [{ label: language === 'fr' ? 'Remise fidélité 3 %' : 'Loyalty discount 3%', amount: discount.toFixed(2) }],
    transport: { amount: transport.toFixed(2), waived: false },
    vat,
    totals: {
      lines: linesTotal.toFixed(2),
      documentDiscounts: discount.toFixed(2),
      transport: transport.toFixed(2),
      net: net.toFixed(2),
      tax: tax.toFixed(2),
      gross: net.plus(tax).toFixed(2),
    },
    terms: {
      payment: { netDays: 30, endOfMonth: true, method: 'bank_transfer' },
      delivery: { incoterm: 'DAP', place: 'Paris' },
    },
    notes: 'Livraison en matinée uniquement (accès par la cour, hauteur limitée à 3,50 m). Merci de prévenir le fournil la veille.',
  };
}
