import sharp, { type Sharp } from 'sharp';
import { Random } from './random.ts';

/**
 * Pictures of clearly fictional documents for the demo: an SVG drawn here (guilloche-like rosettes
 * and waves, a silhouette instead of a photograph, invented names, an MRZ-like zone and
 * "SPECIMEN — FICTICIO / NOT A REAL DOCUMENT" across it), rasterised by sharp. Each view has its
 * own look: the data page in visible light, the cover or the back, under UV (dark violet, the
 * fluorescent pattern and fibres glowing), in infrared (only the IR-absorbing inks left), a detail.
 */
export const WIDTH = 800;
export const HEIGHT = 550;

export type PictureView = 'front' | 'back' | 'data_page' | 'uv' | 'ir' | 'detail';

export interface DocumentPicture {
  documentType: string;
  issuer: string;
  surname: string;
  givenNames: string;
  nationality: string;
  number: string;
  birth: string; // YYYY-MM-DD
  expiry: string; // YYYY-MM-DD
  sex: 'F' | 'M';
  hue: number;
}

const TITLES: Record<string, [string, string]> = {
  passport: ['PASAPORTE', 'PASSPORT'],
  identity_card: ['DOCUMENTO DE IDENTIDAD', 'IDENTITY CARD'],
  visa: ['VISA', 'VISA'],
  residence_permit: ['PERMISO DE RESIDENCIA', 'RESIDENCE PERMIT'],
  refugee_travel_document: ['DOCUMENTO DE VIAJE', 'TRAVEL DOCUMENT'],
  entry_exit_stamp: ['CONTROL MIGRATORIO', 'IMMIGRATION CONTROL'],
  birth_certificate: ['PARTIDA DE NACIMIENTO', 'BIRTH CERTIFICATE'],
  other: ['DOCUMENTO', 'DOCUMENT'],
};

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** ICAO 9303 check digit (weights 7, 3, 1). */
export function checkDigit(value: string): string {
  const weights = [7, 3, 1];
  let sum = 0;
  for (const [i, ch] of [...value].entries()) {
    const v = ch === '<' ? 0 : /\d/.test(ch) ? Number(ch) : ch.charCodeAt(0) - 55;
    sum += v * weights[i % 3]!;
  }
  return String(sum % 10);
}

const mrzName = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[^A-Z]+/g, '<');

/** Two MRZ-like lines of 44 characters (the TD3 layout, with real check digits over invented data). */
export function mrzLines(p: DocumentPicture): [string, string] {
  const code = p.documentType === 'visa' ? 'V<' : p.documentType === 'passport' || p.documentType === 'refugee_travel_document' ? 'P<' : 'I<';
  const line1 = `${code}${p.issuer}${mrzName(p.surname)}<<${mrzName(p.givenNames)}`.padEnd(44, '<').slice(0, 44);
  const number = p.number
    .replace(/[^A-Z0-9]/gi, '')
    .toUpperCase()
    .padEnd(9, '<')
    .slice(0, 9);
  const yymmdd = (date: string) => date.slice(2).replace(/-/g, '');
  const parts = [
    `${number}${checkDigit(number)}`,
    p.nationality,
    `${yymmdd(p.birth)}${checkDigit(yymmdd(p.birth))}`,
    p.sex,
    `${yymmdd(p.expiry)}${checkDigit(yymmdd(p.expiry))}`,
  ];
  const personal = '<'.repeat(14);
  const body = `${parts.join('')}${personal}${checkDigit(personal)}`;
  const line2 = `${body}${checkDigit(body.slice(0, 10) + body.slice(13, 20) + body.slice(21, 43))}`;
  return [line1, line2.padEnd(44, '<').slice(0, 44)];
}

/** A hypotrochoid rosette: the curve security printers draw by the thousand. */
function rosette(cx: number, cy: number, big: number, small: number, offset: number, scale: number): string {
  const points: string[] = [];
  const turns = small / gcd(Math.round(big), Math.round(small));
  const steps = Math.min(900, Math.round(110 * turns));
  for (let i = 0; i <= steps; i++) {
    const t = (i / steps) * 2 * Math.PI * turns;
    const x = (big - small) * Math.cos(t) + offset * Math.cos(((big - small) / small) * t);
    const y = (big - small) * Math.sin(t) - offset * Math.sin(((big - small) / small) * t);
    points.push(`${(cx + x * scale).toFixed(1)},${(cy + y * scale).toFixed(1)}`);
  }
  return `M${points.join('L')}`;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** Horizontal sine waves, slightly out of phase: a guilloche band. */
function waves(y0: number, height: number, count: number, random: Random): string {
  const paths: string[] = [];
  const period = random.int(38, 70);
  for (let k = 0; k < count; k++) {
    const phase = (k / count) * Math.PI * 2;
    const points: string[] = [];
    for (let x = 0; x <= WIDTH; x += 6) {
      const y = y0 + height / 2 + (height / 2) * Math.sin((x / period) * Math.PI * 2 + phase) * Math.cos((x / (period * 5.3)) * Math.PI + phase / 2);
      points.push(`${x},${y.toFixed(1)}`);
    }
    paths.push(`M${points.join('L')}`);
  }
  return paths.join(' ');
}

interface Palette {
  paper: [string, string];
  lines: string[];
  text: string;
  label: string;
  photo: string;
  silhouette: string;
  watermark: string;
  lineOpacity: number;
  glow: boolean;
}

function palette(p: DocumentPicture, view: PictureView): Palette {
  const h = p.hue;
  if (view === 'uv') {
    return {
      paper: ['#12042a', '#2a0b4d'],
      lines: ['#39ff88', '#ff4fd8', '#4fd2ff', '#fff36b'],
      text: '#5b4a7a',
      label: '#4a3b66',
      photo: '#1d0c38',
      silhouette: '#2d1a4f',
      watermark: '#b58cff',
      lineOpacity: 0.85,
      glow: true,
    };
  }
  if (view === 'ir') {
    return {
      paper: ['#e6e6e6', '#dcdcdc'],
      lines: ['#d0d0d0', '#cccccc'],
      text: '#9a9a9a',
      label: '#b5b5b5',
      photo: '#c9c9c9',
      silhouette: '#202020',
      watermark: '#a0a0a0',
      lineOpacity: 0.5,
      glow: false,
    };
  }
  return {
    paper: [`hsl(${h}, 45%, 90%)`, `hsl(${(h + 50) % 360}, 50%, 82%)`],
    lines: [`hsl(${h}, 60%, 45%)`, `hsl(${(h + 30) % 360}, 65%, 50%)`, `hsl(${(h + 180) % 360}, 45%, 55%)`],
    text: '#1d2330',
    label: '#5a6275',
    photo: '#d6d9de',
    silhouette: '#8f959f',
    watermark: '#c0262d',
    lineOpacity: 0.38,
    glow: false,
  };
}

function security(_p: DocumentPicture, view: PictureView, pal: Palette, random: Random): string {
  const strokes: string[] = [];
  // Under UV the whole pattern glows: one blur for the group (a filter per stroke costs seconds).
  const glow = '';
  const rosettes = view === 'back' ? 3 : 2;
  for (let i = 0; i < rosettes; i++) {
    const big = random.int(90, 160);
    const small = random.int(17, 47);
    const d = random.int(20, 80);
    const cx = view === 'back' ? 200 + i * 200 : i === 0 ? 600 : 320;
    const cy = view === 'back' ? 260 : i === 0 ? 300 : 260;
    strokes.push(
      `<path d="${rosette(cx, cy, big, small, d, 1.15)}" fill="none" stroke="${pal.lines[i % pal.lines.length]}" stroke-width="0.7" opacity="${pal.lineOpacity}"${glow}/>`,
    );
  }
  strokes.push(`<path d="${waves(64, 34, 9, random)}" fill="none" stroke="${pal.lines[1]}" stroke-width="0.6" opacity="${pal.lineOpacity}"${glow}/>`);
  strokes.push(
    `<path d="${waves(430, 28, 7, random)}" fill="none" stroke="${pal.lines[0]}" stroke-width="0.6" opacity="${pal.lineOpacity}"${glow}/>`,
  );
  if (view === 'uv') {
    // Fluorescent fibres and an emblem that only shows under UV.
    for (let i = 0; i < 70; i++) {
      const x = random.int(10, WIDTH - 10);
      const y = random.int(10, HEIGHT - 10);
      const dx = random.int(-14, 14);
      const dy = random.int(-14, 14);
      strokes.push(`<path d="M${x},${y} q${dx},${dy} ${dx * 2},${-dy}" stroke="${random.pick(pal.lines)}" stroke-width="1.3" fill="none"${glow}/>`);
    }
    const star = Array.from({ length: 10 }, (_, k) => {
      const r = k % 2 === 0 ? 70 : 30;
      const a = (k / 10) * Math.PI * 2 - Math.PI / 2;
      return `${(560 + r * Math.cos(a)).toFixed(1)},${(250 + r * Math.sin(a)).toFixed(1)}`;
    }).join(' ');
    strokes.push(`<polygon points="${star}" fill="none" stroke="#fff36b" stroke-width="3"${glow}/>`);
    strokes.push(`<circle cx="560" cy="250" r="95" fill="none" stroke="#4fd2ff" stroke-width="2"${glow}/>`);
  }
  return pal.glow ? `<g filter="url(#glow)">${strokes.join('')}</g>` : strokes.join('');
}

function silhouette(x: number, y: number, w: number, h: number, pal: Palette, id: string): string {
  return `<clipPath id="${id}"><rect x="${x}" y="${y}" width="${w}" height="${h}" rx="6"/></clipPath>
    <rect x="${x}" y="${y}" width="${w}" height="${h}" rx="6" fill="${pal.photo}" stroke="${pal.label}" stroke-width="1.5"/>
    <g clip-path="url(#${id})" fill="${pal.silhouette}">
      <circle cx="${x + w / 2}" cy="${y + h * 0.38}" r="${w * 0.24}"/>
      <ellipse cx="${x + w / 2}" cy="${y + h * 1.02}" rx="${w * 0.46}" ry="${h * 0.36}"/>
    </g>`;
}

function value(x: number, y: number, text: string, pal: Palette, size = 19): string {
  return `<text x="${x}" y="${y}" font-family="DejaVu Sans Mono" font-size="${size}" font-weight="bold" fill="${pal.text}">${escapeXml(text)}</text>`;
}

const label = (x: number, y: number, text: string, pal: Palette) =>
  `<text x="${x}" y="${y}" font-family="DejaVu Sans" font-size="10" fill="${pal.label}">${escapeXml(text)}</text>`;

const dmy = (iso: string) => {
  const [y, m, d] = iso.split('-');
  return `${d}.${m}.${y}`;
};

const title = (p: DocumentPicture, pal: Palette, suffix?: string) => {
  const [es, en] = TITLES[p.documentType] ?? TITLES.other!;
  const text = suffix ?? `${es} / ${en}`;
  return `<text x="40" y="48" font-family="DejaVu Sans" font-size="${text.length > 30 ? 20 : 24}" font-weight="bold" fill="${pal.text}">${escapeXml(p.issuer)} · ${escapeXml(text)}</text>`;
};

/** The data page's printed form: labels, the photo area with its silhouette, microtext, the MRZ band. */
function pageForm(view: PictureView, pal: Palette): string {
  const microtext = 'ENLACE·SPECIMEN·FICTICIO·'.repeat(18);
  return `
    <text x="40" y="98" font-family="DejaVu Sans" font-size="6" fill="${pal.label}" opacity="0.9">${microtext}</text>
    ${silhouette(40, 112, 190, 240, { ...pal, silhouette: view === 'ir' ? '#181818' : pal.silhouette }, 'photo')}
    ${label(260, 120, 'Apellidos / Surname', pal)}
    ${label(260, 170, 'Nombres / Given names', pal)}
    ${label(260, 220, 'Nacionalidad / Nationality', pal)}
    ${label(470, 220, 'Sexo / Sex', pal)}
    ${label(260, 270, 'Fecha de nacimiento / Date of birth', pal)}
    ${label(260, 320, 'Fecha de vencimiento / Date of expiry', pal)}
    ${label(560, 120, 'No. / No.', pal)}
    <g opacity="${view === 'ir' ? 0.15 : 0.28}">${silhouette(650, 250, 90, 115, pal, 'ghost')}</g>
    <rect x="0" y="448" width="${WIDTH}" height="102" fill="${view === 'uv' ? '#12042a' : '#ffffff'}" opacity="${view === 'uv' ? 0.6 : 0.45}"/>`;
}

/** What the holder's personalisation adds to the page. */
function pageData(p: DocumentPicture, view: PictureView, pal: Palette): string {
  const [line1, line2] = mrzLines(p);
  const ink = view === 'ir' ? '#111111' : pal.text;
  return `${title(p, pal)}
    ${value(260, 142, p.surname.toUpperCase(), pal)}
    ${value(260, 192, p.givenNames.toUpperCase(), pal)}
    ${value(260, 242, p.nationality, pal)}
    ${value(470, 242, p.sex, pal)}
    ${value(260, 292, dmy(p.birth), pal)}
    ${value(260, 342, dmy(p.expiry), pal)}
    <text x="560" y="144" font-family="DejaVu Sans Mono" font-size="21" font-weight="bold" fill="${view === 'ir' ? '#111111' : '#9b1c1c'}">${escapeXml(p.number)}</text>
    <text x="30" y="486" font-family="DejaVu Sans Mono" font-size="21" fill="${ink}" letter-spacing="1.2">${escapeXml(line1)}</text>
    <text x="30" y="522" font-family="DejaVu Sans Mono" font-size="21" fill="${ink}" letter-spacing="1.2">${escapeXml(line2)}</text>`;
}

function cover(p: DocumentPicture, view: PictureView): string {
  const [es, en] = TITLES[p.documentType] ?? TITLES.other!;
  const dark = view === 'uv' ? '#1a0733' : view === 'ir' ? '#3a3a3a' : `hsl(${p.hue}, 55%, 22%)`;
  const gold = view === 'uv' ? '#6b5a8a' : view === 'ir' ? '#777777' : '#d8b25a';
  return `
    <rect x="0" y="0" width="${WIDTH}" height="${HEIGHT}" fill="${dark}"/>
    <circle cx="400" cy="250" r="92" fill="none" stroke="${gold}" stroke-width="5"/>
    <circle cx="400" cy="250" r="68" fill="none" stroke="${gold}" stroke-width="2"/>
    <path d="M400,190 L418,240 L470,240 L428,270 L444,320 L400,290 L356,320 L372,270 L330,240 L382,240 Z" fill="${gold}" opacity="0.9"/>
    <text x="400" y="90" text-anchor="middle" font-family="DejaVu Serif" font-size="30" fill="${gold}">${escapeXml(p.issuer)}</text>
    <text x="400" y="410" text-anchor="middle" font-family="DejaVu Serif" font-size="34" font-weight="bold" fill="${gold}">${escapeXml(es)}</text>
    <text x="400" y="450" text-anchor="middle" font-family="DejaVu Serif" font-size="24" fill="${gold}">${escapeXml(en)}</text>`;
}

function backForm(view: PictureView): string {
  const chip = view === 'uv' ? '#4a3b66' : view === 'ir' ? '#333' : '#c9a94d';
  return `
    <rect x="600" y="110" width="120" height="90" rx="14" fill="${chip}" stroke="#6b5a2a"/>
    <path d="M600,155 H720 M660,110 V200 M630,110 V140 M690,110 V140 M630,170 V200 M690,170 V200" stroke="#6b5a2a" stroke-width="2"/>`;
}

function backData(p: DocumentPicture, view: PictureView, pal: Palette, random: Random): string {
  const bars: string[] = [];
  let x = 60;
  while (x < 560) {
    const w = random.int(1, 4);
    bars.push(`<rect x="${x}" y="360" width="${w}" height="60" fill="${view === 'uv' ? '#3a2a5a' : '#111'}"/>`);
    x += w + random.int(1, 4);
  }
  return `${title(p, pal, 'REVERSO / BACK')}
    ${bars.join('')}
    <text x="60" y="440" font-family="DejaVu Sans Mono" font-size="14" fill="${pal.text}">${escapeXml(p.number)} · ${escapeXml(p.nationality)} · ${dmy(p.expiry)}</text>`;
}

const svg = (viewBox: string, defs: string, content: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="${viewBox}"><defs>${defs}</defs>${content}</svg>`;

const DEFS = (pal: Palette) =>
  `<linearGradient id="paper" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${pal.paper[0]}"/><stop offset="1" stop-color="${pal.paper[1]}"/></linearGradient>
  <filter id="glow" x="-20%" y="-20%" width="140%" height="140%"><feGaussianBlur stdDeviation="2.2" result="b"/><feMerge><feMergeNode in="b"/><feMergeNode in="SourceGraphic"/></feMerge></filter>`;

type Layout = 'cover' | 'back' | 'page';
const layoutOf = (p: DocumentPicture, view: PictureView): Layout =>
  view === 'front' && (p.documentType === 'passport' || p.documentType === 'refugee_travel_document') ? 'cover' : view === 'back' ? 'back' : 'page';

/** What does not depend on the holder: paper, security pattern, printed form, the warning — or the cover. */
function formLayer(p: DocumentPicture, view: PictureView, pal: Palette, random: Random): string {
  const layout = layoutOf(p, view);
  if (layout === 'cover') return `${cover(p, view)}${warning(view, pal)}`;
  return `<rect x="0" y="0" width="${WIDTH}" height="${HEIGHT}" fill="url(#paper)"/>${security(p, view, pal, random)}${layout === 'back' ? backForm(view) : pageForm(view, pal)}${warning(view, pal)}`;
}

function warning(view: PictureView, pal: Palette): string {
  const mark = view === 'ir' ? '#9a9a9a' : pal.watermark;
  return `<g transform="rotate(-16 400 275)" font-family="DejaVu Sans" font-weight="bold" text-anchor="middle" fill="${mark}" opacity="${view === 'uv' ? 0.55 : 0.42}">
    <text x="400" y="262" font-size="50">SPECIMEN — FICTICIO</text>
    <text x="400" y="318" font-size="36">NOT A REAL DOCUMENT</text>
  </g>
  ${view === 'uv' ? '<text x="770" y="440" text-anchor="end" font-family="DejaVu Sans" font-size="16" fill="#b58cff">UV 365 nm</text>' : ''}
  ${view === 'ir' ? '<text x="770" y="440" text-anchor="end" font-family="DejaVu Sans" font-size="16" fill="#555">IR 870 nm</text>' : ''}`;
}

/** The holder's data on it. */
function dataLayer(p: DocumentPicture, view: PictureView, pal: Palette, random: Random): string {
  const layout = layoutOf(p, view);
  return layout === 'cover' ? '' : layout === 'back' ? backData(p, view, pal, random) : pageData(p, view, pal);
}

/** The window a view shows: the whole document, or for the detail a 2.5× close-up (fixed per look). */
function viewBoxOf(p: DocumentPicture, view: PictureView): string {
  if (view !== 'detail') return `0 0 ${WIDTH} ${HEIGHT}`;
  const random = new Random(hash(`window:${p.documentType}`));
  return `${random.int(30, 120)} ${random.int(90, 180)} ${WIDTH / 2.5} ${HEIGHT / 2.5}`;
}

/** The whole SVG of one view. */
export function documentSvg(p: DocumentPicture, view: PictureView, random: Random): string {
  const pal = palette(p, view);
  return svg(viewBoxOf(p, view), DEFS(pal), formLayer(p, view, pal, new Random(hash(lookOf(p, view)))) + dataLayer(p, view, pal, random));
}

/** What a form looks like: the view, the issuer's colour (not under UV or IR, which have their own), the layout. */
function lookOf(p: DocumentPicture, view: PictureView): string {
  const layout = layoutOf(p, view);
  const colour = view === 'uv' || view === 'ir' ? 0 : p.hue;
  return `${view}:${colour}:${layout === 'cover' ? `cover:${p.issuer}:${p.documentType}` : layout}:${viewBoxOf(p, view)}`;
}

const hash = (text: string) => [...text].reduce((h, c) => (Math.imul(h, 31) + c.charCodeAt(0)) >>> 0, 7);

interface Raster {
  data: Buffer;
  channels: 1 | 2 | 3 | 4;
}

/**
 * Rasterised forms, shared by every picture of the same look (issuer colour, layout, view): the
 * security pattern is most of the drawing time. Its randomness comes from the look, not from the
 * specimen, so a cached form is the one any specimen would have drawn.
 */
export class BackgroundCache {
  readonly #cache = new Map<string, Promise<Raster>>();

  get(p: DocumentPicture, view: PictureView): Promise<Raster> {
    const key = lookOf(p, view);
    let found = this.#cache.get(key);
    if (!found) {
      const pal = palette(p, view);
      found = sharp(Buffer.from(svg(viewBoxOf(p, view), DEFS(pal), formLayer(p, view, pal, new Random(hash(key))))), { density: 72 })
        .raw()
        .toBuffer({ resolveWithObject: true })
        .then(({ data, info }) => ({ data, channels: info.channels }));
      this.#cache.set(key, found);
    }
    return found;
  }
}

/** One view as a JPEG of 800×550. */
export async function renderDocument(p: DocumentPicture, view: PictureView, random: Random, cache = new BackgroundCache()): Promise<Buffer> {
  const pal = palette(p, view);
  const form = await cache.get(p, view);
  let image: Sharp = sharp(form.data, { raw: { width: WIDTH, height: HEIGHT, channels: form.channels } });
  const data = dataLayer(p, view, pal, random);
  if (data) image = image.composite([{ input: Buffer.from(svg(viewBoxOf(p, view), '', data)) }]);
  // Infrared: the palette is already grey; stored as a one-channel picture.
  if (view === 'ir') image = image.toColourspace('b-w');
  return image.jpeg({ quality: 80 }).toBuffer();
}
