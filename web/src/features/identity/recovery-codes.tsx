import { saveFile } from '../../lib/files.ts';
import { useI18n } from '../../lib/i18n/index.tsx';

/**
 * Ten recovery codes, shown once: the instruction to keep them offline, a download, and a
 * confirmation before the codes leave the screen for good.
 */
export function RecoveryCodes({ codes, email, onDone }: { codes: string[]; email: string; onDone: () => void }) {
  const { t } = useI18n();
  const save = () => {
    const lines = [
      t('recovery.fileTitle', { email }),
      t('recovery.fileDate', { date: new Date().toISOString().slice(0, 10) }),
      t('recovery.fileNote'),
      '',
      ...codes.map((code, i) => `${String(i + 1).padStart(2, ' ')}. ${code}`),
      '',
    ];
    // Made in the page: nothing goes back to the server.
    saveFile(new Blob([lines.join('\r\n')], { type: 'text/plain;charset=utf-8' }), 'enlace-recovery-codes.txt');
  };
  return (
    <div class="recovery">
      <p class="alert alert-warn">{t('recovery.warning')}</p>
      <p>{t('recovery.howToUse')}</p>
      <ol class="codes" aria-label={t('recovery.listLabel')}>
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <div class="actions">
        <button type="button" class="button button-secondary" onClick={save}>
          {t('recovery.download')}
        </button>
        <button type="button" class="button" onClick={onDone}>
          {t('recovery.stored')}
        </button>
      </div>
    </div>
  );
}
