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
 * Without a relay, mail goes to the server's console, so that a newcomer running the embedded
 * portal can follow an invitation link. It is written to stdout, not into the structured log.
 */
class ConsoleSender implements MailSender {
  readonly kind = 'console';
  constructor(readonly write: (text: string) => void) {}
  async send(mail: Mail): Promise<void> {
    this.write(
      `\n----- mail (no ENLACE_SMTP_URL set) -----\nTo: ${mail.to}\nSubject: ${mail.subject}\n\n${mail.text}\n-----------------------------------------\n`,
    );
  }
  async close(): Promise<void> {}
}

export function createMailSender(config: Config, write: (text: string) => void = (t) => process.stdout.write(t)): MailSender {
  return config.smtpUrl ? new SmtpSender(config.smtpUrl, config.mailFrom) : new ConsoleSender(write);
}
