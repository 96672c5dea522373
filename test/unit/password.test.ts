import t from 'tap';
import { PasswordHasher } from '../../server/platform/auth/password.ts';

t.test('argon2id hashes verify, and wrong passwords do not', async (t) => {
  const hasher = new PasswordHasher(2);
  const hash = await hasher.hash('correct horse battery staple');
  t.match(hash, /^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
  t.same(await hasher.verify(hash, 'correct horse battery staple'), { ok: true, needsRehash: false });
  t.same(await hasher.verify(hash, 'Correct horse battery staple'), { ok: false, needsRehash: false });
  t.same(await hasher.verify('not a hash', 'anything'), { ok: false, needsRehash: false }, 'a corrupt hash is a failure, not a crash');
  t.equal(await hasher.verifyNothing('whatever'), false);
});

t.test('at most `concurrency` hashes run at once; beyond the queue bound callers are refused at once', async (t) => {
  const hasher = new PasswordHasher(1, 2);
  const running = [hasher.hash('first password!!'), hasher.hash('second password!'), hasher.hash('third password!!')];
  // One runs, two wait: the queue is full, the fourth is refused without waiting.
  await t.rejects(hasher.hash('fourth password!'), { name: 'PasswordQueueFull' });
  const hashes = await Promise.all(running);
  t.equal(hashes.length, 3);
  t.resolves(hasher.hash('after the flood'), 'the queue drains and accepts again');
});
