import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { Test } from 'tap';

export interface CaughtMail {
  to: string[];
  subject: string;
  text: string;
  parsed: ParsedMail;
}

export interface SmtpCatcher {
  url: string;
  messages: CaughtMail[];
  /** Resolves when `count` messages have arrived (event-driven, no polling). */
  received(count: number): Promise<CaughtMail[]>;
}

/** A real SMTP server in this process (the smtp-server package), collecting what it is sent. */
export async function startSmtp(t: Test): Promise<SmtpCatcher> {
  const messages: CaughtMail[] = [];
  const waiters: { count: number; resolve: (m: CaughtMail[]) => void }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (parsed) => {
          messages.push({
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            parsed,
          });
          for (const w of waiters.filter((w) => messages.length >= w.count)) w.resolve(messages.slice());
          callback();
        },
        (err: Error) => callback(err),
      );
    },
  });
  server.listen(0, '127.0.0.1');
  await once(server.server, 'listening');
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    received(count) {
      if (messages.length >= count) return Promise.resolve(messages.slice());
      return new Promise((resolve) => waiters.push({ count, resolve }));
    },
  };
}
