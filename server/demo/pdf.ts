import PDFDocument from 'pdfkit';

/** A demo PDF drawn by pdfkit: a heading, the demo notice, then one paragraph per line. All invented. */
export async function demoPdf(title: string, heading: string, lines: string[]): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', info: { Title: title, Producer: 'Enlace demo', Creator: 'Enlace demo' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise((resolve) => doc.on('end', resolve));
  doc.fontSize(20).text(heading);
  doc.moveDown().fontSize(12).text('Documento de demostración — contenido ficticio.');
  for (const line of lines) doc.moveDown().text(line);
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
