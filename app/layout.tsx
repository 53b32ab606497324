import './globals.css';
import type { Metadata } from 'next';
import { Providers } from '@/components/providers';
import { THEME_BOOT } from '@/components/frame/theme';

export const metadata: Metadata = { title: 'Slipway', description: 'Operate Docker and Compose deployments' };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    // the theme class is set before the first paint by THEME_BOOT, so React must not fight it
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: THEME_BOOT }} />
      </head>
      <body>
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
