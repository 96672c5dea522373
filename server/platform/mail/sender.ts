import { promises as fs } from 'node:fs';
import path from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Config } from '../../config.ts';

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

/** The one way out for mail: SMTP when configured, the console in the embedded default. */
export interface MailSender {
  readonly kind: 'smtp' | 'console';
  send(mail: Mail): Promise<void>;
  close(): Promise<void>;
}

class SmtpSender implements MailSender {
  readonly kind = 'smtp';
  readonly #transport: Transporter;
  readonly #from: string;
  constructor(url: string, from: string) {
    this.#transport = nodemailer.createTransport(url);
    this.#from = from;
  }
  async send(mail: Mail): Promise<void> {
    await this.#transport.sendMail({ from: this.#from, to: mail.to, subject: mail.subject, text: mail.text });
  }
  async close(): Promise<void> {
    this.#transport.close();
  }
}

/**
 * Without a relay (the embedded default), each mail is kept whole as a file in the data folder's
 * `mail/` (private, like the rest of the folder) and summarised on the console in one line — with
 * its link, so that a newcomer can follow an invitation — instead of scrolling the console away
 * (an alert's mail is an OpenPGP message of many lines). Never in the structured log.
 */
export class ConsoleSender implements MailSender {
  readonly kind = 'console';
  #count = 0;
  constructor(
    readonly folder: string,
    readonly write: (text: string) => void,
  ) {}
  async send(mail: Mail): Promise<void> {
    await fs.mkdir(this.folder, { recursive: true, mode: 0o700 });
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const file = path.join(this.folder, `${stamp}-${++this.#count}.eml`);
    await fs.writeFile(file, `To: ${mail.to}\nSubject: ${mail.subject}\n\n${mail.text}\n`, { mode: 0o600, flag: 'wx' });
    const link = /https?:\/\/\S+/.exec(mail.text)?.[0];
    this.write(`  mail to ${mail.to}: “${mail.subject}”${link ? ` ${link}` : ''} (in ${file})\n`);
  }
  async close(): Promise<void> {}
}

export function createMailSender(config: Config, write: (text: string) => void = (t) => process.stdout.write(t)): MailSender {
  return config.smtpUrl ? new SmtpSender(config.smtpUrl, config.mailFrom) : new ConsoleSender(path.join(config.dataDir, 'mail'), write);
}
