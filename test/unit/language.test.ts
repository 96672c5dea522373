import t from 'tap';
import { negotiateLanguage } from '../../server/platform/i18n/language.ts';
import { message } from '../../server/platform/i18n/messages.ts';

t.test('Accept-Language picks the best of es and en', async (t) => {
  t.equal(negotiateLanguage(undefined), 'es', 'Spanish by default');
  t.equal(negotiateLanguage(''), 'es');
  t.equal(negotiateLanguage('en'), 'en');
  t.equal(negotiateLanguage('en-GB,en;q=0.9'), 'en');
  t.equal(negotiateLanguage('es-MX'), 'es');
  t.equal(negotiateLanguage('fr-FR,fr;q=0.9,en;q=0.8,es;q=0.7'), 'en', 'first supported by weight');
  t.equal(negotiateLanguage('es;q=0.2,en;q=0.9'), 'en', 'weights, not order');
  t.equal(negotiateLanguage('en;q=0,es'), 'es', 'q=0 means not acceptable');
  t.equal(negotiateLanguage('*'), 'es');
  t.equal(negotiateLanguage('pt-BR'), 'es');
  t.equal(negotiateLanguage(';;;,,q=x'), 'es', 'garbage falls back');
  t.equal(negotiateLanguage('de', 'en'), 'en', 'the caller’s fallback (a user’s preference) wins over the default');
});

t.test('messages fill their placeholders and keep unknown ones visible', async (t) => {
  t.equal(message('en', 'validation_failed', { field: 'body.email', reason: 'is required' }), 'The field body.email is required.');
  t.match(message('es', 'validation_failed', { field: 'body.email' }), /body\.email.*\{reason\}/);
});
