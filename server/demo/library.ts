import { Readable } from 'node:stream';
import type { Ability, Actor } from '../../policies/ability.ts';
import { pdfText } from '../features/library/pdf-text.ts';
import type { LibraryCreate } from '../features/library/schemas.ts';
import { addVersion, createDocument, type LibraryDeps } from '../features/library/service.ts';
import { DOCUMENT_TYPES } from '../platform/files/files.ts';
import { recordAttachments } from '../platform/items/attachments.ts';
import type { Services } from '../services.ts';
import { demoPdf } from './pdf.ts';

/** The demo library: a manual with its PDF (drawn by pdfkit), a guideline, a campaign link. All invented. */
export interface DemoLibraryCounts {
  libraryDocuments: number;
}

const manualPdf = () =>
  demoPdf('Manual de detección (demo)', 'Manual de detección de documentos fraudulentos', [
    '1. Sellos de entrada: compruebe la tinta reactiva bajo luz ultravioleta; un sello alterado no muestra fluorescencia.',
    '2. Sustitución de fotografía: revise el laminado y la microimpresión alrededor de la foto.',
    '3. Páginas de visado: la numeración de las páginas y la costura deben coincidir.',
  ]);

export async function fillLibrary(
  services: Pick<Services, 'db' | 'sealer' | 'keyring' | 'files'>,
  options: { now: Date; spaceId: string; author: { actor: Actor; ability: Ability } },
): Promise<DemoLibraryCounts> {
  const { db, sealer, keyring, files } = services;
  const deps: LibraryDeps = { db, sealer, keyring };
  const { now, spaceId, author } = options;
  const docs: LibraryCreate[] = [
    {
      spaceId,
      tlp: 'GREEN',
      title: { es: 'Manual de detección de documentos fraudulentos (demo)', en: 'Manual for detecting fraudulent documents (demo)' },
      summary: { es: 'Sellos, fotografías sustituidas y páginas de visado.', en: 'Stamps, substituted photographs and visa pages.' },
      docType: 'manual',
      country: author.actor.country as LibraryCreate['country'],
      year: now.getUTCFullYear(),
      language: 'es',
      tags: ['sellos', 'pasaportes'],
    },
    {
      spaceId,
      tlp: 'CLEAR',
      title: {
        es: 'Lineamientos para la atención de niñas, niños y adolescentes migrantes (demo)',
        en: 'Guidelines for assisting migrant children (demo)',
      },
      summary: { es: 'Documento regional de demostración.', en: 'A regional demo document.' },
      docType: 'guideline',
      year: now.getUTCFullYear() - 1,
      language: 'es',
      tags: ['niñez', 'protección'],
    },
    {
      spaceId,
      tlp: 'CLEAR',
      title: { es: 'Campaña Corazón Azul', en: 'Blue Heart Campaign' },
      summary: { es: 'Campaña contra la trata de personas.', en: 'A campaign against human trafficking.' },
      docType: 'campaign',
      language: 'es',
      tags: ['trata', 'campaña'],
      url: 'https://www.unodc.org/blueheart/',
    },
  ];
  let made = 0;
  for (const [i, body] of docs.entries()) {
    const item = await db.transaction().execute((trx) => createDocument(deps, trx, author.actor, author.ability, body, now));
    made++;
    if (i !== 0) continue;
    const pdf = await manualPdf();
    const pending = await files.ingest(spaceId, Readable.from([pdf]), DOCUMENT_TYPES, 'manual-deteccion.pdf');
    try {
      const text = await pdfText(pdf);
      await db.transaction().execute(async (trx) => {
        const [fileId] = await recordAttachments(
          trx,
          sealer,
          files,
          item,
          author.actor.id,
          [{ pending, name: 'manual-deteccion.pdf', caption: null }],
          now,
        );
        await addVersion(deps, trx, item, fileId!, text, author.actor.id, now);
      });
    } catch (err) {
      await files.discard(pending);
      throw err;
    }
  }
  return { libraryDocuments: made };
}
