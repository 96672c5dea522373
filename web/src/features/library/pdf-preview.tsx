import { useEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from '../../lib/i18n/index.tsx';

/**
 * A PDF's first pages drawn on canvases in the page itself, with pdf.js (loaded only here, its worker
 * a script of the portal's own origin: the CSP's script-src 'self' covers it, nothing is added).
 * The bytes come from the audited version route; nothing of the PDF runs as script (no eval).
 */
export function PdfPreview({ url, pages = 3 }: { url: string; pages?: number }) {
  const { t } = useI18n();
  const holder = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<'loading' | 'shown' | 'failed'>('loading');
  useEffect(() => {
    let cancelled = false;
    let destroy: (() => void) | null = null;
    (async () => {
      const [{ getDocument, GlobalWorkerOptions }, worker] = await Promise.all([
        import('pdfjs-dist'),
        import('pdfjs-dist/build/pdf.worker.min.mjs?url'),
      ]);
      GlobalWorkerOptions.workerSrc = worker.default;
      const response = await fetch(url, { credentials: 'same-origin', cache: 'no-store' });
      if (!response.ok) throw new Error(String(response.status));
      const task = getDocument({ data: new Uint8Array(await response.arrayBuffer()), isEvalSupported: false, disableFontFace: true, verbosity: 0 });
      destroy = () => void task.destroy();
      const doc = await task.promise;
      for (let n = 1; n <= Math.min(pages, doc.numPages) && !cancelled; n++) {
        const page = await doc.getPage(n);
        const viewport = page.getViewport({ scale: 1.2 });
        const canvas = document.createElement('canvas');
        canvas.width = Math.floor(viewport.width);
        canvas.height = Math.floor(viewport.height);
        canvas.setAttribute('aria-label', t('library.previewPage').replace('{n}', String(n)));
        canvas.setAttribute('role', 'img');
        canvas.className = 'library-preview-page';
        await page.render({ canvas, viewport }).promise;
        holder.current?.append(canvas);
      }
      if (!cancelled) setState('shown');
    })().catch(() => {
      if (!cancelled) setState('failed');
    });
    return () => {
      cancelled = true;
      destroy?.();
    };
  }, [url]);
  return (
    <div class="library-preview" aria-busy={state === 'loading' ? 'true' : undefined} data-state={state}>
      {state === 'loading' ? <p>{t('library.previewLoading')}</p> : null}
      {state === 'failed' ? <p role="alert">{t('library.previewFailed')}</p> : null}
      <div ref={holder} />
    </div>
  );
}
