import PDFDocument from 'pdfkit';

/** A small PDF whose pages hold the given lines of text (pdfkit), as a reader's tool would find them. */
export async function textPdf(lines: string[]): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', info: { Title: 'Enlace', Producer: 'Enlace', Creator: 'Enlace' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise((resolve) => doc.on('end', resolve));
  for (const line of lines) doc.fontSize(14).text(line);
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
