// E-mail delivery through the destination's SMTP server (nodemailer). Same bounds as the webhooks: a
// timeout on connecting, greeting and every socket read, so a server that never answers ends as an error.
import nodemailer from 'nodemailer';
import type { EmailSettings } from '../contract';
import { formatEmail, type Notice } from './format';

export async function sendEmail(settings: EmailSettings, password: string | undefined, notice: Notice, timeoutMs: number): Promise<void> {
  const transport = nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.security === 'tls',
    requireTLS: settings.security === 'starttls',
    ignoreTLS: settings.security === 'none',
    auth: settings.user ? { user: settings.user, pass: password ?? '' } : undefined,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  try {
    const { subject, text } = formatEmail(notice);
    await transport.sendMail({ from: settings.from, to: settings.to, subject, text });
  } finally {
    transport.close();
  }
}
