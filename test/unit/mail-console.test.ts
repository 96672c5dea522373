import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import t from 'tap';
import { ConsoleSender } from '../../server/platform/mail/sender.ts';

t.test('without a relay, a mail is one line on the console (with its link) and kept whole in a private file', async (t) => {
  const folder = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'enlace-mail-')), 'mail');
  t.teardown(() => fs.rm(path.dirname(folder), { recursive: true, force: true }));
  const written: string[] = [];
  const sender = new ConsoleSender(folder, (text) => written.push(text));
  const text = 'Hello,\n\nYou are invited. Choose a password here:\nhttp://127.0.0.1:8080/invitation#token=abc\n\nLong\nbody\nof\nmany\nlines.';
  await sender.send({ to: 'someone@example.org', subject: 'Invitation to Enlace', text });
  await sender.send({ to: 'other@example.org', subject: 'An alert', text: '-----BEGIN PGP MESSAGE-----\n…\n-----END PGP MESSAGE-----' });
  await sender.close();

  t.equal(written.length, 2);
  t.equal(written[0]!.trimEnd().split('\n').length, 1, 'one line per mail');
  t.match(written[0], /mail to someone@example\.org: “Invitation to Enlace” http:\/\/127\.0\.0\.1:8080\/invitation#token=abc \(in .+\.eml\)/);
  t.notMatch(written[1], /PGP/, 'the body stays out of the console');
  const files = (await fs.readdir(folder)).sort();
  t.equal(files.length, 2);
  const first = await fs.readFile(path.join(folder, files[0]!), 'utf8');
  t.equal(first, `To: someone@example.org\nSubject: Invitation to Enlace\n\n${text}\n`, 'the whole mail in the file');
  t.equal((await fs.stat(path.join(folder, files[0]!))).mode & 0o777, 0o600, 'readable by the portal alone');
  t.equal((await fs.stat(folder)).mode & 0o777, 0o700);
});
